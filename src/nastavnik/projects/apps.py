from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference_lists(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.projects.reference import load_reference_lists

    load_reference_lists()


class ProjectsConfig(AppConfig):
    name = "nastavnik.projects"
    verbose_name = "Проектный офис"

    def ready(self) -> None:
        # A flush (tests with a live server) empties the reference lists; they come back after it.
        post_migrate.connect(_load_reference_lists, sender=self, dispatch_uid="nastavnik-project-reference-lists")
