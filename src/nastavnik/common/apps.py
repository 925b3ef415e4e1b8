from __future__ import annotations

from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CommonConfig(AppConfig):
    """The ground every app stands on: text, dates, paging, XLSX, login and session guards."""

    name = "nastavnik.common"
    verbose_name = "Общее"

    def ready(self) -> None:
        from nastavnik.common import lockouts, sessions  # noqa: F401  (connect their signal receivers)
        from nastavnik.common.sqlite import install

        connection_created.connect(install, dispatch_uid="nastavnik-sqlite-like")
