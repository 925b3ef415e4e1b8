"""The one XLSX writer of the product: typed text stays text, only the product's own formulas are formulas.

openpyxl stores any string that starts with «=» as a live formula, and Excel treats text starting with
«+», «-», «@», a tab or a carriage return as the start of one when it is edited. A student's request
goal `=HYPERLINK(...)` must reach the curator's export as the text it is, so every value goes through
`safe_value`: such text is prefixed with «'» (as the CSV export does) and stored as a string. A formula
the product writes itself (a total) is wrapped in `Formula` and is the only way a cell becomes one.

Every XLSX producer writes rows through `append_row` (or `build_workbook`) and saves with
`workbook_bytes`; write-only mode keeps memory flat for large bases.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Formula(str):
    """A formula written by the product itself, e.g. Formula("=SUM(B2:B10)"); never built from typed text."""

    def __new__(cls, text: str) -> Formula:
        if not text.startswith("="):
            raise ValueError(f"A formula starts with «=»: {text!r}")
        return super().__new__(cls, text)


def safe_value(value: Any) -> Any:
    """The value as it is written to a cell: formula-like text gets a leading «'», datetimes lose their zone."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    return value


def _safe_cell(value: Any) -> Any:
    if isinstance(value, Cell):
        value.value = safe_value(value.value)
        return value
    return safe_value(value)


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row (plain values or cells) to a worksheet, normal or write-only, through `safe_value`."""
    sheet.append([_safe_cell(value) for value in values])


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def styled_cells(sheet: Any, values: Iterable[Any], font: Font | None = None) -> list[WriteOnlyCell]:
    """Cells of a write-only sheet's row, every value through `safe_value`, in `font` when given."""
    cells = [WriteOnlyCell(sheet, value=safe_value(value)) for value in values]
    if font is not None:
        for cell in cells:
            cell.font = font
    return cells


def build_workbook(
    title: str, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int] = ()
) -> bytes:
    """A one-sheet workbook: a bold header, then the rows; every cell through `safe_value`."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append(styled_cells(sheet, header, Font(bold=True)))
    for row in rows:
        append_row(sheet, row)
    return workbook_bytes(workbook)


def xlsx_response(filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
