"""A methodological centre in the world's district, a community with its leader and curator, a reserve and a lab."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nastavnik.communities.models import Community, LabSurvey, Member, ReserveCycle, ReserveEntry
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.factories import OrganisationFactory, make_person


@dataclass
class Centre:
    centre: Organisation
    community: Community
    cycle: ReserveCycle
    entry: ReserveEntry
    lab: LabSurvey
    kindergartens: list[Organisation]
    educators: list[Person]


def build_centre(w: World) -> Centre:
    centre = OrganisationFactory(parent=w.district, kind=OrganisationKind.METHODOLOGICAL_CENTRE)
    community = Community.objects.create(
        organisation=centre, name="Лидеры изменений", leader=w.people["mentor"], curator=w.people["working_group"]
    )
    Member.objects.create(community=community, person=w.people["teacher"], asset_role="tutor")
    Member.objects.create(community=community, person=w.people["mentor"], asset_role="change_leader")
    year = AcademicYear.current()
    cycle = ReserveCycle.objects.create(organisation=centre, academic_year=year)
    entry = ReserveEntry.objects.create(
        cycle=cycle, person=w.people["teacher"], workplace=w.school, position="заместитель директора"
    )
    lab = LabSurvey.objects.create(organisation=centre, academic_year=year)
    kindergartens = [OrganisationFactory(parent=w.district, kind=OrganisationKind.KINDERGARTEN) for _ in range(2)]
    educators = [make_person(kg, Role.TEACHER) for kg in kindergartens for _ in range(2)]
    return Centre(centre, community, cycle, entry, lab, kindergartens, educators)


@pytest.fixture
def centre(world: World) -> Centre:
    return build_centre(world)
