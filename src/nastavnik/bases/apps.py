from __future__ import annotations

from django.apps import AppConfig


class BasesConfig(AppConfig):
    name = "nastavnik.bases"
    verbose_name = "Базы наставников и наставляемых"
