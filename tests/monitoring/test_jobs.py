"""Background jobs of the reports: lifecycle, progress, files, failures and who sees them."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage
from openpyxl import load_workbook

from nastavnik.documents.models import DocumentTemplate
from nastavnik.monitoring import jobs
from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob
from tests.conftest import World


def start(client: Client, org_pk: int, kind: str, year: int) -> Any:
    url = reverse("monitoring:report_start", kwargs={"org_pk": org_pk})
    return client.post(url, {"kind": kind, "year": str(year)})


def drain() -> int:
    """Run every queued task as the worker would; the number of tasks run."""
    count = 0
    while (task := HUEY.dequeue()) is not None:
        HUEY.execute(task)
        count += 1
    return count


def test_immediate_mode_is_on_in_tests() -> None:
    assert HUEY.immediate is True


def test_an_organisation_report_is_made_at_once(world: World) -> None:
    year = world.programme.academic_year
    client = world.client_for("curator")
    response = start(client, world.school.pk, JobKind.REPORT_DOCX, year.start_year)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:job", kwargs={"pk": job.pk})
    assert job.status == JobStatus.DONE and job.progress == 100 and job.message == "Готово"
    assert not job.in_background and job.organisations == 1
    assert job.owner.username == "curator" and job.filename == f"otchet-{world.school.slug}-{year.start_year}.docx"
    assert job.started_at is not None and job.finished_at is not None and job.error == ""

    page = client.get(reverse("monitoring:job", kwargs={"pk": job.pk})).content.decode()
    assert "Скачать otchet-" in page and "hx-trigger" not in page  # finished: no more polling
    download = client.get(reverse("monitoring:job_file", kwargs={"pk": job.pk}))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    document = Document(io.BytesIO(b"".join(download.streaming_content)))
    assert "2. Показатели реализации программы (Приложение 2)" in [p.text for p in document.paragraphs]


# A worker's task closes connections left inside a transaction (huey's close_db): run it outside one.
@pytest.mark.django_db(transaction=True)
def test_a_region_table_goes_through_the_queue_with_progress(
    world: World, real_queue: MemoryStorage, django_capture_on_commit_callbacks: Any
) -> None:
    year = world.programme.academic_year
    client = world.client_for("region")
    seen: list[tuple[str, int, str]] = []
    original = jobs.GENERATORS[JobKind.INDICATORS_XLSX]

    def spy(job: ReportJob, progress: jobs.Progress) -> tuple[bytes, str]:
        result = original(job, progress)
        row = ReportJob.objects.get(pk=job.pk)
        seen.append((row.status, row.progress, row.message))
        return result

    jobs.GENERATORS[JobKind.INDICATORS_XLSX] = spy
    try:
        with django_capture_on_commit_callbacks(execute=True):
            start(client, world.region.pk, JobKind.INDICATORS_XLSX, year.start_year)
        job = ReportJob.objects.get()
        assert job.in_background and job.organisations == 2
        assert job.status == JobStatus.QUEUED and job.progress == 0
        assert HUEY.pending_count() == 1
        progress_url = reverse("monitoring:job_progress", kwargs={"pk": job.pk})
        waiting = client.get(progress_url).content.decode()
        assert 'data-status="queued"' in waiting and 'hx-trigger="every 2s"' in waiting

        assert drain() == 1
    finally:
        jobs.GENERATORS[JobKind.INDICATORS_XLSX] = original
    # While working, the job was «running» with the progress of the last step written.
    assert seen == [(JobStatus.RUNNING, 90, "Запись таблицы XLSX")]
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100
    done = client.get(progress_url).content.decode()
    assert 'data-status="done"' in done and "hx-trigger" not in done
    response = client.get(reverse("monitoring:job_file", kwargs={"pk": job.pk}))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[0] == "Сводка" and len(workbook.sheetnames) == 3


def test_a_background_job_runs_after_commit_in_immediate_mode(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    year = world.programme.academic_year
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        start(world.client_for("region"), world.region.pk, JobKind.REPORT_PDF, year.start_year)
    assert len(callbacks) == 1
    job = ReportJob.objects.get()
    assert job.in_background and job.status == JobStatus.DONE
    assert job.file.read(5) == b"%PDF-"


def test_progress_goes_up_and_is_written(world: World) -> None:
    job = ReportJob.objects.create(
        owner=User.objects.get(username="curator"),
        organisation=world.school,
        academic_year=world.programme.academic_year,
        kind=JobKind.REPORT_DOCX,
    )
    steps: list[tuple[int, str]] = []
    original = jobs.GENERATORS[JobKind.REPORT_DOCX]

    def spy(item: ReportJob, progress: jobs.Progress) -> tuple[bytes, str]:
        def watch(percent: int, message: str) -> None:
            progress(percent, message)
            row = ReportJob.objects.get(pk=item.pk)
            steps.append((row.progress, row.message))

        return original(item, watch)

    jobs.GENERATORS[JobKind.REPORT_DOCX] = spy
    try:
        jobs.run(job.pk)
    finally:
        jobs.GENERATORS[JobKind.REPORT_DOCX] = original
    percents = [p for p, _ in steps]
    assert percents == sorted(percents) and percents[0] >= 1 and percents[-1] <= 99
    assert ("Сборка документа DOCX" in [m for _, m in steps]) and len(steps) >= 5
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress == 100


def test_a_broken_uploaded_template_fails_with_a_russian_error(world: World) -> None:
    broken = Document()
    broken.add_paragraph("Отчёт {{ organisation.name ")  # an unclosed tag
    out = io.BytesIO()
    broken.save(out)
    template = DocumentTemplate(kind="report", organisation=world.school)
    template.file.save("broken.docx", ContentFile(out.getvalue()), save=True)

    client = world.client_for("curator")
    response = start(client, world.school.pk, JobKind.REPORT_DOCX, world.programme.academic_year.start_year)
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED and not job.file
    assert job.error.startswith("Шаблон отчёта, загруженный на странице «Шаблоны документов», не удалось заполнить")
    page = client.get(reverse("monitoring:job", kwargs={"pk": job.pk}))
    assert page.status_code == 200 and "Шаблон отчёта" in page.content.decode()
    assert client.get(reverse("monitoring:job_file", kwargs={"pk": job.pk})).status_code == 404


def test_an_unexpected_error_is_recorded_not_raised(world: World, caplog: Any) -> None:
    original = jobs.GENERATORS[JobKind.REPORT_PDF]

    def explode(job: ReportJob, progress: jobs.Progress) -> tuple[bytes, str]:
        progress(40, "Показатели")
        raise RuntimeError("disk full")

    jobs.GENERATORS[JobKind.REPORT_PDF] = explode
    try:
        response = start(world.client_for("curator"), world.school.pk, JobKind.REPORT_PDF, 2026)
    finally:
        jobs.GENERATORS[JobKind.REPORT_PDF] = original
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED and job.error == jobs.GENERIC_ERROR and job.progress == 40
    assert "disk full" in caplog.text  # the details go to the log, not to the user


def test_a_finished_job_is_not_run_twice(world: World) -> None:
    start(world.client_for("curator"), world.school.pk, JobKind.INDICATORS_XLSX, 2026)
    job = ReportJob.objects.get()
    finished, name = job.finished_at, job.file.name
    jobs.run(job.pk)  # a re-delivered task
    job.refresh_from_db()
    assert job.finished_at == finished and job.file.name == name
    jobs.run(987654)  # a job deleted meanwhile: nothing happens


def test_a_job_whose_worker_stopped_is_reported_as_failed(world: World) -> None:
    job = ReportJob.objects.create(
        owner=User.objects.get(username="curator"),
        organisation=world.school,
        academic_year=world.programme.academic_year,
        kind=JobKind.REPORT_DOCX,
        status=JobStatus.RUNNING,
        progress=45,
        started_at=timezone.now() - datetime.timedelta(hours=2),
    )
    page = world.client_for("curator").get(reverse("monitoring:job", kwargs={"pk": job.pk})).content.decode()
    assert "Формирование прервано" in page
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == jobs.STALE_ERROR


def test_waiting_jobs_are_limited_per_person(world: World, settings: Any) -> None:
    settings.REPORT_JOBS_PER_USER = 2
    client = world.client_for("region")
    for _ in range(2):
        start(client, world.region.pk, JobKind.INDICATORS_XLSX, 2026)
    response = start(client, world.region.pk, JobKind.INDICATORS_XLSX, 2026)
    assert response.status_code == 302 and "reports" in response.url
    assert ReportJob.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "У вас уже формируется 2 документа" in page


def test_a_bad_kind_or_year_is_refused_politely(world: World) -> None:
    client = world.client_for("curator")
    response = start(client, world.school.pk, "everything", 2026)
    assert response.status_code == 302 and ReportJob.objects.count() == 0
    assert "Выберите документ" in client.get(response.url).content.decode()
    assert start(client, world.school.pk, JobKind.REPORT_DOCX, 1900).status_code == 404


def test_jobs_and_files_of_another_organisation_are_not_found(world: World) -> None:
    start(world.client_for("curator"), world.school.pk, JobKind.INDICATORS_XLSX, 2026)
    job = ReportJob.objects.get()
    urls = [reverse(name, kwargs={"pk": job.pk}) for name in ("monitoring:job", "monitoring:job_progress")]
    urls.append(reverse("monitoring:job_file", kwargs={"pk": job.pk}))
    for role in ("other_curator", "other_district", "district", "region", "teacher", "mentee"):
        client = world.client_for(role)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404], role
    for role in ("curator", "director", "admin"):
        client = world.client_for(role)
        assert [client.get(url).status_code for url in urls] == [200, 200, 200], role
    # A district coordinator cannot order the report of another district's school either.
    other = start(world.client_for("district"), world.other_school.pk, JobKind.REPORT_DOCX, 2026)
    assert other.status_code == 404


def test_my_documents_lists_only_mine(world: World, django_assert_max_num_queries: Any) -> None:
    start(world.client_for("curator"), world.school.pk, JobKind.INDICATORS_XLSX, 2026)
    start(world.client_for("director"), world.school.pk, JobKind.INDICATORS_XLSX, 2026)
    client = world.client_for("curator")
    with django_assert_max_num_queries(10):
        page = client.get(reverse("monitoring:jobs")).content.decode()
    assert page.count("Таблица показателей, Приложение 2 (XLSX)") == 1 and "Всего: 1 документ" in page


def test_reports_page_says_how_the_document_is_made(world: World) -> None:
    school = world.client_for("curator").get(reverse("monitoring:reports", kwargs={"org_pk": world.school.pk}))
    assert "Документ формируется сразу." in school.content.decode()
    region = world.client_for("region").get(reverse("monitoring:reports", kwargs={"org_pk": world.region.pk}))
    text = region.content.decode()
    assert "Организаций с программами наставничества: 2." in text and "формируется в фоне" in text
