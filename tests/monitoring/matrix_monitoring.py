"""Permission-matrix specs of the monitoring URLs (merged into tests/test_permission_matrix.py).

The school's staff readers and the coordinators above it read its indicators; only its director,
curator and working group change them (403 for the coordinators); another district's coordinator
and another school's curator do not see the school at all (404); people who read no registry
(teacher, mentor, mentee, parent) are refused (403).
"""

from __future__ import annotations

import datetime
from typing import Any

from tests.conftest import World
from tests.matrix_support import MANAGERS, OUTSIDERS, STAFF_READERS, Spec, roles

READERS = ["admin", "region", "district", "director", "curator", "working_group"]
READ = {**roles(READERS, 200), **roles(OUTSIDERS, 404)}
MANAGE_PAGE = {**roles(MANAGERS, 200), **roles(["region", "district"], 403), **roles(OUTSIDERS, 404)}
MANAGE_POST = {**roles(MANAGERS, 302), **roles(["region", "district"], 403), **roles(OUTSIDERS, 404)}


def _school(w: World) -> dict[str, Any]:
    return {"org_pk": w.school.pk}


def _manual(w: World) -> dict[str, Any]:
    return {"org_pk": w.school.pk, "code": "1.1"}


def _snapshot(w: World) -> dict[str, Any]:
    from nastavnik.monitoring.models import Snapshot

    snapshot = Snapshot.objects.create(
        organisation=w.school,
        academic_year=w.programme.academic_year,
        kind="interim",
        date=datetime.date(2026, 10, 1),
        values={"1.1": {"value": 3, "source": "computed", "comment": ""}},
    )
    return {"pk": snapshot.pk}


def _event(w: World) -> dict[str, Any]:
    from nastavnik.monitoring.models import Event

    event = Event.objects.create(
        organisation=w.school,
        academic_year=w.programme.academic_year,
        title="Семинар наставников",
        date=datetime.date(2026, 10, 15),
        participants=20,
    )
    return {"pk": event.pk}


MONITORING_MATRIX: dict[str, Spec] = {
    "monitoring:home": Spec(roles(STAFF_READERS, 302), 403),
    "monitoring:indicators": Spec(READ, 403, kwargs=_school),
    "monitoring:export": Spec(READ, 403, kwargs=_school),
    "monitoring:manual": Spec(READ, 403, kwargs=_manual),
    "monitoring:take_snapshot": Spec(MANAGE_POST, 403, kwargs=_school, method="post"),
    "monitoring:snapshot": Spec(READ, 403, kwargs=_snapshot),
    "monitoring:targets": Spec(READ, 403, kwargs=_school),
    "monitoring:events": Spec(READ, 403, kwargs=_school),
    "monitoring:event_add": Spec(MANAGE_PAGE, 403, kwargs=_school),
    "monitoring:event_edit": Spec(MANAGE_PAGE, 403, kwargs=_event),
    "monitoring:event_delete": Spec(MANAGE_POST, 403, kwargs=_event, method="post"),
}
