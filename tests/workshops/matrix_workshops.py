"""Permission-matrix specs of the growth workshops (merged into tests/test_permission_matrix.py).

The school's management and the coordinators above it read a workshop; the workshop's master
(the world's «teacher») and its student member («mentee») read theirs; another district or
another school gets 404, and so do school people who have no part in the workshop. Changes:
the management (roles, status, members, completion) and the master (meetings, projects); a
visible object the role may not change → 403.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import (
    Conference,
    MemberKind,
    Partnership,
    Quest,
    QuestSeason,
    Shift,
    StatusApplication,
    Trajectory,
    Workshop,
    WorkshopMember,
)
from tests.conftest import World
from tests.factories import OrganisationFactory
from tests.matrix_support import MANAGERS, OUTSIDERS, STAFF_READERS, Spec, roles

READERS = [*MANAGERS, "region", "district"]
SCHOOL_PEOPLE = ["teacher", "mentor", "mentee", "parent"]
ABOVE = ["region", "district"]


def make_workshop(w: World) -> Workshop:
    year = AcademicYear.current()
    existing = Workshop.objects.filter(organisation=w.school, name="Театр историй").first()
    if existing is not None:
        return existing
    workshop = services.open_workshop(
        Workshop(organisation=w.school, name="Театр историй", master=w.people["teacher"]), year
    )
    WorkshopMember.objects.create(
        workshop=workshop, person=w.people["mentee"], academic_year=year, kind=MemberKind.STUDENT
    )
    return workshop


def _workshop(w: World) -> dict[str, Any]:
    return {"pk": make_workshop(w).pk}


def _school(w: World) -> dict[str, Any]:
    return {"org_pk": w.school.pk}


def _enrolment(w: World, *, completed: bool = False) -> dict[str, Any]:
    trajectory = Trajectory.objects.get(code="basics")
    enrolment, _ = services.enrol(w.school, w.people["teacher"], trajectory, AcademicYear.current())
    if completed and enrolment.completed_on is None:
        enrolment.modules.update(attended=True)
        services.complete(enrolment, datetime.date(2026, 12, 7))
    return {"pk": enrolment.pk}


def _completed(w: World) -> dict[str, Any]:
    return _enrolment(w, completed=True)


def make_shift(w: World) -> Shift:
    shift, _ = Shift.objects.get_or_create(
        organisation=w.school,
        academic_year=AcademicYear.current(),
        code="choice",
        defaults={"starts_on": datetime.date(2026, 9, 15), "ends_on": datetime.date(2026, 10, 30)},
    )
    return shift


def make_partnership(w: World) -> Partnership:
    existing = Partnership.objects.filter(mentor_school=w.school).first()
    if existing is not None:
        return existing
    newcomer = OrganisationFactory(parent=w.district, short_name="Школа-новичок")
    return Partnership.objects.create(mentor_school=w.school, new_school=newcomer, academic_year=AcademicYear.current())


def _shift(w: World) -> dict[str, Any]:
    return {"pk": make_shift(w).pk}


def _status_document(w: World) -> dict[str, Any]:
    application = StatusApplication(organisation=w.school, status="crlp", applied_on=datetime.date(2026, 10, 1))
    application.document.save("zayavka.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return {"pk": application.pk}


def _partnership(w: World) -> dict[str, Any]:
    return {"pk": make_partnership(w).pk}


def _meeting(w: World) -> dict[str, Any]:
    workshop = make_workshop(w)
    meeting = workshop.meetings.first() or services.log_meeting(
        workshop, datetime.date(2026, 11, 20), "Занятие смены «Выбор»", [w.people["mentee"]]
    )
    return {"pk": meeting.pk}


def _quest(w: World) -> dict[str, Any]:
    quest, _ = Quest.objects.get_or_create(
        organisation=w.school,
        academic_year=AcademicYear.current(),
        season=QuestSeason.WINTER,
        defaults={
            "title": "Знакомая история",
            "starts_on": datetime.date(2026, 12, 10),
            "ends_on": datetime.date(2027, 1, 25),
        },
    )
    return {"pk": quest.pk}


def make_conference(w: World) -> Conference:
    conference, _ = Conference.objects.get_or_create(
        organisation=w.region,
        academic_year=AcademicYear.current(),
        code="krona_junior",
        defaults={"held_on": datetime.date(2027, 4, 20), "applications_until": datetime.date(2027, 3, 1)},
    )
    return conference


def _conference(w: World) -> dict[str, Any]:
    return {"pk": make_conference(w).pk}


WORKSHOP_READ = {**roles(READERS, 200), **roles(["teacher", "mentee"], 200)}
MANAGE_PAGE = {**roles(MANAGERS, 200), **roles([*ABOVE, "teacher", "mentee"], 403)}
MANAGE_POST = {**roles(MANAGERS, 302), **roles([*ABOVE, "teacher", "mentee"], 403)}
LOG_PAGE = {**roles([*MANAGERS, "teacher"], 200), **roles([*ABOVE, "mentee"], 403)}
LOG_POST = {**roles([*MANAGERS, "teacher"], 302), **roles([*ABOVE, "mentee"], 403)}
ORG_READ = {**roles(READERS, 200), **roles(SCHOOL_PEOPLE, 403)}
ORG_MANAGE_PAGE = {**roles(MANAGERS, 200), **roles([*ABOVE, *SCHOOL_PEOPLE], 403)}
ORG_MANAGE_POST = {**roles(MANAGERS, 302), **roles([*ABOVE, *SCHOOL_PEOPLE], 403)}
STAFF_PAGE = {**roles(STAFF_READERS, 200), **roles(SCHOOL_PEOPLE, 403)}
PARTNERSHIP_READ = {**roles(READERS, 200)}
ENROLMENT_READ = {**roles(READERS, 200), "teacher": 200}
ENROLMENT_MANAGE = {**roles(MANAGERS, 302), **roles([*ABOVE, "teacher"], 403)}

WORKSHOPS_MATRIX: dict[str, Spec] = {
    "workshops:list": Spec({}, 200),
    "workshops:my_pd": Spec({}, 200),
    "workshops:create": Spec({**ORG_MANAGE_PAGE, **roles(OUTSIDERS, 404)}, 404, kwargs=_school),
    "workshops:detail": Spec(WORKSHOP_READ, 404, kwargs=_workshop),
    "workshops:edit": Spec(MANAGE_PAGE, 404, kwargs=_workshop),
    "workshops:status": Spec(MANAGE_POST, 404, kwargs=_workshop, method="post"),
    "workshops:member_add": Spec(MANAGE_POST, 404, kwargs=_workshop, method="post"),
    "workshops:meeting_add": Spec(LOG_PAGE, 404, kwargs=_workshop),
    "workshops:project_add": Spec(LOG_POST, 404, kwargs=_workshop, method="post"),
    "workshops:pd": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:pd_enrol": Spec(ORG_MANAGE_POST, 404, kwargs=_school, method="post"),
    "workshops:pd_from_form": Spec(ORG_MANAGE_POST, 404, kwargs=_school, method="post"),
    "workshops:statistics": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:statistics_xlsx": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:enrolment": Spec(ENROLMENT_READ, 404, kwargs=_enrolment),
    "workshops:enrolment_complete": Spec(ENROLMENT_MANAGE, 404, kwargs=_enrolment, method="post"),
    "workshops:certificate_pdf": Spec(ENROLMENT_READ, 404, kwargs=_completed),
    "workshops:certificate_docx": Spec(ENROLMENT_READ, 404, kwargs=_completed),
    "workshops:shifts": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:shift": Spec(ORG_READ, 404, kwargs=_shift),
    "workshops:statuses": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:status_document": Spec(ORG_READ, 404, kwargs=_status_document),
    "workshops:partnerships": Spec(STAFF_PAGE, 403),
    "workshops:partnership_map": Spec(STAFF_PAGE, 403),
    "workshops:partnership": Spec(PARTNERSHIP_READ, 404, kwargs=_partnership),
    "workshops:notifications": Spec({}, 200),
    "workshops:meeting": Spec(WORKSHOP_READ, 404, kwargs=_meeting),
    "workshops:shelf": Spec(ORG_READ, 404, kwargs=_school),
    "workshops:quest": Spec(ORG_READ, 404, kwargs=_quest),
    "workshops:conferences": Spec({}, 200),
    "workshops:conference": Spec({}, 200, kwargs=_conference),
}
