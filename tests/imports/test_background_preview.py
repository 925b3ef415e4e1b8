"""A big file is read and checked by the huey worker with live progress; the page polls, then shows the preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from nastavnik.imports import jobs, progress, services
from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.imports.parsing import estimate_rows
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, commit, csv_bytes, upload, xlsx_bytes

ROWS = [STUDENT_HEADER, *[[f"Ученик{n}", "Иван", "", "01.02.2012", "8А"] for n in range(3)]]
# An e-journal layout whose name column is not recognised: the mapping step comes after the read.
JOURNAL = [["Список класса"], ["№", "Учащийся (ФИО)", "Дата рожд.", "Кл."], [1, "Лебедева Мария", "14.02.2012", "8 б"]]
JOURNAL += [[2, "Кудрявцев Пётр", "01.03.2011", "9-й А"], [3, "Орлова Анна", "05.05.2012", "8Б"]]


@pytest.fixture(autouse=True)
def small_limit(settings: Any, tmp_path: Path) -> None:
    settings.IMPORT_INLINE_MAX_ROWS = 2
    settings.VAR_DIR = tmp_path


def _upload(world: World, content: bytes, name: str = "ученики.xlsx") -> tuple[Any, ImportBatch]:
    client = world.client_for("curator")
    response = upload(client, world.school, name, content)
    assert response.status_code == 302
    return client, ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_the_row_count_is_estimated_without_reading_the_cells() -> None:
    assert estimate_rows("a.xlsx", xlsx_bytes(ROWS)) == 4
    assert estimate_rows("a.csv", csv_bytes(ROWS)) in (4, 5)  # a trailing line break counts as a line


@pytest.mark.usefixtures("real_queue")
def test_a_big_upload_waits_for_the_worker_and_the_page_polls(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client, batch = _upload(world, xlsx_bytes(ROWS))
    assert (batch.status, batch.in_background, batch.rows) == (ImportStatus.READING, True, [])
    assert bytes(batch.upload) == xlsx_bytes(ROWS) or len(batch.upload) > 1000  # the file as uploaded
    assert HUEY.pending_count() == 1
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Файл большой: он читается и проверяется в фоне" in page
    assert 'hx-trigger="every 2s"' in page and "Будет добавлено" not in page
    url = reverse("imports:progress", kwargs={"pk": batch.pk})
    assert "HX-Refresh" not in client.get(url, headers={"HX-Request": "true"})

    jobs.read_and_check(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.progress, batch.upload, batch.message) == (ImportStatus.PREVIEW, 100, b"", "")
    assert [row["data"]["last_name"] for row in batch.rows] == ["Ученик0", "Ученик1", "Ученик2"]
    assert batch.summary["create"] == 3 and batch.source["titles"] == STUDENT_HEADER
    done = client.get(url, headers={"HX-Request": "true"})
    assert done["HX-Refresh"] == "true"
    jobs.read_and_check(batch.pk)  # a re-delivered task changes nothing
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.PREVIEW
    # …and the preview is saved as a background job too (3 rows > the limit of 2).
    with django_capture_on_commit_callbacks(execute=True):
        commit(client, batch)
    jobs.run(batch.pk)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.COMMITTED
    assert Person.objects.filter(first_name="Иван", last_name__startswith="Ученик").count() == 3


def test_in_immediate_mode_the_upload_ends_at_the_preview(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client, batch = _upload(world, csv_bytes(ROWS), "ученики.csv")
    batch.refresh_from_db()
    assert (batch.status, batch.summary["rows"], batch.upload) == (ImportStatus.PREVIEW, 3, b"")
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Ученик2" in page and "Загрузить в базу" in page


@pytest.mark.usefixtures("real_queue")
def test_unknown_columns_stop_at_the_mapping_step_and_the_confirmed_mapping_is_checked_by_the_worker(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client, batch = _upload(world, xlsx_bytes(JOURNAL), "элжур.xlsx")
    jobs.read_and_check(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.upload) == (ImportStatus.MAPPING, b"")
    url = reverse("imports:mapping", kwargs={"pk": batch.pk})
    assert client.get(reverse("imports:preview", kwargs={"pk": batch.pk}))["Location"] == url
    chosen = {"column_0": "", "column_1": "full_name", "column_2": "birth_date", "column_3": "class_name"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, chosen)
    assert response["Location"] == reverse("imports:preview", kwargs={"pk": batch.pk})
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportStatus.READING
    jobs.read_and_check(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW and batch.mapping["confirmed"]
    assert [row["data"]["last_name"] for row in batch.rows] == ["Лебедева", "Кудрявцев", "Орлова"]


@pytest.mark.usefixtures("real_queue")
def test_an_unreadable_big_file_ends_with_the_russian_reason(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    numbers = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    with django_capture_on_commit_callbacks(execute=True):
        client, batch = _upload(world, xlsx_bytes(numbers))
    jobs.read_and_check(batch.pk)
    batch.refresh_from_db()
    assert (batch.status, batch.upload) == (ImportStatus.DISCARDED, b"")
    assert batch.message.startswith("В файле не найдены обязательные столбцы")
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert 'role="alert">В файле не найдены обязательные столбцы' in page


class Recorder:
    """A progress store that notes every report and whether the save's transaction was open at the time."""

    def __init__(self) -> None:
        self.reports: list[tuple[int, str, bool]] = []

    def write(self, batch_id: int, percent: int, message: str) -> None:
        self.reports.append((percent, message, connection.in_atomic_block))

    def read(self, batch_id: int) -> tuple[int, str] | None:
        return (self.reports[-1][0], self.reports[-1][1]) if self.reports else None

    def clear(self, batch_id: int) -> None:
        pass


