from __future__ import annotations

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "nastavnik.people"
    verbose_name = "Люди"

    def ready(self) -> None:
        # Saves anywhere (pages, commands, imports) drop the cached counts of the people list.
        from nastavnik.people.generation import connect_signals

        connect_signals()
