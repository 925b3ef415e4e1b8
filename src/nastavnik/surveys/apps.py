from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_instruments(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.surveys.loader import load_instruments

    load_instruments()


class SurveysConfig(AppConfig):
    name = "nastavnik.surveys"
    verbose_name = "Опросы и диагностика"

    def ready(self) -> None:
        # Instruments are versioned files in surveys/instruments/; kept in step after every migrate.
        post_migrate.connect(_load_instruments, sender=self, dispatch_uid="nastavnik-instruments")
