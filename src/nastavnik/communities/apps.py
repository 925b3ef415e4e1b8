from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_competences(sender: AppConfig, **kwargs: Any) -> None:
    from nastavnik.communities.defaults import seed_competences

    seed_competences()


class CommunitiesConfig(AppConfig):
    name = "nastavnik.communities"
    verbose_name = "Профессиональные сообщества и кадровый резерв"

    def ready(self) -> None:
        # A flush (tests with a live server) empties the competence list; the defaults come back after it.
        post_migrate.connect(_seed_competences, sender=self, dispatch_uid="nastavnik-default-competences")
