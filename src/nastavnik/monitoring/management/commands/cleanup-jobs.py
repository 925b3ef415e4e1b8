"""``nastavnik cleanup-jobs [--days N]`` — for cron, e.g. daily at 3:00.

Deletes background report jobs finished more than N days ago (default: setting
REPORT_JOB_KEEP_DAYS, 30) together with their result files, and result files left without a job.
A bad --days → exit code 2 with a Russian message, nothing deleted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.monitoring import cleanup


class Command(BaseCommand):
    help = "Удалить старые фоновые задания (отчёты) и их файлы."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", metavar="N", help="удалить задания старше N дней (по умолчанию REPORT_JOB_KEEP_DAYS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = self._days(options["days"])
        result = cleanup.delete_old_jobs(days)
        self.stdout.write(result.text(days))

    @staticmethod
    def _days(value: str | None) -> int:
        if value is None:
            return cleanup.keep_days()
        try:
            days = int(value)
        except ValueError:
            days = -1
        if not 0 <= days <= cleanup.MAX_DAYS:
            raise CommandError(
                f"Неверное число дней --days «{value}»: нужно целое число от 0 до {cleanup.MAX_DAYS}.", returncode=2
            )
        return days
