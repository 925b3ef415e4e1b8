"""Big files are saved by the huey worker with progress; in tests HUEY runs in immediate mode."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from nastavnik.imports import jobs, services
from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, commit, upload_batch, xlsx_bytes

ROWS = [STUDENT_HEADER, *[[f"Ученик{n}", "Иван", "", "01.02.2012", "8А"] for n in range(3)]]


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saves above 2 rows run as jobs; the upload's check stays inline (its own background path is tested in
    test_background_preview)."""
    monkeypatch.setattr(jobs, "inline_limit", lambda: 2)


def test_a_small_file_is_saved_inside_the_request(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    commit(client, batch)
    batch.refresh_from_db()
    assert (batch.status, batch.in_background) == (ImportStatus.COMMITTED, False)


@pytest.mark.usefixtures("small_limit")
def test_a_big_file_runs_as_a_job_after_the_request_in_immediate_mode(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = commit(client, batch)
    # One job is started after the commit (the dashboards' cache version is also bumped then).
    starts = [c for c in callbacks if "start_commit" in getattr(c, "__qualname__", "")]
    assert len(starts) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.in_background, batch.progress) == (ImportStatus.COMMITTED, True, 100)
    assert batch.summary["created"] == 3
    assert Person.objects.filter(first_name="Иван", last_name__startswith="Ученик").count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "Файл большой: он загружается в базу в фоне" in page
    assert 'data-status="committed"' in page


@pytest.mark.usefixtures("small_limit", "real_queue")
def test_the_page_polls_the_progress_while_the_job_waits(world: World, django_capture_on_commit_callbacks: Any) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    with django_capture_on_commit_callbacks(execute=True):
        commit(client, batch)
    batch.refresh_from_db()
    assert (batch.status, batch.progress) == (ImportStatus.QUEUED, 0)
    assert HUEY.pending_count() == 1
    url = reverse("imports:progress", kwargs={"pk": batch.pk})
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert "HX-Refresh" not in waiting
    again = commit(client, batch)
    assert "уже загружается в базу" in client.get(again["Location"]).content.decode()

    jobs.run(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    assert "hx-trigger" not in done.content.decode()
    jobs.run(batch.pk)  # a re-delivered task changes nothing
    assert ImportBatch.objects.get(pk=batch.pk).summary["created"] == 3


@pytest.mark.usefixtures("small_limit", "real_queue")
def test_a_failing_job_writes_nothing_and_explains_in_russian(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    with django_capture_on_commit_callbacks(execute=True):
        commit(client, batch)
    people = Person.objects.count()
    monkeypatch.setattr(services._Writer, "write_memberships", broken)
    jobs.run(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.message) == (ImportStatus.PREVIEW, jobs.FAILED)
    assert Person.objects.count() == people
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Не удалось записать данные в базу; ничего не сохранено." in page
