"""``nastavnik send-project-reminders [--today ГГГГ-ММ-ДД] [--days N]`` — for cron.

Expands the current academic year's items of approved and running projects, then e-mails the
responsible person (or, without one, the project's leaders) about items due within N days and
items overdue. Each reminder goes once (reminders.sending.send_once).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nastavnik.common.commands import RussianCommand
from nastavnik.orgs.models import AcademicYear
from nastavnik.projects.reminders import send_reminders


class Command(RussianCommand):
    help = "Напоминания о сроках мероприятий проектов (для cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="дата ГГГГ-ММ-ДД (по умолчанию сегодня)")
        parser.add_argument("--days", default="7", help="за сколько дней до срока напоминать (0–365)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = datetime.date.fromisoformat(options["today"]) if options.get("today") else datetime.date.today()
        except ValueError as error:
            raise CommandError(f"Неверная дата «{options['today']}»: укажите ГГГГ-ММ-ДД.", returncode=2) from error
        days = int(options["days"]) if str(options["days"]).strip().isdigit() else -1
        if not 0 <= days <= 365:
            raise CommandError(f"Неверное --days «{options['days']}»: нужно целое число от 0 до 365.", returncode=2)
        year, _ = AcademicYear.objects.get_or_create(start_year=AcademicYear.start_year_for(today))
        sent = send_reminders(today, days, year)
        self.stdout.write(f"Отправлено напоминаний: {sent}.")
