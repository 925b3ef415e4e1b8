from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "nastavnik.monitoring"
    verbose_name = "Мониторинг и показатели"

    def ready(self) -> None:
        # Saves anywhere (pages, commands, imports) drop the cached dashboards.
        from nastavnik.monitoring.dashboard import connect_signals

        connect_signals()