def test_the_save_reports_its_stages_while_its_transaction_is_open(world: World, settings: Any) -> None:
    settings.IMPORT_INLINE_MAX_ROWS = 100
    _client, batch = _upload(world, csv_bytes(ROWS), "ученики.csv")
    recorder = Recorder()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING)
    services.commit_batch(
        batch.pk,
        User.objects.get(username="curator"),
        status=ImportStatus.RUNNING,
        reporter=progress.Reporter(batch.pk, recorder),
    )
    percents = [percent for percent, _, _ in recorder.reports]
    assert percents == sorted(percents) and percents[0] == 0 and percents[-1] >= 95
    assert {message for _, message, _ in recorder.reports} >= {
        "Сверяем строки файла с базой",
        "Записываем новых людей",
        "Записываем классы и должности",
    }
    assert all(in_transaction for _, _, in_transaction in recorder.reports)


def test_the_check_reports_progress_every_thousand_rows(world: World) -> None:
    many = [STUDENT_HEADER, *[[f"Ученик{n}", "Иван", "", "01.02.2012", "8А"] for n in range(2500)]]
    recorder = Recorder()
    batch = ImportBatch.objects.create(
        organisation=world.school, kind="students", filename="много.csv", status=ImportStatus.READING,
        upload=csv_bytes(many), summary={"estimated_rows": 2501},
    )  # fmt: skip
    original = progress.store
    progress.store = lambda: recorder  # type: ignore[assignment]
    try:
        jobs.read_and_check(batch.pk)
    finally:
        progress.store = original
    assert ImportBatch.objects.get(pk=batch.pk).summary["rows"] == 2500
    percents = [percent for percent, _, _ in recorder.reports]
    assert len(set(percents)) >= 6 and percents == sorted(percents)
    reading = [p for p, message, _ in recorder.reports if message == "Читаем файл"]
    checking = [p for p, message, _ in recorder.reports if message == "Проверяем строки"]
    assert max(reading) > 0 and 40 < max(checking) <= 95


def test_progress_files_are_shared_between_processes_through_var(settings: Any) -> None:
    writer, reader = progress.FileStore(), progress.FileStore()  # two processes see the same var/
    writer.write(7, 42, "Записываем новых людей")
    assert reader.read(7) == (42, "Записываем новых людей")
    assert (Path(settings.VAR_DIR) / "import-progress" / "7.json").exists()
    writer.clear(7)
    assert reader.read(7) is None
    assert isinstance(progress.store(), progress.FileStore)  # LocMem is per process: not used
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert isinstance(progress.store(), progress.CacheStore)


def test_the_progress_view_shows_the_live_report(world: World, settings: Any) -> None:
    settings.IMPORT_INLINE_MAX_ROWS = 100
    client, batch = _upload(world, csv_bytes(ROWS[:2]), "ученики.csv")
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.RUNNING, progress=0, in_background=True)
    progress.FileStore().write(batch.pk, 37, "Записываем классы и должности")
    html = client.get(reverse("imports:progress", kwargs={"pk": batch.pk})).content.decode()
    assert 'value="37"' in html and "Записываем классы и должности" in html
