from __future__ import annotations

from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "nastavnik.communities"
    verbose_name = "Профессиональные сообщества и кадровый резерв"
