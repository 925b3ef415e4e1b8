from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogue(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.workshops.catalogue import load_catalogue

    load_catalogue()


class WorkshopsConfig(AppConfig):
    name = "nastavnik.workshops"
    verbose_name = "Мастерские роста"

    def ready(self) -> None:
        # The source's workshops and trajectories (000) are kept in step after every migrate.
        post_migrate.connect(_load_catalogue, sender=self, dispatch_uid="nastavnik-growth-workshops")
