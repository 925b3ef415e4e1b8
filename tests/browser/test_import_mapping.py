"""The mapping step in a browser: an e-journal roster with unknown headers is mapped, re-mapped from the
preview, loaded; the next upload of the same layout needs no mapping clicks."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.imports.models import ImportMapping
from nastavnik.orgs.models import Membership, Role
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

HEADER = ["№", "Учащийся (ФИО)", "Дата рожд.", "Кл.", "Примечание"]
ROWS = [
    [1, "Лебедева Мария Олеговна", "14.02.2012", "8 б", "Соколова Е. И."],
    [2, "Кудрявцев Пётр Ильич", "01.03.2011", "9-й А", "Соколова Е. И."],
]


def _journal(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Список класса (выгрузка из «ЭлЖур»)"])
    sheet.append([])
    for row in [HEADER, *ROWS]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "элжур.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def _upload(page: Page, base_url: str, path: Path) -> None:
    page.goto(f"{base_url}/imports/")
    page.get_by_label("Кого загружаем").select_option("students")
    page.get_by_label("Файл (.xlsx или .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()


def test_a_journal_roster_is_mapped_remapped_loaded_and_remembered(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    path = _journal(tmp_path)
    login(page, live_server.url, "curator", PASSWORD)
    _upload(page, live_server.url, path)

    # The step: the name column is not recognised, the others are proposed; the title line is skipped.
    expect(page).to_have_url(re.compile(r"/imports/\d+/mapping/$"))
    expect(page.locator("main")).to_contain_text("Строка 1 пропущена: название таблицы")
    expect(page.get_by_label("Учащийся (ФИО)")).to_have_value("")
    expect(page.get_by_label("Дата рожд.")).to_have_value("birth_date")
    page.get_by_label("Учащийся (ФИО)").select_option("full_name")
    page.get_by_label("Примечание").select_option("class_teacher")
    page.get_by_role("button", name="Проверить строки").click()

    # The preview shows the values as they will be stored, with the note read as the class teacher.
    table = page.locator("table").last
    expect(table).to_contain_text("Лебедева")
    expect(table).to_contain_text("8Б")
    expect(table).to_contain_text("Соколова Е. И.")
    expect(page.locator("main")).to_contain_text("классный руководитель не найден")

    # Changed from the preview: the note is not loaded after all, and the preview follows.
    page.get_by_role("link", name="изменить").click()
    expect(page.get_by_label("Примечание")).to_have_value("class_teacher")
    page.get_by_label("Примечание").select_option("")
    page.get_by_role("button", name="Проверить строки").click()
    table = page.locator("table").last
    expect(table).to_contain_text("Кудрявцев")
    expect(table).not_to_contain_text("Соколова")
    expect(page.locator("main")).not_to_contain_text("классный руководитель не найден")

    page.get_by_role("button", name="Загрузить в базу").click()
    expect(page.locator("main")).to_contain_text("Загружен")
    pupils = Membership.objects.filter(organisation=live_world.school, role=Role.STUDENT)
    assert pupils.get(person__last_name="Лебедева").class_name == "8Б"
    assert pupils.get(person__last_name="Кудрявцев").class_teacher_name == ""
    assert ImportMapping.objects.filter(organisation=live_world.school, kind="students").count() == 1

    # The same layout again: straight to the preview, no mapping clicks.
    _upload(page, live_server.url, path)
    expect(page).to_have_url(re.compile(r"/imports/\d+/$"))
    expect(page.locator("main")).to_contain_text("Сопоставление столбцов взято из прошлой загрузки")
    expect(page.locator("table").last).to_contain_text("обновится")
