from __future__ import annotations

from django.apps import AppConfig


class PairsConfig(AppConfig):
    name = "nastavnik.pairs"
    verbose_name = "Пары и группы"
