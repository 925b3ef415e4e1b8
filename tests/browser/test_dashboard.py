"""Browser: the curator opens the monitoring dashboard, sees the charts drawn, follows a number to the
pairs behind it, and downloads the indicator table from the indicators page."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.pairs import services
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_curator_opens_the_dashboard_drills_down_and_downloads_the_indicator_table(
    live_server: object, live_world: World, page: Page, tmp_path: object
) -> None:
    MentorEntry.objects.filter(pk=live_world.mentor_entry.pk).update(admission=Admission.ADMITTED)
    pair = services.propose(live_world.mentor_entry, [live_world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    services.confirm(pair, None)
    base = str(live_server)
    login(page, base, "curator", PASSWORD)

    page.goto(f"{base}/monitoring/")
    page.get_by_role("link", name="Панель мониторинга").click()
    expect(page.get_by_role("heading", name="Мониторинг наставничества")).to_be_visible()
    expect(page.get_by_role("heading", name="Результаты по способу формирования пар")).to_be_visible()
    # Every chart canvas got a Chart.js chart (the vendored library, no CDN) with a drawn size.
    page.wait_for_function("() => document.querySelectorAll('canvas[data-dashboard]').length >= 3")
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-dashboard]'))"
        ".map(c => Boolean(c.chart) && c.width > 0 && c.height > 0)"
    )
    assert drawn and all(drawn)
    scheme_row = page.locator("#scheme-table tr", has_text="Подбор по анкетам")
    expect(scheme_row.locator("td").nth(1)).to_have_text("1")

    scheme_row.locator("td").nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Сформированные пары: подбор по анкетам")).to_be_visible()
    mentor_name = live_world.people["mentor"].full_name
    expect(page.locator("#drill-list").get_by_role("link", name=mentor_name)).to_be_visible()
    expect(page.locator("#drill-list")).to_contain_text(live_world.people["mentee"].full_name)

    page.get_by_role("link", name=f"← Панель мониторинга: {live_world.school.short_name}").click()
    page.get_by_role("link", name="Показатели (приложение 2) и выгрузка XLSX").click()
    expect(page.get_by_role("heading", name="Показатели реализации программы")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Скачать таблицу XLSX").click()
    target = f"{tmp_path}/indicators.xlsx"
    download_info.value.save_as(target)
    sheet = load_workbook(target).active
    assert sheet is not None and sheet["A1"].value == "Код"
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert "1.1" in rows and "Количество обучающихся" in str(rows["1.1"][1])
    assert rows["1.1"][3] == 1  # the world's pupil filed a request: the current value
