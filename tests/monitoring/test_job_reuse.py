"""An indicator table ordered again while its data has not moved is the earlier file, at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from nastavnik.monitoring import jobs
from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob
from nastavnik.orgs.models import Role
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person

pytestmark = pytest.mark.django_db


def _order(world: World, capture: Any, kind: str = JobKind.INDICATORS_XLSX, user: str = "region") -> ReportJob:
    """Order a region document and run it (immediate mode, after commit), as the page does."""
    year = world.programme.academic_year
    url = reverse("monitoring:report_start", kwargs={"org_pk": world.region.pk})
    with capture(execute=True):
        response = world.client_for(user).post(url, {"kind": kind, "year": str(year.start_year)})
    assert response.status_code == 302
    return ReportJob.objects.latest("id")


def _content(job: ReportJob) -> bytes:
    with job.file.open("rb") as handle:
        return handle.read()


def test_the_same_table_ordered_again_is_the_earlier_file(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _order(world, django_capture_on_commit_callbacks)
    assert first.status == JobStatus.DONE and first.in_background and first.data_version > 0

    made: list[int] = []
    original = jobs.GENERATORS[JobKind.INDICATORS_XLSX]
    monkeypatch.setitem(
        jobs.GENERATORS, JobKind.INDICATORS_XLSX, lambda job, p: made.append(job.pk) or original(job, p)
    )
    again = _order(world, django_capture_on_commit_callbacks)
    assert again.pk != first.pk and made == []  # nothing recomputed, nothing queued
    assert again.status == JobStatus.DONE and not again.in_background and again.progress == 100
    assert again.message.startswith("Готово: данные не менялись с формирования в ")
    assert again.file.name != first.file.name and _content(again) == _content(first)
    assert again.filename == first.filename and again.data_version == first.data_version

    page = world.client_for("region").get(reverse("monitoring:job", kwargs={"pk": again.pk})).content.decode()
    assert "данные не менялись с формирования в" in page and f"Скачать {first.filename}" in page
    # The copy is the user's own file: deleting the first job's file leaves it.
    first.file.delete()
    download = world.client_for("region").get(reverse("monitoring:job_file", kwargs={"pk": again.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == _content(again)


def test_a_change_of_the_data_makes_the_table_again(world: World, django_capture_on_commit_callbacks: Any) -> None:
    first = _order(world, django_capture_on_commit_callbacks)
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    again = _order(world, django_capture_on_commit_callbacks)
    assert again.in_background and again.message == "Готово" and again.data_version > first.data_version


def test_other_users_documents_and_lost_files_are_not_reused(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    first = _order(world, django_capture_on_commit_callbacks)
    other = _order(world, django_capture_on_commit_callbacks, user="admin")  # another reader of the region
    assert other.owner == User.objects.get(username="admin")
    assert other.in_background and other.message == "Готово"

    first.file.storage.delete(first.file.name)  # removed by cleanup-jobs
    again = _order(world, django_capture_on_commit_callbacks)
    assert again.in_background and again.message == "Готово"

    pdf = _order(world, django_capture_on_commit_callbacks, kind=JobKind.REPORT_PDF)
    pdf_again = _order(world, django_capture_on_commit_callbacks, kind=JobKind.REPORT_PDF)
    assert pdf.in_background and pdf_again.in_background and pdf_again.message == "Готово"
