"""``nastavnik send-reminders [--today YYYY-MM-DD] [--days N]`` — for cron, e.g. daily at 8:00.

E-mails responsible persons about roadmap activities due within N days (default: setting
REMINDER_DAYS_BEFORE, 3), curators about overdue activities, and mentors the reminders of
the pairs' nudges. Every reminder is sent once: running the command again sends nothing new.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nastavnik.diary import nudges
from nastavnik.programmes import reminders


class Command(BaseCommand):
    help = "Напомнить по e-mail о сроках мероприятий дорожной карты, о просроченных мероприятиях и наставникам."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", metavar="ГГГГ-ММ-ДД", help="считать сегодняшней эту дату (по умолчанию — сегодня)"
        )
        parser.add_argument(
            "--days", metavar="N", help="за сколько дней до срока напоминать (по умолчанию REMINDER_DAYS_BEFORE)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._today(options["today"])
        days = self._days(options["days"])
        try:
            summary = nudges.send_all(today, days)
        except Exception as error:  # SMTP and file back-ends raise many kinds of errors
            raise CommandError(f"Не удалось отправить письмо: {error}", returncode=1) from error
        self.stdout.write(summary.text(today, days))

    @staticmethod
    def _today(value: str | None) -> datetime.date:
        if not value:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(
                f"Неверная дата --today «{value}»: нужна дата в виде ГГГГ-ММ-ДД, например 2026-11-03.", returncode=2
            ) from None

    @staticmethod
    def _days(value: str | None) -> int:
        if value is None:
            return reminders.days_before()
        try:
            days = int(value)
        except ValueError:
            days = -1
        if not 0 <= days <= reminders.MAX_DAYS:
            raise CommandError(
                f"Неверное число дней --days «{value}»: нужно целое число от 0 до {reminders.MAX_DAYS}.", returncode=2
            )
        return days
