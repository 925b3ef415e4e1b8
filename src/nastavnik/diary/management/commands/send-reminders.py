"""``nastavnik send-reminders [--today YYYY-MM-DD] [--days N]`` — for cron, e.g. daily at 8:00.

E-mails responsible persons about roadmap activities due within N days (default: setting
REMINDER_DAYS_BEFORE, 3), curators about overdue activities, and mentors the reminders of
the pairs' nudges. Every reminder is sent once: running the command again sends nothing new.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.common.commands import days_option, today_option
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
        today = today_option(options["today"])
        days = days_option(options["days"], reminders.MAX_DAYS, reminders.days_before())
        try:
            summary = nudges.send_all(today, days)
        except Exception as error:  # SMTP and file back-ends raise many kinds of errors
            raise CommandError(f"Не удалось отправить письмо: {error}", returncode=1) from error
        self.stdout.write(summary.text(today, days))
