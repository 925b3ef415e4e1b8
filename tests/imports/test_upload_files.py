"""Whole-file problems: the upload form answers with a clear Russian error, never a 500, and saves nothing."""

from __future__ import annotations

import os
import zipfile
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse

from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, csv_bytes, upload, xlsx_bytes

ROW = ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"]


def _refused(world: World, name: str, content: bytes, message: str, kind: str = "students") -> None:
    people, batches = Person.objects.count(), ImportBatch.objects.count()
    response = upload(world.client_for("curator"), world.school, name, content, kind)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert message in response.content.decode()
    assert (Person.objects.count(), ImportBatch.objects.count()) == (people, batches)


def test_random_bytes_named_xlsx_are_not_a_spreadsheet(world: World) -> None:
    _refused(world, "ученики.xlsx", os.urandom(4096), "Файл не похож на таблицу Excel (.xlsx) или CSV")


def test_a_zip_that_is_not_a_workbook_is_not_a_spreadsheet(world: World) -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    _refused(world, "ученики.xlsx", buffer.getvalue(), "Файл не похож на таблицу Excel (.xlsx) или CSV")


def test_binary_junk_named_csv_is_not_a_spreadsheet(world: World) -> None:
    _refused(world, "ученики.csv", b"\x00\x01\x02" * 100, "Файл не похож на таблицу Excel (.xlsx) или CSV")


def test_an_empty_file_is_refused(world: World) -> None:
    _refused(world, "ученики.csv", b"", "Файл пустой")


def test_a_workbook_with_an_empty_sheet_is_refused(world: World) -> None:
    _refused(world, "ученики.xlsx", xlsx_bytes([]), "Файл пустой")


def test_a_header_without_rows_is_refused(world: World) -> None:
    _refused(
        world, "ученики.xlsx", xlsx_bytes([STUDENT_HEADER]), "Под строкой заголовков нет ни одной строки с данными"
    )


def test_a_file_over_the_limit_is_refused_before_reading(world: World, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    _refused(world, "ученики.xlsx", b"x" * 5000, "Файл больше 1 КБ")


def test_the_default_limit_is_named_in_megabytes(world: World) -> None:
    _refused(world, "ученики.csv", b"x" * (10 * 1024 * 1024 + 1), "Файл больше 10 МБ")


def test_an_old_xls_is_explained(world: World) -> None:
    _refused(world, "ученики.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "Старый формат Excel (.xls) не поддерживается")


def test_other_extensions_are_refused(world: World) -> None:
    _refused(world, "ученики.docx", b"PK\x03\x04", "Загрузите таблицу в формате .xlsx (Excel) или .csv")


def test_missing_required_columns_lead_to_the_mapping_step(world: World) -> None:
    content = xlsx_bytes([["Фамилия", "Имя", "Дата рождения"], ["Лебедева", "Мария", "14.02.2012"]])
    response = upload(world.client_for("curator"), world.school, "ученики.xlsx", content)
    batch = ImportBatch.objects.get()
    assert (batch.status, Person.objects.filter(last_name="Лебедева").exists()) == (ImportStatus.MAPPING, False)
    assert response["Location"] == reverse("imports:mapping", kwargs={"pk": batch.pk})


def test_a_file_without_any_known_column_is_a_file_error(world: World) -> None:
    content = csv_bytes([["Кто", "Любимый цвет"], ["Лебедева Мария", "синий"]])
    _refused(world, "ученики.csv", content, "«Фамилия», «Имя» (или один столбец «ФИО»)")


def test_a_duplicated_column_is_a_file_error(world: World) -> None:
    content = csv_bytes([[*STUDENT_HEADER, "Класс"], [*ROW, "8Б"]])
    _refused(world, "ученики.csv", content, "Столбец «Класс» встречается в строке заголовков дважды")


def test_the_organisation_must_be_one_the_user_manages(world: World) -> None:
    response = upload(world.client_for("curator"), world.other_school, "ученики.csv", csv_bytes([STUDENT_HEADER, ROW]))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors


@pytest.mark.parametrize(
    ("encoding", "delimiter"), [("utf-8-sig", ";"), ("utf-8", ","), ("cp1251", ";"), ("utf-16", "\t")]
)
def test_csv_in_any_encoding_and_delimiter_excel_produces_is_read(world: World, encoding: str, delimiter: str) -> None:
    content = csv_bytes([STUDENT_HEADER, ROW], delimiter=delimiter, encoding=encoding)
    response = upload(world.client_for("curator"), world.school, "ученики.csv", content)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.errors == []
    assert batch.rows[0]["data"]["last_name"] == "Лебедева"


def test_headers_match_ignoring_case_spaces_and_yo(world: World) -> None:
    header = [
        "  фамилия ",
        "ИМЯ",
        "отчество",
        "Дата  рождения:",
        "класс*",
        "Согласие на обработку ПДН",
        "Дата согласия",
    ]
    content = xlsx_bytes([["Список 8Б класса"], header, [*ROW, "да", "01.09.2025"]])
    response = upload(world.client_for("curator"), world.school, "ученики.xlsx", content)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.errors == []
    assert batch.rows[0]["line"] == 3
    assert batch.rows[0]["data"]["consent"] is True


def test_extra_columns_are_offered_at_the_mapping_step_and_then_listed_as_skipped(world: World) -> None:
    content = xlsx_bytes([[*STUDENT_HEADER, "Любимый цвет"], [*ROW, "синий"]])
    client = world.client_for("curator")
    step = client.get(upload(client, world.school, "ученики.xlsx", content)["Location"])
    assert step.context["form"]["column_5"].value() == ""  # «не загружать» proposed for the unknown column
    fields = {f"column_{index}": key for index, key in enumerate(["last_name", "first_name", "middle_name"])}
    response = client.post(step.request["PATH_INFO"], {**fields, "column_3": "birth_date", "column_4": "class_name"})
    batch = ImportBatch.objects.get()
    assert batch.summary["ignored_columns"] == ["Любимый цвет"]
    assert "Любимый цвет" in client.get(response["Location"]).content.decode()


def test_numbered_blank_lines_of_a_register_are_skipped(world: World) -> None:
    content = xlsx_bytes([["№ п/п", *STUDENT_HEADER], [1, *ROW], [2], [3, None, None, None, None, " "]])
    upload(world.client_for("curator"), world.school, "ученики.xlsx", content)
    batch = ImportBatch.objects.get()
    assert (batch.summary["rows"], batch.errors) == (1, [])


def test_an_empty_register_with_only_numbers_is_refused(world: World) -> None:
    content = xlsx_bytes([["№ п/п", *STUDENT_HEADER], [1], [2]])
    _refused(world, "ученики.xlsx", content, "Под строкой заголовков нет ни одной строки с данными")
