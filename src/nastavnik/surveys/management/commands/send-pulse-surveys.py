"""`nastavnik send-pulse-surveys`: daily, idempotent satisfaction pulses of pairs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from nastavnik.common.text import plural_ru
from nastavnik.surveys.pulse import create_pulse_invitations


class Command(BaseCommand):
    help = "Приглашает наставляемых и наставников пар в опрос удовлетворённости через 30 дней и при завершении."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = create_pulse_invitations(timezone.localdate())
        campaigns = plural_ru(summary.campaigns, "опрос", "опроса", "опросов")
        people = plural_ru(summary.invitations, "приглашение", "приглашения", "приглашений")
        self.stdout.write(
            f"Новых опросов: {summary.campaigns} ({campaigns}); новых приглашений: {summary.invitations} ({people})."
        )
