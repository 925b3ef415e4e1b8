from __future__ import annotations

from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "nastavnik.practices"
    verbose_name = "Банк лучших практик"
