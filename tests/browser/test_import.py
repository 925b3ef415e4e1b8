from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD


def _students_file(tmp_path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Фамилия", "Имя", "Отчество", "Дата рождения", "Класс"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "ученики.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_bad_import_file_shows_row_errors_and_creates_nothing(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    people, memberships = Person.objects.count(), Membership.objects.count()
    path = _students_file(
        tmp_path,
        [
            ["Орлова", "Мария", "Петровна", "12.04.2013", "7А"],
            ["", "Илья", "", "01.02.2012", "8Б"],
            ["Зуев", "Пётр", "", "31.02.2012", "8Б"],
            ["Яшин", "Лев", "", "05.06.2012", "15Я"],
        ],
    )
    login(page, live_server.url, "curator", PASSWORD)
    page.get_by_role("link", name="Импорт").first.click()
    page.get_by_label("Кого загружаем").select_option("students")
    page.get_by_label("Файл (.xlsx или .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()

    expect(page.locator("tr.row-error")).to_have_count(3)
    expect(page.get_by_text("строка 3", exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Загрузить в базу")).to_have_count(0)
    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)


def test_a_good_import_file_is_loaded_after_the_preview(
    live_server: LiveServer, live_world: World, page: Page, tmp_path: Path
) -> None:
    path = _students_file(tmp_path, [["Орлова", "Мария", "Петровна", "12.04.2013", "7А"]])
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/imports/")
    page.get_by_label("Кого загружаем").select_option("students")
    page.get_by_label("Файл (.xlsx или .csv)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_role("button", name="Загрузить в базу").click()
    expect(page.locator("main")).to_contain_text("Загружен")
    person = Person.objects.get(last_name="Орлова")
    assert person.memberships.get().class_name == "7А"
