"""The people a coordinator reads are the same whether their organisations go in as ids or as a path range."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection

from nastavnik.access import rules
from nastavnik.orgs.models import Role
from nastavnik.people.scope import visible_people
from tests.conftest import World
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _ids(username: str) -> set[int]:
    return set(visible_people(User.objects.get(username=username)).values_list("pk", flat=True))


@pytest.mark.parametrize("username", ["district", "region", "curator"])
def test_the_id_list_and_the_path_range_read_the_same_people(
    world: World, monkeypatch: pytest.MonkeyPatch, username: str
) -> None:
    make_person(world.school, Role.STUDENT)
    make_person(world.other_school, Role.STUDENT)
    by_ids = _ids(username)
    monkeypatch.setattr(rules, "FEW_ORGS", 0)  # every coordinator's organisations as a range
    by_range = _ids(username)
    assert by_ids == by_range
    assert world.people["mentee"].pk in by_ids


def test_a_district_coordinator_reads_the_district_s_schools_and_not_another_district(world: World) -> None:
    ours, theirs = make_person(world.school, Role.STUDENT), make_person(world.other_school, Role.STUDENT)
    seen = _ids("district")
    assert ours.pk in seen and theirs.pk not in seen
    assert {ours.pk, theirs.pk} <= _ids("region")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_memberships_keep_statistics_for_every_organisation_of_a_region() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'orgs_membership'::regclass AND attname = 'organisation_id'"
        )
        assert cursor.fetchone()[0] == 1000
