"""The people list's count is cached per reader and filter under the PEOPLE generation: every change
of who belongs where shows on the next page opened, and an unchanged list is not counted again."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.bases.models import Admission
from nastavnik.common import changes
from nastavnik.orgs.models import Membership, Role
from nastavnik.pairs import services
from nastavnik.privacy.withdrawal import clear_contacts
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person
from tests.imports.helpers import STUDENT_HEADER, import_file, xlsx_bytes

pytestmark = pytest.mark.django_db


def _open(world: World, user: str = "curator", **query: str) -> tuple[int, list[str]]:
    """The list's count and the COUNT queries the page ran."""
    with CaptureQueriesContext(connection) as queries:
        response = world.client_for(user).get(reverse("people:list"), query)
    assert response.status_code == 200
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    return response.context["total_count"], counted


def test_an_unchanged_list_is_counted_once_and_each_reader_and_filter_apart(world: World) -> None:
    total, counted = _open(world)
    assert total == world.school.memberships.values("person").distinct().count() and len(counted) == 1
    assert _open(world) == (total, [])
    assert _open(world, page="2")[1] == []  # another page of the same list
    assert _open(world, unknown="x") == (total, [])  # not a filter: the same list
    by_role, counted = _open(world, role=Role.STUDENT)
    assert len(counted) == 1 and by_role < total
    other, counted = _open(world, user="other_curator")
    assert len(counted) == 1 and other != total


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda world: make_person(world.school, Role.STUDENT), id="a new person"),
        pytest.param(
            lambda world: Membership.objects.filter(organisation=world.school, role=Role.STUDENT).first().delete(),
            id="a membership removed",
        ),
    ],
)
def test_a_change_of_membership_shows_on_the_next_page(world: World, change: Any) -> None:
    before, _ = _open(world)
    version = changes.version(changes.PEOPLE)
    change(world)
    assert changes.version(changes.PEOPLE) > version
    after, counted = _open(world)
    assert len(counted) == 1
    assert after == world.school.memberships.values("person").distinct().count() != before


def test_an_import_written_in_bulk_shows_on_the_next_page(world: World) -> None:
    before, _ = _open(world)
    rows = [
        STUDENT_HEADER,
        ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"],
        ["Кудрявцев", "Пётр", "", "01.03.2011", "9А"],
    ]
    import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes(rows))
    assert _open(world)[0] == before + 2


def test_cleared_contacts_leave_a_search_by_the_address(world: World) -> None:
    person = world.people["mentee"]
    person.email = "novikova.d@example.org"
    person.save()
    assert _open(world, q="novikova.d@example.org")[0] == 1
    clear_contacts(person)
    assert _open(world, q="novikova.d@example.org")[0] == 0


def test_a_pair_confirmed_keeps_the_counts_and_drops_the_figures(world: World) -> None:
    """Seats and statuses change by queryset updates (touch of the monitoring's figures): who belongs
    where does not, so the people list is not counted again after every pair a curator confirms."""
    mentor = make_mentor_entry(world.people["teacher"], world.programme, admission=Admission.ADMITTED)
    mentee = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    people, dashboard = changes.version(changes.PEOPLE), changes.version(changes.DASHBOARD)
    services.appoint(mentor, mentee, None)
    assert changes.version(changes.DASHBOARD) > dashboard
    assert changes.version(changes.PEOPLE) == people
