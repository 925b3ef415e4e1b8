"""``nastavnik send-project-reminders [--today ГГГГ-ММ-ДД] [--days N]`` — for cron.

Expands the current academic year's items of approved and running projects, then e-mails the
responsible person (or, without one, the project's leaders) about items due within N days and
items overdue. Each reminder goes once (reminders.sending.send_once).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from nastavnik.common.commands import RussianCommand, days_option, today_option
from nastavnik.orgs.models import AcademicYear
from nastavnik.projects.reminders import send_reminders

MAX_DAYS = 365


class Command(RussianCommand):
    help = "Напоминания о сроках мероприятий проектов (для cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", metavar="ГГГГ-ММ-ДД", help="считать сегодняшней эту дату (по умолчанию — сегодня)"
        )
        parser.add_argument(
            "--days", metavar="N", help=f"за сколько дней до срока напоминать (0–{MAX_DAYS}, по умолчанию 7)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options["today"])
        days = days_option(options["days"], MAX_DAYS, default=7)
        year, _ = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(today))
        sent = send_reminders(today, days, year)
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
