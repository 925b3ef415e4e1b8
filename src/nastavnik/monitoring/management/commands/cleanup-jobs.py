"""``nastavnik cleanup-jobs [--days N]`` — for cron, e.g. daily at 3:00.

Deletes background report jobs finished more than N days ago (default: setting
REPORT_JOB_KEEP_DAYS, 30) together with their result files, and result files left without a job.
A bad --days → exit code 2 with a Russian message, nothing deleted.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nastavnik.common.commands import days_option
from nastavnik.monitoring import cleanup


class Command(BaseCommand):
    help = "Удалить старые фоновые задания (отчёты) и их файлы."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", metavar="N", help="удалить задания старше N дней (по умолчанию REPORT_JOB_KEEP_DAYS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        days = days_option(options["days"], cleanup.MAX_DAYS, cleanup.keep_days())
        result = cleanup.delete_old_jobs(days)
        self.stdout.write(result.text(days))
