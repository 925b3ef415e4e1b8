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

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import MemberKind, Trajectory, Workshop, WorkshopMember
from tests.conftest import World
from tests.matrix_support import MANAGERS, OUTSIDERS, Spec, roles

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


WORKSHOP_READ = {**roles(READERS, 200), **roles(["teacher", "mentee"], 200)}
MANAGE_PAGE = {**roles(MANAGERS, 200), **roles([*ABOVE, "teacher", "mentee"], 403)}
MANAGE_POST = {**roles(MANAGERS, 302), **roles([*ABOVE, "teacher", "mentee"], 403)}
LOG_PAGE = {**roles([*MANAGERS, "teacher"], 200), **roles([*ABOVE, "mentee"], 403)}
LOG_POST = {**roles([*MANAGERS, "teacher"], 302), **roles([*ABOVE, "mentee"], 403)}
ORG_READ = {**roles(READERS, 200), **roles(SCHOOL_PEOPLE, 403)}
ORG_MANAGE_PAGE = {**roles(MANAGERS, 200), **roles([*ABOVE, *SCHOOL_PEOPLE], 403)}
ORG_MANAGE_POST = {**roles(MANAGERS, 302), **roles([*ABOVE, *SCHOOL_PEOPLE], 403)}
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
}
