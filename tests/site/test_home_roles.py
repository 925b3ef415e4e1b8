"""The menu and the home page point each role to its pages; the menu folds on a phone when long."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.bases.models import MentorEntry
from nastavnik.orgs.models import Role
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.pairs.matrix_roles import working_pair


def _home(world: World, role: str, path: str = "/") -> str:
    response = world.client_for(role).get(path)
    assert response.status_code == 200
    return response.content.decode()


def _menu(page: str) -> list[str]:
    nav = page[page.index('<ul class="nav-links"') : page.index("</nav>")]
    return re.findall(r'<li><a href="[^"]+"(?: aria-current="page")?>([^<]+)</a></li>', nav)


def test_staff_menus(world: World) -> None:
    curator = _menu(_home(world, "curator"))
    assert {"Программы", "Практики", "Внимание"} <= set(curator) and "Директору" not in curator
    director = _menu(_home(world, "director"))
    assert {"Программы", "Внимание", "Директору"} <= set(director)
    region = _menu(_home(world, "region"))
    assert "Программы" in region and "Директору" not in region


def test_personal_menus_follow_the_pairs(world: World) -> None:
    for role in ("mentor", "mentee", "parent"):
        menu = _menu(_home(world, role))
        assert "Мой календарь" in menu
        assert not {"Мои наставляемые", "Мой наставник", "Наставник ребёнка", "Внимание", "Программы"} & set(menu)
    working_pair(world)
    assert "Мои наставляемые" in _menu(_home(world, "mentor"))
    assert "Мой наставник" in _menu(_home(world, "mentee"))
    assert "Наставник ребёнка" in _menu(_home(world, "parent"))


def test_home_offers_next_steps_per_role(world: World) -> None:
    working_pair(world)
    curator = _home(world, "curator")
    assert reverse("pairs:nudges") in curator and reverse("programmes:list") in curator
    assert reverse("pairs:director") not in curator
    assert reverse("pairs:director") in _home(world, "director")
    assert f'href="{reverse("pairs:my_mentees")}"' in _home(world, "mentor")
    assert f'href="{reverse("pairs:my_mentor")}"' in _home(world, "mentee")
    assert "Наставник ребёнка" in _home(world, "parent")
    assert reverse("programmes:my_calendar") in _home(world, "mentee")


def test_every_menu_folds_behind_menu_on_a_phone(world: World) -> None:
    """Issue 14: a short menu too takes one row on a phone, folded into «Меню» as the curator's is."""
    for role in ("curator", "mentee", "parent", "mentor"):
        page = _home(world, role)
        assert 'class="site-nav foldable"' in page and 'id="nav-toggle"' in page, role


def test_only_the_deepest_menu_item_is_current(world: World) -> None:
    page = _home(world, "curator", reverse("pairs:nudges"))
    current = re.findall(r'<a href="([^"]+)" aria-current="page">', page)
    assert current == [reverse("pairs:nudges")]


def test_home_queries_do_not_grow_with_pairs(world: World) -> None:
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(capacity=30)
    working_pair(world)

    def count(role: str) -> int:
        client = world.client_for(role)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    roles = ["curator", "director", "mentor", "mentee", "parent"]
    before = {role: count(role) for role in roles}
    for grade in range(5, 11):
        mentee = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=grade), world.programme)
        working_pair(world, mentee=mentee)
    assert {role: count(role) for role in roles} == before
    assert max(before.values()) <= 15
