"""Fields by role: contacts only to those who manage the person (and the person, the parents); sensitive data never."""

from __future__ import annotations

import pytest

from nastavnik.people.models import SensitiveInfo
from tests.api.conftest import call
from tests.conftest import World

SENSITIVE_WORDS = ("sensitive", "disability", "difficult_situation", "on_register", "health")


def _mentee_card(world: World, key: str) -> dict[str, object]:
    answer = call("get", f"/people/{world.people['mentee'].pk}", key)
    assert answer.status == 200
    data: dict[str, object] = answer.data
    return data


@pytest.fixture
def contacts(world: World) -> None:
    mentee = world.people["mentee"]
    mentee.email, mentee.phone = "masha@example.org", "+7 (900) 123-45-67"
    mentee.save()
    SensitiveInfo.objects.create(person=mentee, disability=True, health_notes="астма")


@pytest.mark.parametrize("role", ["admin", "director", "curator", "working_group", "mentee", "parent"])
def test_managers_the_person_and_the_parent_see_contacts(
    world: World, keys: dict[str, str], contacts: None, role: str
) -> None:
    card = _mentee_card(world, keys[role])
    assert (card["email"], card["phone"]) == ("masha@example.org", "+7 (900) 123-45-67")
    assert card["birth_date"] == world.people["mentee"].birth_date.isoformat()  # type: ignore[union-attr]


@pytest.mark.parametrize("role", ["region", "district"])
def test_coordinators_read_names_and_roles_without_contacts(
    world: World, keys: dict[str, str], contacts: None, role: str
) -> None:
    card = _mentee_card(world, keys[role])
    assert card["last_name"] == world.people["mentee"].last_name
    assert card["memberships"] == [
        {"organisation_id": world.school.pk, "role": "student", "grade": 7, "class_letter": "А"}
    ]
    assert (card["email"], card["phone"], card["birth_date"]) == (None, None, None)


@pytest.mark.parametrize("role", ["admin", "curator", "mentee", "district"])
def test_sensitive_data_is_never_given(world: World, keys: dict[str, str], contacts: None, role: str) -> None:
    raw = str(call("get", "/people?page_size=100", keys[role]).data) + str(_mentee_card(world, keys[role]))
    assert "астма" not in raw
    assert not any(word in raw for word in SENSITIVE_WORDS)


def test_the_request_text_is_for_the_schools_staff_and_the_mentee(world: World, keys: dict[str, str]) -> None:
    path = f"/mentees/{world.mentee_entry.pk}"
    assert call("get", path, keys["curator"]).data["goal"] == "Подтянуть математику"
    assert call("get", path, keys["mentee"]).data["goal"] == "Подтянуть математику"
    assert call("get", path, keys["district"]).data["goal"] is None
