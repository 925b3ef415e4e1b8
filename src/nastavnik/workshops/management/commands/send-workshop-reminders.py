"""``nastavnik send-workshop-reminders [--today ГГГГ-ММ-ДД] [--days N]`` — for cron, e.g. daily.

E-mails the members and the master of a workshop about its meetings held in the last N days (default 7)
and the participants of a shift starting within N days. Each letter goes once and only to those who
follow its topic («Мои уведомления»; a person who never chose gets every topic).
Bad --today or --days: exit 2 with a message, nothing sent.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from nastavnik.common.commands import RussianCommand
from nastavnik.workshops.reminders import MAX_DAYS, send_all


class Command(RussianCommand):
    help = "Письма о встречах мастерских и о начале смен (для cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="ГГГГ-ММ-ДД", help="считать сегодняшней эту дату")
        parser.add_argument("--days", metavar="N", default="7", help="окно в днях (по умолчанию 7)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self._today(options["today"])
        days = self._days(options["days"])
        try:
            summary = send_all(today, days)
        except Exception as error:  # SMTP and file back-ends raise many kinds of errors
            raise CommandError(f"Не удалось отправить письмо: {error}", returncode=1) from error
        self.stdout.write(summary.text())

    @staticmethod
    def _today(value: str | None) -> datetime.date:
        if not value:
            return timezone.localdate()
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise CommandError(
                f"Неверная дата --today «{value}»: нужна дата в виде ГГГГ-ММ-ДД, например 2026-12-07.", returncode=2
            ) from None

    @staticmethod
    def _days(value: str) -> int:
        days = int(value) if value.strip().isdigit() else -1
        if not 0 <= days <= MAX_DAYS:
            raise CommandError(f"Неверное --days «{value}»: нужно целое число от 0 до {MAX_DAYS}.", returncode=2)
        return days
