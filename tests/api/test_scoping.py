"""Every role of the permission matrix over the API's lists: the same scope as the pages (nastavnik.access).

The expected readers are those of the matching page in tests/test_permission_matrix.py: whoever
gets 200 on the page of an object finds it in the API list; everyone else does not.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from nastavnik.api import tokens
from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.diary.models import PairMeeting
from nastavnik.orgs.models import Membership
from nastavnik.pairs.models import Pair
from nastavnik.people.scope import visible_people
from nastavnik.surveys.models import Campaign, InstrumentVersion
from tests.api.conftest import call
from tests.conftest import ROLES, World
from tests.pairs.matrix_diary import active_pair, meeting_of

SCHOOL_STAFF_READERS = ["admin", "region", "district", "director", "curator", "working_group"]
EXPECTED = {
    "/people": [*SCHOOL_STAFF_READERS, "mentee", "parent"],  # the mentee's own card, the child's card
    "/mentees": [*SCHOOL_STAFF_READERS, "mentee"],
    "/mentors": [*SCHOOL_STAFF_READERS, "mentor"],
    "/pairs": [*SCHOOL_STAFF_READERS, "mentor", "mentee"],
    "/meetings": [*SCHOOL_STAFF_READERS, "mentor", "mentee"],
    "/surveys": SCHOOL_STAFF_READERS,
    "/organisations": [r for r in ROLES if r not in {"other_district", "other_curator", "anonymous"}],
}


def _objects(world: World) -> dict[str, int]:
    pair = active_pair(world)
    meeting = meeting_of(world)
    campaign = Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка",
        opens_on=datetime.date(2026, 12, 1),
        closes_on=datetime.date(2026, 12, 20),
    )
    return {
        "/people": world.people["mentee"].pk,
        "/mentees": world.mentee_entry.pk,
        "/mentors": world.mentor_entry.pk,
        "/pairs": pair.pk,
        "/meetings": meeting.pk,
        "/surveys": campaign.pk,
        "/organisations": world.school.pk,
    }


def _status_or_ids(key: str | None, path: str) -> set[int] | int:
    joiner = "&" if "?" in path else "?"
    answer = call("get", f"{path}{joiner}page_size=100", key)
    if answer.status != 200:
        return answer.status
    return {item["id"] for item in answer.data["results"]}


def _ids(key: str | None, path: str) -> set[int]:
    found = _status_or_ids(key, path)
    assert isinstance(found, set), f"{path}: {found}"
    return found


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_in_the_lists_exactly_what_its_pages_show(world: World, role: str) -> None:
    objects = _objects(world)
    key = None if role == "anonymous" else tokens.create(User.objects.get(username=role))
    mismatches = []
    for path, pk in objects.items():
        found = _status_or_ids(key, path)
        if role == "anonymous":
            if found != 401:
                mismatches.append(f"{path}: {found}")
            continue
        assert isinstance(found, set), f"{path}: {found}"
        if (pk in found) != (role in EXPECTED[path]):
            mismatches.append(f"{path}: {'found' if pk in found else 'missing'}")
    assert mismatches == []


def test_another_schools_curator_sees_none_of_the_schools_people_or_records(world: World, keys: dict[str, str]) -> None:
    _objects(world)
    school_people = set(Membership.objects.filter(organisation=world.school).values_list("person_id", flat=True))
    key = keys["other_curator"]
    assert _ids(key, "/people") & school_people == set()
    assert _ids(key, "/people") == {world.people["other_curator"].pk, world.people["other_student"].pk}
    for path in ("/mentors", "/pairs", "/meetings", "/surveys"):
        assert _ids(key, path) == set(), path
    assert _ids(key, "/mentees") == {world.other_mentee_entry.pk}
    for path in (
        f"/people/{world.people['mentee'].pk}",
        f"/mentees/{world.mentee_entry.pk}",
        f"/organisations/{world.school.pk}",
        f"/indicators?organisation={world.school.pk}",
    ):
        answer = call("get", path, key)
        assert (answer.status, answer.data["detail"][:2]) in {(404, "Ор"), (404, "Об"), (404, "Не")}, path


@pytest.mark.parametrize("role", [r for r in ROLES if r != "anonymous"])
def test_the_people_list_is_the_access_layers_set(world: World, keys: dict[str, str], role: str) -> None:
    user = User.objects.get(username=role)
    assert _ids(keys[role], "/people") == set(visible_people(user).values_list("pk", flat=True))


@pytest.mark.parametrize("role", ["district", "curator", "mentor"])
def test_lists_equal_the_models_visible_to_querysets(world: World, keys: dict[str, str], role: str) -> None:
    _objects(world)
    user = User.objects.get(username=role)
    expected: dict[str, Any] = {
        "/mentors": MentorEntry.objects.visible_to(user),
        "/mentees": MenteeEntry.objects.visible_to(user),
        "/pairs": Pair.objects.visible_to(user),
        "/meetings": PairMeeting.objects.filter(pair__in=Pair.objects.visible_to(user)),
    }
    for path, qs in expected.items():
        assert _ids(keys[role], path) == set(qs.values_list("pk", flat=True)), path


def test_filters_by_organisation_programme_and_year(world: World, keys: dict[str, str]) -> None:
    year = world.programme.academic_year
    region = keys["region"]
    assert _ids(region, f"/mentees?organisation={world.school.pk}") == {world.mentee_entry.pk}
    assert _ids(region, f"/mentees?programme={world.other_programme.pk}") == {world.other_mentee_entry.pk}
    assert world.mentee_entry.pk in _ids(region, f"/mentees?year={year.start_year}/{year.start_year + 1}")  # type: ignore[operator]
    assert _ids(region, f"/mentees?year={year.start_year - 5}") == set()
    people = _ids(region, f"/people?organisation={world.other_school.pk}")
    assert people == {world.people["other_curator"].pk, world.people["other_student"].pk}


def test_pages_split_a_long_list(world: World, keys: dict[str, str]) -> None:
    first = call("get", "/people?page_size=2&page=1", keys["admin"]).data
    second = call("get", "/people?page_size=2&page=2", keys["admin"]).data
    assert first["count"] == second["count"] >= 4 and len(first["results"]) == 2
    assert {p["id"] for p in first["results"]}.isdisjoint({p["id"] for p in second["results"]})
    assert call("get", "/people?page=9999", keys["admin"]).data["results"] == []


@pytest.mark.parametrize(
    "query", ["page=0", "page_size=1000", "organisation=-1", "organisation=99999999999999", "year=двадцать", "page=x"]
)
def test_bad_query_parameters_get_422_not_500(world: World, keys: dict[str, str], query: str) -> None:
    answer = call("get", f"/pairs?{query}", keys["curator"])
    assert answer.status == 422 and answer.data["detail"][0]["loc"][0] == "query"
