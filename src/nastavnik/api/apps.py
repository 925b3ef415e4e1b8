from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nastavnik.api"
    verbose_name = "REST API"
