"""The first sheet of an XLSX as rows of plain values, read by calamine.

openpyxl's read-only mode builds a Python object for every cell and, when a file has no size
record, reads the whole sheet twice: 30 s for a 49 000-row register. python-calamine (a Rust
reader) takes a few seconds. Its values are brought to what the rest of the import expects, that
is what openpyxl gives with `values_only=True, data_only=True`: empty cells as None, whole numbers
as int, dates as `datetime` (in the workbook's 1900 or 1904 day count).

`count_rows` answers the upload's question «inline or a background job?» without reading any
cell: it counts the row elements of the first sheet's XML.
"""

from __future__ import annotations

import datetime
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree
from python_calamine import CalamineError, CalamineWorkbook

from nastavnik.imports.columns import ImportFileError

ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class XlsxStructureError(Exception):
    """The zip is not a workbook this reader understands (the caller shows one Russian message)."""


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    with archive.open(name) as stream:
        return etree.parse(stream, parser).getroot()


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Id → path inside the zip of the part's relationships."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_name not in archive.namelist():
        return {}
    found: dict[str, str] = {}
    for element in _parse(archive, rels_name):
        target = element.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = path
    return found


def _first_sheet_path(archive: zipfile.ZipFile) -> str:
    workbook_path = "xl/workbook.xml"
    for path in _relationships(archive, "").values():
        if path.endswith("workbook.xml"):
            workbook_path = path
    if workbook_path not in archive.namelist():
        raise XlsxStructureError("no workbook part")
    root = _parse(archive, workbook_path)
    sheets = next((child for child in root if _local(child.tag) == "sheets"), None)
    if sheets is None or not len(sheets):
        raise ImportFileError("В книге Excel нет ни одного листа.")
    sheet_path = _relationships(archive, workbook_path).get(sheets[0].get(RELATIONSHIP_ID, ""))
    if sheet_path is None or sheet_path not in archive.namelist():
        raise XlsxStructureError("the first sheet has no part")
    return sheet_path


def count_rows(archive: zipfile.ZipFile) -> int:
    """The number of row elements of the first sheet, counted in the raw XML (no parsing, no strings)."""
    count, tail = 0, b""
    with archive.open(_first_sheet_path(archive)) as sheet:
        while chunk := sheet.read(1 << 20):
            text = tail + chunk
            count += len(ROW_TAG.findall(text))
            # A tag cut in two by the chunk boundary is counted in the next round.
            cut = text.rfind(b"<")
            tail = text[cut:] if cut >= 0 and b">" not in text[cut:] else b""
            if tail:
                count -= len(ROW_TAG.findall(tail))
    return count


def _value(cell: Any) -> Any:
    if cell == "":
        return None
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    if isinstance(cell, datetime.date) and not isinstance(cell, datetime.datetime):
        return datetime.datetime.combine(cell, datetime.time())
    return cell


def iter_rows(stream: IO[bytes], max_columns: int) -> Iterator[tuple[int, list[Any]]]:
    """(line number, cell values up to `max_columns`) of the first sheet's rows that have cells."""
    try:
        workbook = CalamineWorkbook.from_filelike(stream)
        if not workbook.sheet_names:
            raise ImportFileError("В книге Excel нет ни одного листа.")
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except CalamineError:
        raise XlsxStructureError("calamine cannot read the workbook") from None
    for line, cells in enumerate(rows, start=1):
        values = [_value(cell) for cell in cells[:max_columns]]
        while values and values[-1] is None:
            values.pop()
        if values:
            yield line, values
