"""The demo's growth-workshops story on a small world (the whole demo is built in tests/site):
a shift with participants and answers, a Master-shelf with a quest in progress, a school with
the ЦРЛП status supporting a new one, a conference with applications."""

from __future__ import annotations

import datetime
import random

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.demo.workshops import create_workshops
from nastavnik.orgs.models import AcademicYear, Membership, Role
from nastavnik.workshops.models import (
    Book,
    Conference,
    Partnership,
    Quest,
    Shift,
    StatusApplication,
    StatusState,
)
from tests.conftest import World
from tests.factories import OrganisationFactory, make_person


def _demo_world(world: World) -> DemoWorld:
    year = AcademicYear.current()
    previous, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    demo = DemoWorld(rng=random.Random(1), today=datetime.date(2026, 12, 7), year=year, previous_year=previous)
    world.region.slug = catalog.REGION_SLUG
    demo.orgs = {catalog.REGION_SLUG: world.region, "school": world.school}
    OrganisationFactory(parent=world.district, short_name="Школа-новичок")
    for role, count, bucket in ((Role.TEACHER, 6, demo.teachers), (Role.STUDENT, 12, demo.students)):
        for _ in range(count):
            person = make_person(world.school, role)
            bucket.setdefault("school", []).append((person, Membership.objects.get(person=person)))
    return demo


def test_the_demo_runs_a_shift_a_shelf_a_partnership_and_a_conference(world: World) -> None:
    create_workshops(_demo_world(world), {})
    shift = Shift.objects.get(organisation=world.school)
    assert shift.participants.count() > 10
    assert shift.campaign is not None and shift.campaign.responses.count() >= 3
    quest = Quest.objects.get(organisation=world.school)
    assert quest.starts_on <= datetime.date(2026, 12, 7) <= quest.ends_on and quest.tasks.count() == 4
    assert Book.objects.filter(donated_by__isnull=False).exists()
    pair = Partnership.objects.get(mentor_school=world.school)
    assert pair.new_school.short_name == "Школа-новичок" and pair.items.count() == 3
    assert StatusApplication.objects.filter(organisation=world.school, status="crlp", state=StatusState.GRANTED)
    conference = Conference.objects.get(code="growth_factors")
    assert conference.applications.count() == 1 and conference.items.count() == 2
