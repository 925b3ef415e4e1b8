from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_catalogue(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.practices.catalogue import load_catalogue

    load_catalogue()


class PracticesConfig(AppConfig):
    name = "nastavnik.practices"
    verbose_name = "Банк лучших практик"

    def ready(self) -> None:
        # The catalogue of regional practices (002, Приложение 3) is kept in step after every migrate.
        post_migrate.connect(_load_catalogue, sender=self, dispatch_uid="nastavnik-regional-practices")
