from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Matching: schemes, settings, locks and bans, runs, speed meetings."""

    name = "nastavnik.matching"
    verbose_name = "Подбор пар"
