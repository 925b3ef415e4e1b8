from __future__ import annotations

from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Pages that read every app: home per role, cabinets, navigation, the audit journal."""

    name = "nastavnik.site"
    label = "site"
    verbose_name = "Сайт"
