"""Permission-matrix specs of the monitoring dashboards (merged into tests/test_permission_matrix.py).

As for the indicator pages: the school's staff readers and the coordinators above it see its
dashboard and the lists behind its numbers; another district's coordinator and another school's
curator get 404; people who read no registry (teacher, mentor, mentee, parent) are refused (403).
The entry point redirects every staff reader to their widest organisation.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import World
from tests.matrix_support import OUTSIDERS, STAFF_READERS, Spec, roles

READERS = ["admin", "region", "district", "director", "curator", "working_group"]
READ = {**roles(READERS, 200), **roles(OUTSIDERS, 404)}


def _school(w: World) -> dict[str, Any]:
    return {"org_pk": w.school.pk}


DASHBOARD_MATRIX: dict[str, Spec] = {
    "monitoring:dashboard_home": Spec(roles(STAFF_READERS, 302), 403),
    "monitoring:dashboard": Spec(READ, 403, kwargs=_school),
    "monitoring:drill": Spec(READ, 403, kwargs=_school),
}
