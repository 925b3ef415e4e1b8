from __future__ import annotations

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "nastavnik.courses"
    verbose_name = "Курсы повышения квалификации"
