"""Browser: the curator, on a phone, enters a value by hand, saves the start snapshot and downloads the table."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from nastavnik.monitoring.models import ManualValue, Snapshot
from nastavnik.orgs.models import AcademicYear
from tests.browser.conftest import login
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_curator_on_a_phone_fills_the_indicators_and_downloads_them(
    live_server: object, live_world: World, phone: Page, tmp_path: object
) -> None:
    base = str(live_server)
    year = AcademicYear.start_year_for(TODAY)
    login(phone, base, "curator", PASSWORD)
    phone.goto(f"{base}/monitoring/")
    expect(phone.get_by_role("heading", name="Показатели реализации программы")).to_be_visible()
    expect(phone.get_by_text("Количество обучающихся, подавших «запрос на помощь наставника»")).to_be_visible()

    row = phone.locator('tr[id="i4.3"]')
    row.get_by_text("Как считается · ввести вручную").click()
    row.get_by_label("Значение", exact=True).fill("2")
    row.get_by_label("Комментарий: откуда значение").fill("Журнал мероприятий за сентябрь")
    row.get_by_role("button", name="Сохранить").click()
    expect(phone.get_by_text("Показатель 4.3: значение 2")).to_be_visible()
    expect(phone.locator('tr[id="i4.3"]').get_by_text("введено вручную")).to_be_visible()
    assert ManualValue.objects.get().comment == "Журнал мероприятий за сентябрь"

    phone.get_by_role("button", name="Срез на дату начала").click()
    expect(phone.get_by_role("heading", name=f"Срез на дату начала (01.09.{year})")).to_be_visible()
    # The value was entered today, in December: the start values (1 September) do not have it.
    assert Snapshot.objects.get().values["4.3"]["value"] == 0

    phone.get_by_role("link", name=f"← Показатели {live_world.school.short_name}, {year}/{year + 1}").click()
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Скачать таблицу XLSX").click()
    target = f"{tmp_path}/table.xlsx"
    download_info.value.save_as(target)
    sheet = load_workbook(target).active
    assert sheet is not None and sheet["A1"].value == "Код" and sheet["C1"].value == "На дату начала"
