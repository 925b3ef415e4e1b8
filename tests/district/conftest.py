"""A hand-built district for the map: two schools of the district, a district programme, last year's data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from nastavnik.bases.models import Admission, MenteeStatus, MentorEntry
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.programmes.models import Programme
from tests.conftest import World
from tests.factories import (
    AcademicYearFactory,
    OrganisationFactory,
    make_mentee_entry,
    make_mentor_entry,
    make_person,
    make_programme,
)


@dataclass
class District:
    world: World
    school_b: Organisation
    district_programme: Programme


def admitted(entry: MentorEntry, capacity: int, load: int = 0) -> MentorEntry:
    entry.admission, entry.capacity = Admission.ADMITTED, capacity
    entry.save()
    # `load` is kept by the pairs services; set it directly for the numbers of the map.
    MentorEntry.objects.filter(pk=entry.pk).update(load=load)
    return entry


@pytest.fixture
def district(world: World) -> District:
    """Free seats and waiting requests, by hand (see the expected numbers in test_mentor_map).

    School A (world.school), form «ученик – ученик»: mentors 2+2 free seats (one admitted with
    capacity 2, one with capacity 3 and load 1), one candidate not admitted; waiting 2 (one matched).
    School B: a teacher mentor in the district programme («учитель – учитель»), 1 free seat.
    A teacher of school A waits in the district programme. Other district: one waiting (world).
    Last year: school A had a waiting mentee that must not count.
    """
    school_b = OrganisationFactory(parent=world.district, short_name="СОШ Б")
    admitted(world.mentor_entry, capacity=2)
    admitted(make_mentor_entry(make_person(world.school, Role.STUDENT, grade=10), world.programme), 3, load=1)
    make_mentor_entry(make_person(world.school, Role.STUDENT, grade=11), world.programme, capacity=5)  # applied
    make_mentee_entry(make_person(world.school, Role.STUDENT, grade=6), world.programme)
    make_mentee_entry(make_person(world.school, Role.STUDENT, grade=6), world.programme, status=MenteeStatus.MATCHED)
    district_programme = make_programme(world.district, "teacher_teacher")
    teacher_b = make_person(school_b, Role.TEACHER, experience_years=20)
    admitted(make_mentor_entry(teacher_b, district_programme), capacity=1)
    make_mentee_entry(make_person(world.school, Role.TEACHER, experience_years=1), district_programme)
    last_year = make_programme(world.school)
    last_year.academic_year = AcademicYearFactory(start_year=AcademicYear.current().start_year - 1)
    last_year.save()
    make_mentee_entry(make_person(world.school, Role.STUDENT, grade=5), last_year)
    return District(world, school_b, district_programme)
