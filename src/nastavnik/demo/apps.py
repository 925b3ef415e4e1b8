from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world and its command; nothing imports it."""

    name = "nastavnik.demo"
    label = "demo"
    verbose_name = "Демонстрация"
