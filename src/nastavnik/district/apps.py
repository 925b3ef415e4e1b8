from __future__ import annotations

from django.apps import AppConfig


class DistrictConfig(AppConfig):
    name = "nastavnik.district"
    verbose_name = "Район: карта наставников и «Школа – Школе»"
