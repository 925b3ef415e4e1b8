"""Blank forms (шаблоны) to download: XLSX with a bold header, an example row and a «how to fill» sheet; CSV.

The example row is a valid row: a template downloaded and uploaded unchanged imports cleanly.
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from nastavnik.common.xlsx import append_row, workbook_bytes
from nastavnik.imports.columns import COLUMNS, Column
from nastavnik.imports.models import ImportKind

EXAMPLES: dict[str, dict[str, Any]] = {
    ImportKind.STUDENTS: {
        "last_name": "Иванов",
        "first_name": "Иван",
        "middle_name": "Иванович",
        "birth_date": datetime.date(2013, 3, 12),
        "email": "ivanov.family@example.ru",
        "phone": "+7 900 123-45-67",
        "consent_date": datetime.date(2025, 9, 1),
    },
    ImportKind.STAFF: {
        "last_name": "Петрова",
        "first_name": "Анна",
        "middle_name": "Сергеевна",
        "birth_date": datetime.date(1985, 4, 17),
        "email": "petrova@example.ru",
        "phone": "+7 900 765-43-21",
        "consent_date": datetime.date(2025, 9, 1),
    },
}
FILENAMES: dict[str, str] = {ImportKind.STUDENTS: "shablon-obuchayushchiesya", ImportKind.STAFF: "shablon-pedagogi"}
SHEET_TITLES: dict[str, str] = {ImportKind.STUDENTS: "Обучающиеся", ImportKind.STAFF: "Педагоги"}


def template_columns(kind: str) -> list[Column]:
    return [column for column in COLUMNS[kind] if column.in_template]


def example_row(kind: str) -> list[Any]:
    values = EXAMPLES[kind]
    return [values.get(column.key, column.example) for column in template_columns(kind)]


def template_xlsx(kind: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET_TITLES[kind]
    columns = template_columns(kind)
    append_row(sheet, [column.title for column in columns])
    append_row(sheet, example_row(kind))
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet[f"{letter}1"].alignment = Alignment(wrap_text=True, vertical="top")
        sheet[f"{letter}2"].number_format = "DD.MM.YYYY" if "date" in column.key else "@"
        sheet.column_dimensions[letter].width = max(14, len(column.title) + 4)
    sheet.freeze_panes = "A2"
    _instructions(workbook.create_sheet("Как заполнять"), columns)
    return workbook_bytes(workbook)


def _instructions(sheet: Any, columns: list[Column]) -> None:
    append_row(sheet, ["Столбец", "Что писать"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in columns:
        append_row(sheet, [column.title, column.hint])
    append_row(sheet, [])
    append_row(
        sheet, ["", "Данные — на первом листе, первая строка — заголовки. Строку-пример замените своими данными."]
    )
    append_row(sheet, ["", "Вместо столбцов «Фамилия», «Имя», «Отчество» можно дать один столбец «ФИО»."])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 100


def template_csv(kind: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.title for column in template_columns(kind)])
    writer.writerow([_csv_value(value) for value in example_row(kind)])
    # The BOM makes Excel open the file as UTF-8 instead of cp1251.
    return buffer.getvalue().encode("utf-8-sig")


def _csv_value(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    return str(value)
