"""Permission-matrix specs of the role pages, and the working pair they (and their tests) build."""

from __future__ import annotations

import datetime
from typing import Any

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import MentorChangeRequest, Pair, PairStatus
from tests.conftest import World
from tests.matrix_support import MANAGERS, STAFF_READERS, Spec, roles

# Staff who see the world's school: they read its pairs but are not the pair's mentee.
SCHOOL_READERS = ["admin", "region", "district", "director", "curator", "working_group"]


def working_pair(
    w: World,
    mentor: MentorEntry | None = None,
    mentee: MenteeEntry | None = None,
    started_on: datetime.date | None = None,
) -> Pair:
    """An active pair (appointed, fixed, started) of the world's mentor and mentee unless others are given."""
    mentor = mentor or w.mentor_entry
    MentorEntry.objects.filter(pk=mentor.pk).update(admission=Admission.ADMITTED)
    mentor.refresh_from_db()
    pair = services.appoint(mentor, mentee or w.mentee_entry, None)
    lifecycle.move(pair, PairStatus.FIXED, None)
    return lifecycle.activate(pair, None, started_on)


def _the_pair(w: World) -> Pair:
    """The world's working pair, built once (the matrix asks for the URL once per role)."""
    existing = Pair.objects.filter(mentor=w.mentor_entry, members__mentee=w.mentee_entry).first()
    return existing or working_pair(w)


def _pair(w: World) -> dict[str, Any]:
    return {"pk": _the_pair(w).pk}


def _request(w: World) -> dict[str, Any]:
    found, _ = MentorChangeRequest.objects.get_or_create(
        pair=_the_pair(w), person=w.people["mentee"], defaults={"reason": "Не сложилось общение"}
    )
    return {"pk": found.pk}


def _programme(w: World) -> dict[str, Any]:
    return {"pk": w.programme.pk}


ROLES_MATRIX: dict[str, Spec] = {
    # Every signed-in user has these pages; they list only the user's own pairs (or say there are none).
    "pairs:my_mentees": Spec({}, 200),
    "pairs:my_mentor": Spec({}, 200),
    # Only the pair's mentee asks for another mentor; staff and the mentor see the pair but may not.
    "pairs:change_request": Spec({**roles(SCHOOL_READERS, 403), "mentor": 403, "mentee": 200}, 404, kwargs=_pair),
    # The curator answers (400: the empty POST has no decision); the mentee who asked may not; the
    # mentor never sees the request.
    "pairs:change_request_resolve": Spec(
        {**roles(MANAGERS, 400), **roles(["region", "district", "mentee"], 403)}, 404, kwargs=_request, method="post"
    ),
    # Everyone who runs or coordinates programmes has a board of their own programmes.
    "pairs:nudges": Spec(roles(STAFF_READERS, 200), 403),
    "pairs:nudge_settings": Spec(
        {**roles(MANAGERS, 200), **roles(["region", "district"], 403)}, 404, kwargs=_programme
    ),
    "pairs:director": Spec(roles(["admin", "director"], 200), 403),
}
