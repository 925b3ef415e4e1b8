from __future__ import annotations

from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Reminders sent once: the log of sent keys and the sending service."""

    name = "nastavnik.reminders"
    label = "reminders"
    verbose_name = "Напоминания"
