from __future__ import annotations

from django.apps import AppConfig


class DiaryConfig(AppConfig):
    """The life of a pair after it starts: meetings, ratings, plans, completion, awards, nudges, levels."""

    name = "nastavnik.diary"
    verbose_name = "Дневник пары"
