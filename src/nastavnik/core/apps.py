from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    name = "nastavnik.core"
    verbose_name = "Основное"

    def ready(self) -> None:
        from nastavnik.core import lockouts, sessions  # noqa: F401  (connect their signal receivers)
        from nastavnik.core.sqlite import install

        connection_created.connect(install, dispatch_uid="nastavnik-sqlite-like")
