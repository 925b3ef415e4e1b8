"""Nudges: pairs that need the curator's attention, and reminders to mentors."""

from __future__ import annotations

import datetime

from nastavnik.core.reminders import Reminder


def mentor_reminders(today: datetime.date) -> list[Reminder]:
    """Reminders to mentors (no meeting for a while, overdue plan tasks); see the role-views feature."""
    return []
