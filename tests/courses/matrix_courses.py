"""Permission-matrix specs of the courses and «Школа – Школе» after pairing.

Methodologists are the coordinators of the district holding the cohort (the region's too); the
world's `mentor` is the cohort's tutor, its `teacher` the trainee, its school the internship host
and the leader of a confirmed pair whose heads (director, curator, working group) work on it.
Another district's methodologist and another school's curator get 404.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.courses.support import build_course, make_upload
from tests.matrix_support import LOGGED_IN, MANAGERS, STAFF_READERS, Spec, roles

METHODOLOGISTS = ["admin", "region", "district"]
COORDINATORS = [*METHODOLOGISTS, "other_district"]
TUTOR_SIDE = [*METHODOLOGISTS, "mentor"]
PAIR_READERS = [*METHODOLOGISTS, "director", "curator", "working_group"]
NOT_STAFF = ["teacher", "mentor", "mentee", "parent"]


def _cohort(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).cohort.pk}


def _module(w: World) -> dict[str, Any]:
    # The distance module: its milestone has a submission, so deleting is refused (302, nothing lost).
    return {"pk": build_course(w).cohort.modules.get(order=1).pk}


def _team(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).enrolment.team_id}


def _milestone_only(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).milestone.pk}


def _enrolment(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).enrolment.pk}


def _submission(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).submission.pk}


def _milestone(w: World) -> dict[str, Any]:
    course = build_course(w)
    return {"pk": course.enrolment.pk, "milestone_pk": course.milestone.pk}


def _trainee(w: World) -> dict[str, Any]:
    build_course(w)
    return {"pk": w.people["teacher"].pk}


def _route_item(w: World) -> dict[str, Any]:
    from nastavnik.courses.models import RouteItem, RouteKind
    from nastavnik.orgs.models import AcademicYear

    build_course(w)
    item = RouteItem.objects.create(
        person=w.people["teacher"], academic_year=AcademicYear.current(), kind=RouteKind.EVENT, title="Семинар", hours=4
    )
    return {"pk": item.pk}


def _pairing(w: World) -> dict[str, Any]:
    return {"pk": build_course(w).pairing.pk}


def _upload(w: World) -> dict[str, Any]:
    return {"pk": make_upload(w.school).pk}


OWN_COHORT = {**roles(TUTOR_SIDE, 200), "teacher": 403}
METHODOLOGIST_PAGE = {**roles(METHODOLOGISTS, 200), **roles(["mentor", "teacher"], 403)}
METHODOLOGIST_POST = {**roles(METHODOLOGISTS, 302), **roles(["mentor", "teacher"], 403)}
TUTOR_POST = {**roles(TUTOR_SIDE, 302), "teacher": 403}
TRAINEE_POST = {"teacher": 302, **roles(TUTOR_SIDE, 403)}
ROUTE_READERS = [*TUTOR_SIDE, *MANAGERS, "teacher"]
PAIR_PAGE = {**roles(PAIR_READERS, 200), **roles(NOT_STAFF, 403)}
PAIR_POST = {**roles(PAIR_READERS, 302), **roles(NOT_STAFF, 403)}

COURSES_MATRIX: dict[str, Spec] = {
    "courses:index": Spec(roles(LOGGED_IN, 200), 200),
    "courses:cohort_create": Spec(roles(COORDINATORS, 200), 403),
    "courses:cohort": Spec(OWN_COHORT, 404, kwargs=_cohort),
    # Edit pages; deleting what holds trainees' work is refused with a message (302, nothing deleted).
    "courses:cohort_edit": Spec(METHODOLOGIST_PAGE, 404, kwargs=_cohort),
    "courses:cohort_delete": Spec(METHODOLOGIST_POST, 404, kwargs=_cohort, method="post"),
    "courses:module_edit": Spec(METHODOLOGIST_PAGE, 404, kwargs=_module),
    "courses:module_delete": Spec(METHODOLOGIST_POST, 404, kwargs=_module, method="post"),
    "courses:team_edit": Spec(OWN_COHORT, 404, kwargs=_team),
    "courses:team_delete": Spec(TUTOR_POST, 404, kwargs=_team, method="post"),
    "courses:milestone_edit": Spec(OWN_COHORT, 404, kwargs=_milestone_only),
    "courses:milestone_delete": Spec(TUTOR_POST, 404, kwargs=_milestone_only, method="post"),
    "courses:module_add": Spec(METHODOLOGIST_POST, 404, kwargs=_cohort, method="post"),
    "courses:team_add": Spec(TUTOR_POST, 404, kwargs=_cohort, method="post"),
    "courses:milestone_add": Spec(TUTOR_POST, 404, kwargs=_cohort, method="post"),
    "courses:host_add": Spec(METHODOLOGIST_POST, 404, kwargs=_cohort, method="post"),
    "courses:enrol": Spec(METHODOLOGIST_POST, 404, kwargs=_cohort, method="post"),
    "courses:place": Spec(METHODOLOGIST_POST, 404, kwargs=_cohort, method="post"),
    "courses:enrolment": Spec(OWN_COHORT, 404, kwargs=_enrolment),
    "courses:dropout": Spec(TUTOR_POST, 404, kwargs=_enrolment, method="post"),
    "courses:credit": Spec(METHODOLOGIST_POST, 404, kwargs=_enrolment, method="post"),
    "courses:check": Spec(TUTOR_POST, 404, kwargs=_submission, method="post"),
    "courses:my": Spec(roles(LOGGED_IN, 200), 200),
    "courses:submit": Spec(TRAINEE_POST, 404, kwargs=_milestone, method="post"),
    "courses:log_add": Spec(TRAINEE_POST, 404, kwargs=_enrolment, method="post"),
    "courses:route": Spec(roles(ROUTE_READERS, 200), 404, kwargs=_trainee),
    "courses:route_add": Spec(roles(ROUTE_READERS, 302), 404, kwargs=_trainee, method="post"),
    "courses:route_done": Spec(roles(ROUTE_READERS, 302), 404, kwargs=_route_item, method="post"),
    "courses:hosting": Spec(roles([*MANAGERS, "other_curator"], 200), 403),
    "courses:pairs": Spec(roles(STAFF_READERS, 200), 403),
    "courses:pair": Spec(PAIR_PAGE, 404, kwargs=_pairing),
    "courses:deficit_add": Spec(PAIR_POST, 404, kwargs=_pairing, method="post"),
    "courses:observation_add": Spec(PAIR_POST, 404, kwargs=_pairing, method="post"),
    "courses:cycle_add": Spec(PAIR_POST, 404, kwargs=_pairing, method="post"),
    "courses:results_template": Spec(roles(STAFF_READERS, 200), 403),
    "courses:results": Spec(PAIR_PAGE, 404, kwargs=lambda w: {"pk": w.school.pk}),
    # No file: the form answers 400 with «Выберите файл».
    "courses:results_upload": Spec(
        {**roles(PAIR_READERS, 400), **roles(NOT_STAFF, 403)}, 404, kwargs=lambda w: {"pk": w.school.pk}, method="post"
    ),
    "courses:results_preview": Spec(PAIR_PAGE, 404, kwargs=_upload),
    "courses:results_commit": Spec(PAIR_POST, 404, kwargs=_upload, method="post"),
}
