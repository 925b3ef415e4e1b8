"""`nastavnik cleanup-jobs [--days N]`: old report jobs and their files go; recent and running ones stay."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone

from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob
from tests.conftest import World


@pytest.fixture(autouse=True)
def _own_media(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """A media folder of this test alone: files other tests left would count as orphans."""
    settings.MEDIA_ROOT = str(tmp_path / "media")  # type: ignore[attr-defined]


def _job(world: World, status: str, age_days: float, *, with_file: bool = True) -> ReportJob:
    moment = timezone.now() - datetime.timedelta(days=age_days)
    job = ReportJob.objects.create(
        owner=User.objects.get(username="curator"),
        organisation=world.school,
        academic_year=world.programme.academic_year,
        kind=JobKind.REPORT_DOCX,
        status=status,
    )
    if with_file:
        job.file.save("otchet.docx", ContentFile(b"PK report"), save=True)
        _age_file(job.file.name, age_days)
    finished = moment if status in {JobStatus.DONE, JobStatus.FAILED} else None
    ReportJob.objects.filter(pk=job.pk).update(created_at=moment, started_at=moment, finished_at=finished)
    return job


def _age_file(name: str, age_days: float) -> None:
    stamp = (timezone.now() - datetime.timedelta(days=age_days)).timestamp()
    os.utime(default_storage.path(name), (stamp, stamp))


def _exists(name: str) -> bool:
    return Path(settings.MEDIA_ROOT, name).exists()


def _run(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("cleanup-jobs", *args, stdout=out)
    return out.getvalue().strip()


def test_jobs_finished_before_the_cut_off_go_with_their_files(world: World) -> None:
    old_done = _job(world, JobStatus.DONE, 31)
    old_failed = _job(world, JobStatus.FAILED, 45, with_file=False)
    recent = _job(world, JobStatus.DONE, 29)
    old_file, recent_file = old_done.file.name, recent.file.name

    assert _run() == "Удалено 2 задания и 1 файл (старше 30 дней)."

    assert list(ReportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not _exists(old_file) and _exists(recent_file)
    assert not ReportJob.objects.filter(pk=old_failed.pk).exists()


def test_days_are_taken_from_the_option_and_from_the_setting(world: World, settings: pytest.FixtureRequest) -> None:
    _job(world, JobStatus.DONE, 8)
    _job(world, JobStatus.DONE, 3)
    settings.REPORT_JOB_KEEP_DAYS = 7  # type: ignore[attr-defined]
    assert _run() == "Удалено 1 задание и 1 файл (старше 7 дней)."
    assert _run("--days", "2") == "Удалено 1 задание и 1 файл (старше 2 дней)."
    assert ReportJob.objects.count() == 0


def test_a_running_job_stays_even_with_zero_days(world: World) -> None:
    running = _job(world, JobStatus.RUNNING, 0.001, with_file=False)
    queued = _job(world, JobStatus.QUEUED, 0.001, with_file=False)
    assert _run("--days", "0") == "Удалено 0 заданий и 0 файлов (старше 0 дней)."
    assert set(ReportJob.objects.values_list("pk", flat=True)) == {running.pk, queued.pk}


def test_a_job_whose_worker_died_long_ago_goes(world: World) -> None:
    _job(world, JobStatus.RUNNING, 40, with_file=False)
    _job(world, JobStatus.QUEUED, 35, with_file=False)
    assert _run() == "Удалено 2 задания и 0 файлов (старше 30 дней)."


def test_an_old_file_without_a_job_goes_and_a_new_one_stays(world: World) -> None:
    old_name = default_storage.save("reports/2026/10/left.docx", ContentFile(b"PK left"))
    new_name = default_storage.save("reports/2026/12/new.docx", ContentFile(b"PK new"))
    _age_file(old_name, 60)
    _age_file(new_name, 1)
    other = default_storage.save("attachments/old.pdf", ContentFile(b"%PDF"))
    _age_file(other, 60)

    assert _run() == "Удалено 0 заданий и 1 файл (старше 30 дней)."
    assert not _exists(old_name) and _exists(new_name) and _exists(other)


@pytest.mark.parametrize("value", ["abc", "-1", "1.5", "36501"])
def test_bad_days_exit_2_with_a_russian_message_and_delete_nothing(world: World, value: str) -> None:
    job = _job(world, JobStatus.DONE, 400)
    with pytest.raises(CommandError) as error:
        call_command("cleanup-jobs", "--days", value)
    assert error.value.returncode == 2
    assert str(error.value) == f"Неверное число дней --days «{value}»: нужно целое число от 0 до 36500."
    assert ReportJob.objects.filter(pk=job.pk).exists() and _exists(job.file.name)
