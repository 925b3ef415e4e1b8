"""The person picker's search: scoped to people the user may see, by name (any case, ё) and class."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.factories import make_person


def _search(world: World, role: str, query: str) -> str:
    response = world.client_for(role).get(reverse("people:picker"), {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def _named(world: World, last_name: str, *, org: str = "school", consent: bool = True, **membership: object) -> Person:
    person = make_person(getattr(world, org), Role.STUDENT, consent=consent, **membership)
    person.last_name = last_name
    person.save()
    return person


def test_search_ignores_case_and_yo(world: World) -> None:
    person = _named(world, "Семёнова")
    page = _search(world, "curator", "СЕМЕНОВА")
    assert f'data-person-id="{person.pk}"' in page


def test_another_schools_people_are_never_found(world: World) -> None:
    outsider = _named(world, "Чужакова", org="other_school")
    page = _search(world, "curator", "Чужакова")
    assert f'data-person-id="{outsider.pk}"' not in page
    assert "Никого не нашли" in page


def test_a_class_narrows_the_search(world: World) -> None:
    in_class = _named(world, "Рябинина", grade=7, class_letter="Б")
    other_class = _named(world, "Рябинкина", grade=8, class_letter="Б")
    page = _search(world, "curator", "рябин 7б")
    assert f'data-person-id="{in_class.pk}"' in page
    assert f'data-person-id="{other_class.pk}"' not in page
    assert "Рябинина" in page and "7Б" in page


def test_people_without_consent_are_marked(world: World) -> None:
    person = _named(world, "Беззаботнова", consent=False)
    page = _search(world, "curator", "беззаботнова")
    assert f'data-person-id="{person.pk}"' in page
    assert "нет согласия" in page


def test_an_empty_query_lists_nobody(world: World) -> None:
    assert "data-person-id" not in _search(world, "curator", "")


def test_a_too_long_query_is_refused_in_russian(world: World) -> None:
    page = _search(world, "curator", "я" * 101)
    assert "не больше 100 символов" in page
    assert "data-person-id" not in page


def test_pupils_and_parents_cannot_search_people(world: World) -> None:
    for role in ("mentee", "parent", "mentor"):
        response = world.client_for(role).get(reverse("people:picker"), {"q": "а"})
        assert response.status_code == 403
