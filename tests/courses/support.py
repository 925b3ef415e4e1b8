"""A course and a «Школа – Школе» pair built on the shared test world.

The district coordinator is the methodologist, the world's `mentor` is the tutor, the world's
`teacher` is a trainee, the world's school hosts the internship and leads a confirmed pair with a
weak school of the same district; its director is the school head.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nastavnik.courses.models import (
    Cohort,
    CourseModule,
    Enrolment,
    HostSchool,
    Milestone,
    MiniTeam,
    ModuleKind,
    ResultUpload,
    Submission,
)
from nastavnik.district.models import PairingStatus, SchoolPairing
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.factories import OrganisationFactory, make_person

START = datetime.date(2026, 9, 15)


@dataclass
class Course:
    cohort: Cohort
    enrolment: Enrolment
    milestone: Milestone
    submission: Submission
    host: HostSchool
    pairing: SchoolPairing
    weak_school: Organisation
    weak_teacher: Person


def build_course(w: World) -> Course:
    year = AcademicYear.current()
    cohort = Cohort.objects.create(
        organisation=w.district,
        academic_year=year,
        title="Современная педагогика как пространство для самореализации",
        hours=144,
        tutor=w.people["mentor"],
        starts_on=START,
        ends_on=datetime.date(2026, 12, 20),
        credit_on=datetime.date(2026, 12, 20),
        commission="Комиссия ТГУ",
    )
    distance = CourseModule.objects.create(
        cohort=cohort, order=1, title="Дистанционный модуль", kind=ModuleKind.DISTANCE, hours=72
    )
    CourseModule.objects.create(
        cohort=cohort, order=2, title="Тьюторское сопровождение", kind=ModuleKind.IN_PERSON, hours=36
    )
    CourseModule.objects.create(cohort=cohort, order=3, title="Стажировка", kind=ModuleKind.INTERNSHIP, hours=36)
    team = MiniTeam.objects.create(cohort=cohort, name="Навигаторы", function="тьютор")
    milestone = Milestone.objects.create(
        cohort=cohort, module=distance, title="Эссе о тьюторской позиции", due_on=datetime.date(2026, 10, 10)
    )
    enrolment = Enrolment.objects.create(
        cohort=cohort, person=w.people["teacher"], team=team, interests="проекты, инклюзия"
    )
    submission = Submission.objects.create(enrolment=enrolment, milestone=milestone, text="Эссе", submitted_on=START)
    host = HostSchool.objects.create(cohort=cohort, organisation=w.school, capacity=3, offers="проекты")
    weak = OrganisationFactory(parent=w.district, low_results=True)
    weak_teacher = make_person(weak, Role.TEACHER)
    pairing = SchoolPairing.objects.create(
        academic_year=year, leader=w.school, supported=weak, status=PairingStatus.CONFIRMED, score=5.0
    )
    return Course(cohort, enrolment, milestone, submission, host, pairing, weak, weak_teacher)


def make_upload(school: Organisation, *, errors: bool = False) -> ResultUpload:
    row = {
        "line": 3,
        "exam": "vpr",
        "year": 2026,
        "subject": "Математика",
        "grade": 5,
        "participants": 40,
        "mean_score": "3.5",
        "fails": 4,
    }
    problems = [{"row": 3, "column": "Год", "message": "не число"}] if errors else []
    return ResultUpload.objects.create(school=school, filename="впр.xlsx", rows=[row], errors=problems)
