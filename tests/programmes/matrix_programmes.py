"""Permission-matrix specs of the programme pages (merged into tests/test_permission_matrix.py).

A programme is read by the staff of its organisation and the coordinators above it; everyone
else gets 404, as if it did not exist. The director, the curator and the working group change
it (coordinators above: 403); only the director changes its status. A roadmap activity is also
seen — and its status and evidence changed — by the person responsible for it (the world's
teacher here). The iCal feed needs no login: the token in the address is the key.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.conftest import World
from tests.matrix_support import MANAGERS, STAFF_READERS, Spec, roles

COORDINATORS = ["region", "district"]
READERS = roles([*MANAGERS, *COORDINATORS], 200)
MANAGER_PAGE = {**roles(MANAGERS, 200), **roles(COORDINATORS, 403)}
MANAGER_POST = {**roles(MANAGERS, 302), **roles(COORDINATORS, 403)}
# Status and evidence of an activity: the managers and the person responsible for it.
PROGRESS_POST = {**roles([*MANAGERS, "teacher"], 302), **roles(COORDINATORS, 403)}
EVIDENCE_POST = {**roles([*MANAGERS, "teacher"], 400), **roles(COORDINATORS, 403)}
ITEM_MANAGER_PAGE = {**MANAGER_PAGE, "teacher": 403}
ITEM_MANAGER_POST = {**MANAGER_POST, "teacher": 403}
ITEM_READERS = {**READERS, "teacher": 200}
MATRIX_EVIDENCE = "roadmap/tests/matrix-evidence.pdf"


def _programme(w: World) -> dict[str, Any]:
    return {"pk": w.programme.pk}


def roadmap_item(w: World, **fields: Any) -> Any:
    from nastavnik.programmes.models import RoadmapItem

    values: dict[str, Any] = {
        "title": "Информирование педагогов школы о реализации клуба наставничества",
        "starts_on": datetime.date(2026, 10, 1),
        "due_on": datetime.date(2026, 10, 31),
        "responsible": w.people["teacher"],
        **fields,
    }
    return RoadmapItem.objects.create(programme=w.programme, **values)


def _item(w: World) -> dict[str, Any]:
    return {"pk": roadmap_item(w).pk}


def _item_with_file(w: World) -> dict[str, Any]:
    if not default_storage.exists(MATRIX_EVIDENCE):
        default_storage.save(MATRIX_EVIDENCE, ContentFile(b"%PDF-1.4 matrix"))
    return {"pk": roadmap_item(w, evidence_file=MATRIX_EVIDENCE).pk}


def _task(w: World) -> dict[str, Any]:
    from nastavnik.programmes.models import ManagementFunction, ManagementTask

    task = ManagementTask.objects.create(programme=w.programme, function=ManagementFunction.PLANNING, title="План")
    return {"pk": task.pk}


def _feed(w: World) -> dict[str, Any]:
    from nastavnik.diary import ical

    return {"token": ical.feed_for(w.people["mentor"]).token}


PROGRAMMES_MATRIX: dict[str, Spec] = {
    "programmes:list": Spec(roles(STAFF_READERS, 200), 403),
    # Anyone who manages some organisation may start a programme there.
    "programmes:create": Spec(roles([*STAFF_READERS], 200), 403),
    "programmes:detail": Spec(READERS, 404, kwargs=_programme),
    "programmes:edit": Spec(MANAGER_PAGE, 404, kwargs=_programme),
    # Only the director (and the platform admin) decides; a POST without a decision is refused with a message.
    "programmes:status": Spec(
        {**roles(["admin", "director"], 302), **roles(["curator", "working_group", *COORDINATORS], 403)},
        404,
        kwargs=_programme,
        method="post",
    ),
    "programmes:passport_docx": Spec(READERS, 404, kwargs=_programme),
    "programmes:cycle": Spec(READERS, 404, kwargs=_programme),
    "programmes:cycle_defaults": Spec(MANAGER_POST, 404, kwargs=_programme, method="post"),
    "programmes:cycle_add": Spec(MANAGER_PAGE, 404, kwargs=_programme),
    "programmes:cycle_edit": Spec(MANAGER_PAGE, 404, kwargs=_task),
    "programmes:cycle_delete": Spec(MANAGER_POST, 404, kwargs=_task, method="post"),
    "programmes:roadmap": Spec(READERS, 404, kwargs=_programme),
    "programmes:roadmap_instantiate": Spec(MANAGER_POST, 404, kwargs=_programme, method="post"),
    "programmes:roadmap_calendar": Spec(READERS, 404, kwargs=_programme),
    "programmes:roadmap_timeline": Spec(READERS, 404, kwargs=_programme),
    "programmes:roadmap_docx": Spec(READERS, 404, kwargs=_programme),
    "programmes:roadmap_xlsx": Spec(READERS, 404, kwargs=_programme),
    "programmes:item_add": Spec(MANAGER_PAGE, 404, kwargs=_programme),
    "programmes:item": Spec(ITEM_READERS, 404, kwargs=_item),
    "programmes:item_edit": Spec(ITEM_MANAGER_PAGE, 404, kwargs=_item),
    "programmes:item_delete": Spec(ITEM_MANAGER_POST, 404, kwargs=_item, method="post"),
    "programmes:item_move": Spec(ITEM_MANAGER_POST, 404, kwargs=_item, method="post"),
    "programmes:item_assign": Spec(ITEM_MANAGER_POST, 404, kwargs=_item, method="post"),
    "programmes:item_status": Spec(PROGRESS_POST, 404, kwargs=_item, method="post"),
    "programmes:item_evidence": Spec(EVIDENCE_POST, 404, kwargs=_item, method="post"),
    "programmes:item_evidence_file": Spec(ITEM_READERS, 404, kwargs=_item_with_file),
    # Everyone signed in has a calendar page; the admin account has no person to rotate a feed for.
    "programmes:my_calendar": Spec({}, 200),
    "programmes:my_calendar_reset": Spec({"admin": 403}, 302, method="post"),
    "programmes:ical": Spec({}, 200, kwargs=_feed, anonymous=200),
}
