from __future__ import annotations

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "nastavnik.projects"
    verbose_name = "Проектный офис"
