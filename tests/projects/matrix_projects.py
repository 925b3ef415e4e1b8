"""Permission-matrix specs of the project office (merged into tests/test_permission_matrix.py).

Readers of a centre's project: the administrator, coordinators of the subtree (region, district),
the project's leader (the world's teacher) and the head of a school taking part (the world's
director). Changers: the administrator, the district coordinator and the leader; the region
coordinator and the school head read only (403). Another district's coordinator, the school's
curator and everyone else get 404.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from tests.conftest import World
from tests.matrix_support import STAFF_READERS, Spec, roles

READERS = ["admin", "region", "district", "teacher", "director"]
EDITORS = ["admin", "district", "teacher"]
READ_ONLY = ["region", "director"]
OFFICE = [*STAFF_READERS, "teacher"]


def _project(w: World) -> dict[str, Any]:
    from tests.projects.factories import make_project

    project = make_project(w, name=f"Проект {w.school.pk}-{_counter()}")
    return {"pk": project.pk}


_count = itertools.count(1)


def _counter() -> int:
    return next(_count)


def _with_project(w: World) -> dict[str, Any]:
    _project(w)
    return {}


def _activity(w: World) -> dict[str, Any]:
    from nastavnik.projects.models import Project

    return {"pk": Project.objects.get(pk=_project(w)["pk"]).activities.first().pk}


def _item(w: World) -> dict[str, Any]:
    from nastavnik.orgs.models import AcademicYear
    from nastavnik.projects import services
    from nastavnik.projects.models import Activity

    activity = Activity.objects.get(pk=_activity(w)["pk"])
    return {"pk": services.sync_items(activity, AcademicYear.current())[0].pk}


def _sprint(w: World) -> dict[str, Any]:
    from nastavnik.projects import services
    from nastavnik.projects.models import Project

    project = Project.objects.get(pk=_project(w)["pk"])
    sprint = services.start_sprint(project, "Цель", datetime.date(2026, 12, 1), datetime.date(2026, 12, 28), None)
    return {"pk": sprint.pk}


def _task(w: World) -> dict[str, Any]:
    from nastavnik.projects import services
    from nastavnik.projects.models import Project

    project = Project.objects.get(pk=_project(w)["pk"])
    return {"pk": services.add_task(project, "Задача", None, None).pk}


def read(kwargs: Any) -> Spec:
    return Spec(roles(READERS, 200), 404, kwargs=kwargs)


def change(kwargs: Any, ok: int = 302, method: str = "post") -> Spec:
    return Spec({**roles(EDITORS, ok), **roles(READ_ONLY, 403)}, 404, kwargs=kwargs, method=method)


PROJECTS_MATRIX: dict[str, Spec] = {
    # With a project in the world, so that its leader (the teacher) has an office to open.
    "projects:registry": Spec(roles(OFFICE, 200), 403, kwargs=_with_project),
    # The registry's XLSX: as the page (another district's coordinator gets an empty workbook; naming this
    # district's centre with ?org= answers 404 for them — tests/projects/test_registry_download.py).
    "projects:registry_xlsx": Spec(roles(OFFICE, 200), 403, kwargs=_with_project),
    "projects:dashboard": Spec(roles(OFFICE, 200), 403, kwargs=_with_project),
    "projects:attention": Spec(roles(OFFICE, 200), 403, kwargs=_with_project),
    # Starting a project: those who edit in some organisation (centre or district staff, school heads).
    "projects:create": Spec(roles(["admin", "district", "other_district", "director"], 200), 403),
    "projects:detail": read(_project),
    "projects:edit": change(_project, 200, "get"),
    # An empty form: no status chosen — the card page answers with a message.
    "projects:status": change(_project),
    "projects:card": read(_project),
    "projects:activities": read(_project),
    "projects:activity_edit": change(_activity, 200, "get"),
    "projects:cyclogram": read(_project),
    "projects:item_mark": change(_item),
    # A secret address nobody has: 404 for everyone, no login needed.
    "projects:ical": Spec({}, 404, kwargs=lambda w: {"token": "no-such-token"}, anonymous=404),
    "projects:agile": read(_project),
    "projects:sprint_create": change(_project),
    "projects:task_add": change(_project),
    "projects:sprint": read(_sprint),
    "projects:sprint_close": change(_sprint),
    "projects:task_move": change(_task),
}
