"""Documents made in the background: start a job, run it with progress, keep the file, report errors.

`start(user, org, year, kind)` records a ReportJob. A document on at most
`settings.REPORT_INLINE_MAX_ORGS` organisations (an organisation's own report) is made at once,
inside the request; a larger one (a district, the region) is queued for the huey worker
(`tasks.run_report_job`, run by `nastavnik run_huey`). Either way `run(job_id)` does the work:
it moves the job to «running», reports progress as it goes (a percentage and a Russian line),
stores the file, and ends «done» — or «failed» with a Russian explanation, never an exception
that would reach the user as a server error.

A re-delivered task of a finished job does nothing; a job left «running» longer than
`settings.REPORT_JOB_TIMEOUT_MINUTES` (its worker was stopped) is reported as failed when seen.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from jinja2 import TemplateError as JinjaError

from nastavnik.common.changes import INDICATORS, version
from nastavnik.common.text import plural_ru
from nastavnik.monitoring import documents
from nastavnik.monitoring.models import FINISHED_STATUSES, JobKind, JobStatus, ReportJob
from nastavnik.monitoring.report import default_as_of, summary
from nastavnik.monitoring.xlsx import indicators_workbook
from nastavnik.orgs.models import AcademicYear, Organisation

logger = logging.getLogger(__name__)

GENERIC_ERROR = (
    "Не удалось сформировать документ из-за внутренней ошибки. Попробуйте ещё раз; если ошибка "
    "повторится, сообщите администратору платформы."
)
STALE_ERROR = (
    "Формирование прервано: фоновый обработчик остановился, не закончив работу. Запустите формирование ещё раз."
)
TEMPLATE_ERROR = (
    "Шаблон отчёта, загруженный на странице «Шаблоны документов», не удалось заполнить: {error}. "
    "Исправьте шаблон или верните встроенный."
)


class JobError(Exception):
    """A job cannot be started; the message is Russian and is shown to the user."""


Progress = Callable[[int, str], None]


def inline_limit() -> int:
    return int(getattr(settings, "REPORT_INLINE_MAX_ORGS", 1))


def organisations_for(org: Organisation, year: AcademicYear, user: Any) -> int:
    return documents.count_organisations(org, year, user)


def start(user: Any, org: Organisation, year: AcademicYear, kind: str) -> ReportJob:
    """Record the job and make the document now (small) or queue it for the worker (large)."""
    if kind not in JobKind.values:
        raise JobError("Неизвестный вид документа.")
    waiting = ReportJob.objects.filter(owner=user).exclude(status__in=FINISHED_STATUSES)
    limit = int(getattr(settings, "REPORT_JOBS_PER_USER", 3))
    if waiting.count() >= limit:
        documents_word = plural_ru(limit, "документ", "документа", "документов")
        raise JobError(
            f"У вас уже формируется {limit} {documents_word}: дождитесь готовности, затем закажите следующий."
        )
    # Documents (DOCX, PDF) read survey answers and the organisation's own templates: never reused.
    stamp = version(INDICATORS) if kind == JobKind.INDICATORS_XLSX else 0
    earlier = _same_table(user, org, year, stamp) if stamp else None
    if earlier is not None:
        return _copy(earlier, stamp)
    count = organisations_for(org, year, user)
    background = count > inline_limit()
    job = ReportJob.objects.create(
        owner=user,
        organisation=org,
        academic_year=year,
        kind=kind,
        organisations=count,
        in_background=background,
        message="В очереди: ждёт фонового обработчика" if background else "Формируется",
        data_version=stamp,
    )
    if background:
        from nastavnik.monitoring.tasks import run_report_job

        # After the row is committed, so that the worker always finds it.
        transaction.on_commit(lambda: run_report_job(job.pk))
    else:
        run(job.pk)
        job.refresh_from_db()
    return job


def _same_table(user: Any, org: Organisation, year: AcademicYear, stamp: int) -> ReportJob | None:
    """The user's indicator table of the organisation and year ordered today at the same generation of the
    data (nothing it shows has changed since), finished, with its file still kept; None otherwise."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    earlier = (
        ReportJob.objects.filter(
            owner=user,
            organisation=org,
            academic_year=year,
            kind=JobKind.INDICATORS_XLSX,
            status=JobStatus.DONE,
            data_version=stamp,
            created_at__gte=today,
        )
        .exclude(file="")
        .order_by("-finished_at", "-id")
        .first()
    )
    if earlier is None or not earlier.file.storage.exists(earlier.file.name):
        return None
    return earlier


