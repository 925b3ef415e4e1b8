"""``nastavnik send-survey-reminders [--campaign ID] [--dry-run]`` — for cron, e.g. daily at 9:00.

E-mails everyone who has not answered an open campaign their personal link; running it twice
(or more often than SURVEY_REMINDER_DAYS) sends nothing new.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.common.text import plural_ru
from nastavnik.surveys import reminders
from nastavnik.surveys.models import Campaign


class Command(BaseCommand):
    help = "Напомнить по e-mail тем, кто ещё не ответил на идущие опросы (личная ссылка в письме)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", type=int, metavar="ID", help="только этот опрос")
        parser.add_argument("--dry-run", action="store_true", help="только посчитать, кому напомнить, не отправляя")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = None
        if options["campaign"] is not None:
            campaign = Campaign.objects.filter(pk=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"Опрос с номером {options['campaign']} не найден", returncode=2)
        if options["dry_run"]:
            count = reminders.due(campaign=campaign).count()
            self.stdout.write(f"Пора напомнить: {count} {plural_ru(count, 'человеку', 'людям', 'людям')}.")
            return
        try:
            result = reminders.send_reminders(campaign=campaign)
        except reminders.MailUnavailable as error:
            raise CommandError(str(error), returncode=1) from error
        text = reminders.summary(result)
        if result.failed:
            raise CommandError(text, returncode=1)
        self.stdout.write(text)
