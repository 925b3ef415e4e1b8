from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.programmes.reference import load_reference_data

    load_reference_data()


class ProgrammesConfig(AppConfig):
    name = "nastavnik.programmes"
    verbose_name = "Программы"

    def ready(self) -> None:
        # Reference data is versioned in programmes/data/ and kept in step after every migrate.
        post_migrate.connect(_load_reference, sender=self, dispatch_uid="nastavnik-reference-data")
