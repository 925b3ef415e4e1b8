from __future__ import annotations

from django.urls import reverse

from nastavnik.access.rules import access_for
from nastavnik.bases.models import MenteeEntry
from nastavnik.people.scope import visible_people
from tests.conftest import World


def _people(world: World, role: str) -> set[int]:
    user = world.people[role].user if role in world.people else None
    assert user is not None
    return set(visible_people(user).values_list("pk", flat=True))


def test_district_coordinator_reads_its_schools_but_not_another_district(world: World) -> None:
    visible = _people(world, "district")
    assert world.people["mentee"].pk in visible
    assert world.people["other_student"].pk not in visible


def test_region_coordinator_reads_every_district(world: World) -> None:
    visible = _people(world, "region")
    assert {world.people["mentee"].pk, world.people["other_student"].pk} <= visible


def test_a_student_sees_only_themselves_and_a_parent_their_child(world: World) -> None:
    assert _people(world, "mentee") == {world.people["mentee"].pk}
    assert _people(world, "parent") == {world.people["parent"].pk, world.people["mentee"].pk}


def test_entries_of_another_organisation_never_reach_a_curator(world: World) -> None:
    user = world.people["curator"].user
    assert user is not None
    entries = MenteeEntry.objects.visible_to(user)
    assert world.other_mentee_entry not in entries and world.mentee_entry in entries


def test_a_deactivated_membership_removes_access(world: World) -> None:
    curator = world.people["curator"]
    curator.memberships.update(is_active=False)
    response = world.client_for("curator").get(reverse("people:list"))
    assert response.status_code == 403
    assert curator.user is not None
    assert not access_for(curator.user).is_staff_reader
