"""Permission-matrix specs of the meeting log, ratings and plans (merged into tests/test_permission_matrix.py).

The object is an active pair of the world's mentor and mentee at the world's school. Those who
see the pair (its organisation's staff, the coordinators above, the mentor and the mentee) get the
page or 403 by role; everyone else gets 404, as if the pair did not exist.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tests.conftest import World
from tests.matrix_support import MANAGERS, Spec, roles

COORDINATORS = ["region", "district"]
READERS = {**roles([*MANAGERS, *COORDINATORS, "mentor", "mentee"], 200)}
# The log and the plans are written by the mentor and the school's staff.
WRITER_PAGE = {**roles([*MANAGERS, "mentor"], 200), **roles([*COORDINATORS, "mentee"], 403)}
WRITER_POST = {**roles([*MANAGERS, "mentor"], 302), **roles([*COORDINATORS, "mentee"], 403)}
# Only the mentee rates a meeting; nobody rates on their behalf.
RATER_PAGE = {"mentee": 200, **roles([*MANAGERS, *COORDINATORS, "mentor"], 403)}
# The mentee may move their own task to «В работе» / «Выполнена».
STATUS_POST = {**roles([*MANAGERS, "mentor", "mentee"], 302), **roles(COORDINATORS, 403)}
MATRIX_FILE = "meetings/tests/matrix-plan.pdf"


def active_pair(w: World) -> Any:
    """The world's mentor and mentee in a working pair (made once, then reused)."""
    from nastavnik.bases.models import Admission
    from nastavnik.matching.models import Scheme
    from nastavnik.pairs import lifecycle, services
    from nastavnik.pairs.models import Pair, PairStatus

    existing = Pair.objects.filter(mentor=w.mentor_entry, status=PairStatus.ACTIVE).first()
    if existing is not None:
        return existing
    w.mentor_entry.admission = Admission.ADMITTED
    w.mentor_entry.save(update_fields=["admission"])
    pair = services.propose(w.mentor_entry, [w.mentee_entry], Scheme.APPOINTMENT, None)
    services.confirm(pair, None)
    Pair.objects.filter(pk=pair.pk).update(confirmed_at=timezone.now() - datetime.timedelta(days=60))
    pair.refresh_from_db()
    lifecycle.move(pair, PairStatus.FIXED, None, "Приказ № 12 от 01.10.2026")
    lifecycle.activate(pair, None, started_on=timezone.localdate() - datetime.timedelta(days=50))
    return Pair.objects.get(pk=pair.pk)


def meeting_of(w: World, **fields: Any) -> Any:
    from nastavnik.diary.models import PairMeeting
    from nastavnik.pairs.models import MeetingKind

    values: dict[str, Any] = {
        "held_on": timezone.localdate() - datetime.timedelta(days=7),
        "kind": MeetingKind.REGULAR,
        "topic": "Разбор задач олимпиады",
        "duration_minutes": 45,
        **fields,
    }
    return PairMeeting.objects.create(pair=active_pair(w), **values)


def _pair(w: World) -> dict[str, Any]:
    return {"pk": active_pair(w).pk}


def _meeting(w: World) -> dict[str, Any]:
    return {"pk": meeting_of(w).pk}


def _attachment(w: World) -> dict[str, Any]:
    from nastavnik.diary.models import MeetingAttachment

    if not default_storage.exists(MATRIX_FILE):
        default_storage.save(MATRIX_FILE, ContentFile(b"%PDF-1.4 matrix"))
    attachment = MeetingAttachment.objects.create(meeting=meeting_of(w), file=MATRIX_FILE, name="План.pdf", size=15)
    return {"pk": attachment.pk}


def _member(w: World) -> dict[str, Any]:
    return {"pk": active_pair(w).members.get().pk}


def _task(w: World) -> dict[str, Any]:
    from nastavnik.diary import log as diary

    plan = diary.ensure_plan(active_pair(w).members.get())
    task = plan.tasks.create(title="Решить 10 задач прошлых лет", due_on=timezone.localdate())
    return {"pk": task.pk}


DIARY_MATRIX: dict[str, Spec] = {
    "pairs:diary": Spec(READERS, 404, kwargs=_pair),
    "pairs:meeting_add": Spec(WRITER_PAGE, 404, kwargs=_pair),
    "pairs:meeting_edit": Spec(WRITER_PAGE, 404, kwargs=_meeting),
    "pairs:meeting_delete": Spec(WRITER_POST, 404, kwargs=_meeting, method="post"),
    "pairs:meeting_rate": Spec(RATER_PAGE, 404, kwargs=_meeting),
    "pairs:attachment": Spec(READERS, 404, kwargs=_attachment),
    "pairs:attachment_delete": Spec(WRITER_POST, 404, kwargs=_attachment, method="post"),
    "pairs:plan": Spec(READERS, 404, kwargs=_member),
    "pairs:plan_task_add": Spec(WRITER_PAGE, 404, kwargs=_member),
    "pairs:plan_task_edit": Spec(WRITER_PAGE, 404, kwargs=_task),
    "pairs:plan_task_status": Spec(STATUS_POST, 404, kwargs=_task, method="post"),
}
