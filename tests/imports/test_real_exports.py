"""Files made to look like real school exports (see fixtures/make_fixtures.py): exactly what each preview reads."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.imports.parsing import detect_table, merge_header_rows
from tests.conftest import World
from tests.imports.fixtures import make_fixtures as fx
from tests.imports.helpers import upload

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROSTER_COLUMNS = ["Ф.И.О.", "Дата рожд.", "Класс/группа", "Контактные данные / Телефон", "Контактные данные / E-mail"]
ROSTERS = [fx.ROSTER_XLSX, fx.ROSTER_CP1251, fx.ROSTER_UTF8_BOM]


def _preview(world: World, name: str, kind: str) -> ImportBatch:
    response = upload(world.client_for("curator"), world.school, name, (FIXTURES / name).read_bytes(), kind)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:preview", kwargs={"pk": batch.pk})
    assert batch.status == ImportStatus.PREVIEW
    return batch


def test_the_committed_fixtures_are_what_the_generator_makes() -> None:
    assert (FIXTURES / fx.ROSTER_UTF8_BOM).read_bytes() == fx.roster_csv("utf-8-sig")
    assert (FIXTURES / fx.ROSTER_CP1251).read_bytes() == fx.roster_csv("cp1251")
    assert (FIXTURES / fx.ROSTER_UTF8_BOM).read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("name", ROSTERS)
def test_a_journal_roster_reads_all_400_pupils_under_its_merged_header(world: World, name: str) -> None:
    batch = _preview(world, name, "students")
    assert batch.summary["columns"] == ROSTER_COLUMNS
    assert batch.summary["ignored_columns"] == []
    assert batch.source["header_lines"] == [3, 4]
    assert batch.source["notes"] == [
        "строка 1 пропущена: название таблицы и пояснения над ней",
        "строки 406–408 пропущены: подпись/итог",
    ]
    pupils = fx.pupils()
    assert [row["line"] for row in batch.rows] == [pupil.line for pupil in pupils]
    for row, pupil in zip(batch.rows, pupils, strict=True):
        data = row["data"]
        assert (data["last_name"], data["first_name"], data["middle_name"]) == (
            pupil.last_name,
            pupil.first_name,
            pupil.middle_name,
        )
        assert (data["birth_date"], data["grade"], data["class_letter"]) == (
            pupil.birth_date.isoformat(),
            pupil.grade,
            pupil.letter,
        )
        # The contacts come from under «Контактные данные»: the cells of the last two columns.
        assert row["cells"][3:] == [pupil.phone_cell, pupil.email]


@pytest.mark.parametrize("name", [fx.ROSTER_XLSX, fx.ROSTER_CP1251])
def test_the_preview_shows_dates_and_classes_as_they_will_be_stored(world: World, name: str) -> None:
    batch = _preview(world, name, "students")
    page = world.client_for("curator").get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    smirnov = fx.pupils()[1]  # born on a day written as an Excel day count, class «2 А»
    assert smirnov.birth_as_serial and smirnov.class_cell == "2 А"
    assert f"<td>{smirnov.birth_date.strftime('%d.%m.%Y')}</td>" in page
    assert f"<td>{fx.serial(smirnov.birth_date)}</td>" not in page
    assert "<td>2А</td>" in page and "<td>2 А</td>" not in page
    assert "Столбцы распознаны по заголовкам" in page
    assert "строки 406–408 пропущены: подпись/итог" in page


def test_a_teachers_hr_file_reads_experience_in_words_and_categories_in_many_spellings(world: World) -> None:
    batch = _preview(world, fx.TEACHERS_XLSX, "staff")
    assert batch.summary["columns"] == fx.TEACHER_HEADER[1:]
    assert batch.source["notes"] == [
        "строки 1–2 пропущены: название таблицы и пояснения над ней",
        "строки 22–23 пропущены: подпись/итог",
    ]
    teachers = fx.teachers()
    assert len(batch.rows) == len(teachers) == 17
    for row, teacher in zip(batch.rows, teachers, strict=True):
        data = row["data"]
        full_name = " ".join(part for part in (data["last_name"], data["first_name"], data["middle_name"]) if part)
        assert full_name == teacher.full_name
        assert (data["experience_years"], data["category"]) == (teacher.experience, teacher.category)
        assert data["birth_date"] == teacher.birth_date.isoformat()
        assert (data["position"], data["subjects"]) == (teacher.position, teacher.subjects)
    assert not any(row["error"] for row in batch.rows)
    unknown = [w["message"] for w in batch.warnings if "не из официального списка" in w["message"]]
    assert unknown == [
        "строка 20, столбец «Квалификационная категория»: категория «вторая» не из официального списка: "
        "сохранена как написано"
    ]


def test_the_teachers_preview_shows_normalised_categories_and_years(world: World) -> None:
    batch = _preview(world, fx.TEACHERS_XLSX, "staff")
    page = world.client_for("curator").get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "<td>соответствие занимаемой должности</td>" in page and "<td>СЗД</td>" not in page
    assert "<td>3 г. 6 мес.</td>" not in page
    assert "<td>" + datetime.date(1960, 1, 3).strftime("%d.%m.%Y") + "</td>" in page


def test_a_total_line_inside_the_list_is_skipped_with_a_note() -> None:
    rows = [(1, ["ФИО", "Класс"]), (2, ["Лебедева Мария", "8Б"]), (3, ["Итого по 8Б: 1"]), (4, ["Орлов Иван", "9А"])]
    source = detect_table(rows, "students")
    assert [line for line, _ in source.rows] == [2, 4]
    assert source.notes == ["строка 3 пропущена: подпись/итог"]


def test_a_staff_row_whose_position_is_director_is_not_taken_for_a_signature() -> None:
    header = ["Должность", "Фамилия", "Имя", "Отчество", "Дата рождения"]
    rows = [(1, header), (2, ["Директор", "Смирнова", "Наталья", "Викторовна", "01.02.1970"])]
    source = detect_table(rows, "staff")
    assert [line for line, _ in source.rows] == [2]
    assert source.notes == []


def test_merged_header_titles_join_the_group_and_the_column() -> None:
    titles = merge_header_rows(["№", "ФИО", "Контактные данные", None, "Класс"], [None, None, "Телефон", "E-mail"])
    assert titles == ["№", "ФИО", "Контактные данные / Телефон", "Контактные данные / E-mail", "Класс"]
