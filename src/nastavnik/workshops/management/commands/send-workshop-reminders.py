"""``nastavnik send-workshop-reminders [--today ГГГГ-ММ-ДД] [--days N]`` — for cron, e.g. daily.

E-mails the members and the master of a workshop about its meetings held in the last N days (default 7)
and the participants of a shift starting within N days. Each letter goes once and only to those who
follow its topic («Мои уведомления»; a person who never chose gets every topic).
Bad --today or --days: exit 2 with a message, nothing sent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from nastavnik.common.commands import RussianCommand, days_option, today_option
from nastavnik.workshops.reminders import MAX_DAYS, send_all


class Command(RussianCommand):
    help = "Письма о встречах мастерских и о начале смен (для cron)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="ГГГГ-ММ-ДД", help="считать сегодняшней эту дату")
        parser.add_argument("--days", metavar="N", help="окно в днях (по умолчанию 7)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_option(options["today"])
        days = days_option(options["days"], MAX_DAYS, default=7)
        try:
            summary = send_all(today, days)
        except Exception as error:  # SMTP and file back-ends raise many kinds of errors
            raise CommandError(f"Не удалось отправить письмо: {error}", returncode=1) from error
        self.stdout.write(summary.text())