def _copy(earlier: ReportJob, stamp: int) -> ReportJob:
    """A finished job with a copy of the earlier job's file (each job's file is deleted with it)."""
    now = timezone.now()
    made_at = timezone.localtime(earlier.finished_at or earlier.created_at)
    job = ReportJob(
        owner=earlier.owner,
        organisation=earlier.organisation,
        academic_year=earlier.academic_year,
        kind=earlier.kind,
        status=JobStatus.DONE,
        progress=100,
        message=f"Готово: данные не менялись с формирования в {made_at:%H:%M}, файл тот же",
        organisations=earlier.organisations,
        in_background=False,
        filename=earlier.filename,
        data_version=stamp,
        started_at=now,
        finished_at=now,
    )
    with earlier.file.open("rb") as source:
        job.file.save(earlier.filename, ContentFile(source.read()), save=False)
    job.save()
    return job


def _progress(job_id: int) -> Progress:
    def report(percent: int, message: str) -> None:
        ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            progress=max(0, min(int(percent), 99)), message=message[:300]
        )

    return report


def _report(kind: str) -> Callable[[ReportJob, Progress], tuple[bytes, str]]:
    def make(job: ReportJob, progress: Progress) -> tuple[bytes, str]:
        data = documents.build_report(job.organisation, job.academic_year, user=job.owner, progress=progress)
        if kind == "pdf":
            progress(80, "Сборка документа PDF")
            return documents.report_pdf(data), documents.filename(data, "pdf")
        progress(80, "Сборка документа DOCX")
        return documents.report_docx(data), documents.filename(data, "docx")

    return make


def _indicators_xlsx(job: ReportJob, progress: Progress) -> tuple[bytes, str]:
    org, year = job.organisation, job.academic_year
    orgs, territory = documents.report_scope(org, year, job.owner)
    as_of = default_as_of(year)
    reports = documents.reports_in_batches(orgs, year, as_of, progress, 5, 85)
    progress(90, "Запись таблицы XLSX")
    if territory:
        content, _ = indicators_workbook(reports, year, summary(reports), territory=org)
    else:
        content, _ = indicators_workbook(reports, year)
    return content, f"pokazateli-{org.slug}-{year.start_year}.xlsx"


GENERATORS: dict[str, Callable[[ReportJob, Progress], tuple[bytes, str]]] = {
    JobKind.REPORT_DOCX: _report("docx"),
    JobKind.REPORT_PDF: _report("pdf"),
    JobKind.INDICATORS_XLSX: _indicators_xlsx,
}


def _claim(job_id: int) -> ReportJob | None:
    """Move a queued job to «running»; None when it is gone or already taken."""
    now = timezone.now()
    claimed = ReportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, progress=1, message="Начато формирование"
    )
    if not claimed:
        return None
    return ReportJob.objects.select_related("organisation", "academic_year", "owner").get(pk=job_id)


def explain(error: BaseException) -> str:
    """A Russian sentence for the user; the details go to the log."""
    if isinstance(error, JinjaError):
        return TEMPLATE_ERROR.format(error=error)
    return GENERIC_ERROR


def run(job_id: int) -> None:
    """Make the document of a job; every failure ends in a «failed» job with a Russian message."""
    job = _claim(job_id)
    if job is None:
        return
    try:
        content, name = GENERATORS[job.kind](job, _progress(job.pk))
        job.file.save(name, ContentFile(content), save=False)
    except Exception as error:  # the job records any failure instead of raising it
        logger.exception("report job %s failed", job_id)
        ReportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=explain(error), message="Ошибка", finished_at=timezone.now()
        )
        return
    ReportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress=100,
        message=JobStatus.DONE.label,
        file=job.file.name,
        filename=name,
        finished_at=timezone.now(),
    )


def expire_if_stale(job: ReportJob, now: datetime.datetime | None = None) -> ReportJob:
    """A job «running» past the time-out has lost its worker: report it as failed."""
    if job.status != JobStatus.RUNNING or job.started_at is None:
        return job
    now = now or timezone.now()
    timeout = datetime.timedelta(minutes=int(getattr(settings, "REPORT_JOB_TIMEOUT_MINUTES", 30)))
    if now - job.started_at < timeout:
        return job
    ReportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED, error=STALE_ERROR, message="Ошибка", finished_at=now
    )
    job.refresh_from_db()
    return job


def waiting_too_long(job: ReportJob, now: datetime.datetime | None = None) -> bool:
    """Queued for more than a minute: probably no worker is running."""
    now = now or timezone.now()
    return job.status == JobStatus.QUEUED and now - job.created_at > datetime.timedelta(minutes=1)
