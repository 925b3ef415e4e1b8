"""Old background jobs and their files go away: a report is made to be downloaded, not archived.

`delete_old_jobs(days)` deletes the ReportJob rows finished more than `days` days ago, jobs that
never finished and were started long ago (their worker died: older than the cut-off and the
job time-out), and their files; then any file left in the reports folder by a job whose row is
gone or whose file was never recorded, when it is older than the cut-off too. Rows go first, in
one transaction; files are removed after it, so a failed run never leaves a row whose
file is missing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nastavnik.common.text import plural_ru
from nastavnik.monitoring.models import FINISHED_STATUSES, ReportJob

REPORTS_FOLDER = "reports"
MAX_DAYS = 36500


@dataclass
class Cleanup:
    jobs: int
    files: int

    def text(self, days: int) -> str:
        jobs = plural_ru(self.jobs, "задание", "задания", "заданий")
        files = plural_ru(self.files, "файл", "файла", "файлов")
        age = plural_ru(days, "дня", "дней", "дней")
        return f"Удалено {self.jobs} {jobs} и {self.files} {files} (старше {days} {age})."


def keep_days() -> int:
    return int(getattr(settings, "REPORT_JOB_KEEP_DAYS", 30))


def _old_jobs(cutoff: datetime.datetime, now: datetime.datetime) -> Q:
    timeout = datetime.timedelta(minutes=int(getattr(settings, "REPORT_JOB_TIMEOUT_MINUTES", 30)))
    dead_before = min(cutoff, now - timeout)
    finished = Q(status__in=FINISHED_STATUSES) & (
        Q(finished_at__lt=cutoff) | Q(finished_at__isnull=True, created_at__lt=cutoff)
    )
    abandoned = ~Q(status__in=FINISHED_STATUSES) & Q(created_at__lt=dead_before)
    return finished | abandoned


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)  # a missing file is not an error


def _report_files(folder: str = REPORTS_FOLDER) -> list[str]:
    if not default_storage.exists(folder):
        return []
    folders, files = default_storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += _report_files(f"{folder}/{sub}")
    return names


def _orphans(cutoff: datetime.datetime) -> list[str]:
    known = set(ReportJob.objects.exclude(file="").values_list("file", flat=True))
    return [name for name in _report_files() if name not in known and default_storage.get_modified_time(name) < cutoff]


def delete_old_jobs(days: int, now: datetime.datetime | None = None) -> Cleanup:
    """Delete jobs and result files older than `days` days; how many of each went."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    with transaction.atomic():
        old = ReportJob.objects.filter(_old_jobs(cutoff, now))
        files = [name for name in old.exclude(file="").values_list("file", flat=True)]
        count, _ = old.delete()
    _delete_files(files)  # after the rows are gone for good
    orphans = _orphans(cutoff)
    _delete_files(orphans)
    return Cleanup(jobs=count, files=len(files) + len(orphans))
