"""Permission-matrix specs of completion, evaluation, status levels, awards, best practices and the new year.

Also the small builders the completion, award, practice and carry-over tests share. A builder
is called once per role by the matrix, so builders remember what they made on the world.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.storage import default_storage

from nastavnik.bases.models import Admission, MenteeEntry
from nastavnik.diary import awards
from nastavnik.diary.models import AwardKind, PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import MeetingKind, Pair, PairStatus
from nastavnik.practices.models import BestPractice, PracticeFile
from tests.conftest import World
from tests.matrix_support import LOGGED_IN, MANAGERS, Spec, roles

COORDINATORS = ["region", "district"]
SCHOOL_STAFF = ["admin", "region", "district", "director", "curator", "working_group"]
DECIDERS = ["admin", "director", "curator"]
# Who reads the bank of best practices: staff readers of the whole region and teachers.
BANK_READERS = ["admin", "region", "district", "other_district", "director", "curator", "working_group"]
BANK_READERS += ["other_curator", "teacher", "mentor"]


def _proposal(w: World) -> dict[str, Any]:
    from nastavnik.practices.models import RegionalPractice

    entry = RegionalPractice.objects.create(
        form_group="Ученик-ученик", title="Клуб наставников", proposed_by_org=w.school, description="…"
    )
    return {"pk": entry.pk}


def active_pair(world: World, mentees: list[MenteeEntry] | None = None, *, final: bool = True) -> Pair:
    """A working pair of the world's mentor (fixed, then activated), with a final meeting when asked."""
    entry = world.mentor_entry
    if entry.admission != Admission.ADMITTED or entry.capacity < 3:
        entry.admission, entry.capacity = Admission.ADMITTED, 3
        entry.save()
    pair = services.propose(entry, mentees or [world.mentee_entry], Scheme.APPOINTMENT, None)
    curator = world.people["curator"].user
    pair = services.confirm(pair, curator)
    lifecycle.move(pair, PairStatus.FIXED, curator, "Приказ № 1")
    lifecycle.activate(pair, curator, started_on=datetime.date(2025, 10, 1))
    if final:
        PairMeeting.objects.create(
            pair=pair, held_on=datetime.date(2026, 5, 20), kind=MeetingKind.FINAL, topic="Итоги года"
        )
    pair.refresh_from_db()
    return pair


def _memo(world: World, name: str, build: Any) -> Any:
    cached = getattr(world, name, None)
    if cached is None:
        cached = build()
        setattr(world, name, cached)
    return cached


def _active(w: World) -> dict[str, Any]:
    return {"pk": _memo(w, "_active_pair", lambda: active_pair(w)).pk}


def _mentor_entry(w: World) -> dict[str, Any]:
    return {"pk": w.mentor_entry.pk}


def _programme(w: World) -> dict[str, Any]:
    return {"pk": w.programme.pk}


def _award(w: World) -> dict[str, Any]:
    build = lambda: awards.issue(w.programme, AwardKind.CERTIFICATE, w.people["mentor"], None)  # noqa: E731
    return {"pk": _memo(w, "_award", build).pk}


def practice(world: World, **fields: Any) -> BestPractice:
    values = {
        "organisation": world.school,
        "programme": world.programme,
        "title": "Ровесник — ровеснику",
        "description": "Старшеклассники помогают первоклассникам освоиться в школе.",
        "tags": "адаптация, первоклассники",
        **fields,
    }
    return BestPractice.objects.create(**values)


def _practice(w: World) -> dict[str, Any]:
    return {"pk": _memo(w, "_practice", lambda: practice(w)).pk}


MATRIX_FILE = "practices/matrix/пример.txt"


def _practice_file(w: World) -> dict[str, Any]:
    def build() -> PracticeFile:
        if not default_storage.exists(MATRIX_FILE):
            from django.core.files.base import ContentFile

            default_storage.save(MATRIX_FILE, ContentFile("Пример материалов практики.".encode()))
        item = PracticeFile(practice=practice(w), name="пример.txt", size=10)
        item.file.name = MATRIX_FILE
        item.save()
        return item

    return {"pk": _memo(w, "_practice_file", build).pk}


COMPLETION_MATRIX: dict[str, Spec] = {
    # The curator's page; the pair's mentor fills in the results there; coordinators see, do not act.
    "pairs:complete": Spec(
        {**roles(MANAGERS, 200), **roles(COORDINATORS, 403), "mentor": 200, "mentee": 403}, 404, kwargs=_active
    ),
    # Only the pair's mentor and mentees rate; the staff who see the pair get 403.
    "pairs:evaluate": Spec({**roles(SCHOOL_STAFF, 403), **roles(["mentor", "mentee"], 200)}, 404, kwargs=_active),
    "pairs:level_rules": Spec(roles(LOGGED_IN, 200), 200),
    "pairs:level_history": Spec(roles([*SCHOOL_STAFF, "mentor"], 200), 404, kwargs=_mentor_entry),
    "documents:award_list": Spec(roles(SCHOOL_STAFF, 200), 404, kwargs=_programme),
    "documents:award_create": Spec(
        {**roles(DECIDERS, 200), **roles(["working_group", *COORDINATORS], 403)}, 404, kwargs=_programme
    ),
    # The organisation's staff and the awarded mentor (their own).
    "documents:award_pdf": Spec(roles([*SCHOOL_STAFF, "mentor"], 200), 404, kwargs=_award),
    "documents:award_docx": Spec(roles([*SCHOOL_STAFF, "mentor"], 200), 404, kwargs=_award),
    "practices:list": Spec(roles(BANK_READERS, 200), 403),
    "practices:detail": Spec(roles(BANK_READERS, 200), 404, kwargs=_practice),
    "practices:file": Spec(roles(BANK_READERS, 200), 404, kwargs=_practice_file),
    # Anyone who runs an organisation (or a territory) adds practices on its behalf.
    "practices:create": Spec(
        roles(["admin", "region", "district", "other_district", "director", "curator", "working_group"], 200)
        | {"other_curator": 200},
        403,
    ),
    # Only the managers of the authoring organisation edit; other readers see it (403).
    "practices:edit": Spec({**roles(BANK_READERS, 403), **roles(MANAGERS, 200)}, 404, kwargs=_practice),
    "practices:catalogue": Spec(roles(BANK_READERS, 200), 403),
    # Proposals come from those who run an organisation or a territory; teachers read only.
    "practices:catalogue_propose": Spec({**roles(BANK_READERS, 200), **roles(["teacher", "mentor"], 403)}, 403),
    # The regional coordinator decides; the proposing school sees its proposal (403); others do not (404).
    "practices:catalogue_decide": Spec(
        {
            **roles(["director", "curator", "working_group"], 403),
            **roles(["admin", "region"], 302),
            "mentee": 403,
            "parent": 403,
        },
        404,
        kwargs=_proposal,
        method="post",
    ),
    "programmes:carry_over": Spec(
        {**roles(DECIDERS, 200), **roles(["working_group", *COORDINATORS], 403)}, 404, kwargs=_programme
    ),
}
