from __future__ import annotations

from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "nastavnik.workshops"
    verbose_name = "Мастерские роста"
