"""Permission-matrix specs of this feature's URLs (merged into tests/test_permission_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from tests.conftest import World
from tests.matrix_support import MANAGERS, Spec, roles

# The meeting's pages are the curator's, like the other schemes: coordinators above see the
# school but may not act (403), everyone else does not see it at all (404).
MANAGER_PAGE = {**roles(MANAGERS, 200), **roles(["region", "district"], 403)}
MANAGER_POST = {**roles(MANAGERS, 302), **roles(["region", "district"], 403)}
PARTICIPANTS = roles(["mentor", "mentee"], 200)


def _meeting(w: World) -> dict[str, Any]:
    """A meeting of the school's programme with the world's mentor and mentee taking part."""
    from nastavnik.pairs import meetings

    fields = {"title": "Mentor Match", "date": datetime.date(2026, 11, 20), "round_minutes": 5, "total_minutes": 30}
    meeting = meetings.create_meeting(w.programme.forms.get(), fields, [w.mentor_entry], [w.mentee_entry], None)
    return {"pk": meeting.pk}


def _form(w: World) -> dict[str, Any]:
    return {"pk": w.programme.forms.get().pk}


def _card(w: World) -> dict[str, Any]:
    return {**_meeting(w), "side": "mentee", "entry_pk": w.mentee_entry.pk}


MEETINGS_MATRIX: dict[str, Spec] = {
    "pairs:meetings": Spec(MANAGER_PAGE, 404, kwargs=_form),
    "pairs:meeting": Spec(MANAGER_PAGE, 404, kwargs=_meeting),
    "pairs:meeting_print": Spec(MANAGER_PAGE, 404, kwargs=_meeting),
    "pairs:meeting_preference": Spec(MANAGER_PAGE, 404, kwargs=_card),
    "pairs:meeting_compute": Spec(MANAGER_POST, 404, kwargs=_meeting, method="post"),
    "pairs:meeting_confirm": Spec(MANAGER_POST, 404, kwargs=_meeting, method="post"),
    # Every signed-in user has the list of their own meetings (empty when they take part in none).
    "pairs:my_meetings": Spec({}, 200),
    # Only the participants themselves; for anyone else the meeting does not exist.
    "pairs:my_preferences": Spec(PARTICIPANTS, 404, kwargs=_meeting),
}
