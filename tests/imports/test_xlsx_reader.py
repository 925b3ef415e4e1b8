"""The calamine-based XLSX reader gives the same values as openpyxl's read-only mode, on any cells, faster."""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from nastavnik.imports.columns import ImportFileError
from nastavnik.imports.parsing import read_rows
from nastavnik.imports.xlsx_reader import iter_rows

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=12).filter(
    lambda text: not text.startswith(("=", "-", "+", "@"))
)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(min_value=-(10**9), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    st.booleans(),
    st.dates(min_value=datetime.date(1901, 1, 1), max_value=datetime.date(2099, 12, 31)),
)
ROWS = st.lists(st.lists(CELL, max_size=8), min_size=1, max_size=12)


def _openpyxl_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    found = []
    for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        values = list(cells)
        while values and values[-1] is None:
            values.pop()
        if values:
            found.append((line, values))
    workbook.close()
    return found


def _ours(data: bytes) -> list[tuple[int, list[Any]]]:
    found = []
    for line, cells in iter_rows(io.BytesIO(data), 60):
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            found.append((line, cells))
    return found


def _save(rows: list[list[Any]], *, write_only: bool) -> bytes:
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Лист") if write_only else workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS, write_only=st.booleans())
def test_the_reader_gives_what_openpyxl_gives(rows: list[list[Any]], write_only: bool) -> None:
    # write_only workbooks keep text as inline strings; normal ones as shared strings: both are read.
    data = _save(rows, write_only=write_only)
    assert _ours(data) == _openpyxl_rows(data)


@pytest.mark.parametrize("name", ["zhurnal-spisok-400.xlsx", "kadry-pedagogi.xlsx"])
def test_the_fixture_exports_read_the_same_as_with_openpyxl(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    assert _ours(data) == _openpyxl_rows(data)


def test_rich_text_cells_gaps_and_1904_dates(tmp_path: Path) -> None:
    """Excel's rich text runs are joined (phonetic hints left out); a skipped column stays empty; a Mac
    workbook counts days from 1904."""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" s="1"><v>1</v></c><c r="D3" t="b"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>Иван</t></r>'
        '<r><t xml:space="preserve">ов</t></r><rPh><t>イワノフ</t></rPh></si></sst>'
    )
    styles = (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>'
    )
    workbook = (
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<workbookPr date1904="1"/><sheets><sheet name="Л" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId3" Type="{rel}/styles" Target="styles.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{main}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/></Types>'
    )
    package = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", package)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
        archive.writestr("xl/styles.xml", styles)
    assert list(iter_rows(io.BytesIO(buffer.getvalue()), 60)) == [
        (3, ["Иванов", None, datetime.datetime(1904, 1, 2), True])
    ]


def test_a_zip_that_is_not_a_workbook_is_refused_in_russian() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(ImportFileError, match="Файл не похож на таблицу Excel"):
        read_rows("список.xlsx", io.BytesIO(buffer.getvalue()), len(buffer.getvalue()))
