"""Browser: the curator orders the programme report, watches its progress and downloads the DOCX."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage
from playwright.sync_api import Page, expect

from nastavnik.monitoring import jobs
from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def queue(settings: Any, real_queue: MemoryStorage) -> None:
    """A real queue in memory and every report sent to it, as a district's report would be."""
    settings.REPORT_INLINE_MAX_ORGS = 0


def test_curator_orders_the_report_sees_progress_and_downloads_it(
    live_server: Any, live_world: World, page: Page, queue: None, tmp_path: Path
) -> None:
    base = str(live_server)
    login(page, base, "curator", PASSWORD)
    page.goto(f"{base}/monitoring/{live_world.school.pk}/reports/")
    expect(page.get_by_role("heading", name="Отчёты и документы")).to_be_visible()
    expect(page.get_by_text("Документ формируется в фоне")).to_be_visible()
    page.get_by_label("Документ").select_option(JobKind.REPORT_DOCX.value)
    page.get_by_role("button", name="Сформировать").click()

    expect(page.get_by_role("heading", name="Отчёт о реализации программы (DOCX)")).to_be_visible()
    expect(page.locator("[data-status]")).to_have_text("В очереди")
    job = ReportJob.objects.get()
    assert job.status == JobStatus.QUEUED and HUEY.pending_count() == 1

    # The worker (here: this test) pauses half-way until the page, polling by itself, shows the progress.
    original = jobs.GENERATORS[JobKind.REPORT_DOCX]
    seen: list[str] = []

    def paused(item: ReportJob, progress: jobs.Progress) -> tuple[bytes, str]:
        def watch(percent: int, message: str) -> None:
            progress(percent, message)
            if percent == 55 and not seen:
                expect(page.locator("[data-status]")).to_have_text("Формируется", timeout=10000)
                expect(page.locator("progress")).to_have_attribute("value", "55")
                expect(page.get_by_text(message)).to_be_visible()
                seen.append(message)

        return original(item, watch)

    jobs.GENERATORS[JobKind.REPORT_DOCX] = paused
    try:
        task = HUEY.dequeue()
        assert task is not None
        HUEY.execute(task)
    finally:
        jobs.GENERATORS[JobKind.REPORT_DOCX] = original
    assert seen == ["Мониторинг: этапы 1 и 2, вовлечённость, схемы формирования пар"]

    link = page.get_by_role("button", name="Скачать otchet-")
    expect(link).to_be_visible(timeout=10000)
    expect(page.locator("[data-status]")).to_have_text("Готово")
    with page.expect_download() as download_info:
        link.click()
    target = tmp_path / "report.docx"
    download_info.value.save_as(target)
    document = Document(io.BytesIO(target.read_bytes()))
    names = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "2. Показатели реализации программы (Приложение 2)" in names
    assert live_world.school.name in "\n".join(p.text for p in document.paragraphs)
