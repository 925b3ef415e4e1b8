"""Reading an uploaded XLSX or CSV into rows of cells, refusing anything else with a Russian message.

Nothing here trusts the file: the size is checked before reading, an XLSX is checked to be a
zip whose unpacked size is sane (a «zip bomb» is refused, not unpacked), every openpyxl
failure becomes one clear message, and the number of rows and columns is capped.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings
from openpyxl import load_workbook

from nastavnik.imports.columns import ImportFileError

ALLOWED_SUFFIXES = (".xlsx", ".csv")
MAX_COLUMNS = 60
MAX_ROWS = 50_000
# An XLSX is compressed XML; a real 10 МБ register unpacks to well under this.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
NOT_A_SPREADSHEET = (
    "Файл не похож на таблицу Excel (.xlsx) или CSV: его не удалось прочитать. "
    "Откройте его в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)» "
    "или «CSV (разделители — точка с запятой)»."
)

Rows = list[tuple[int, list[Any]]]


def human_size(size: int) -> str:
    """10485760 → «10 МБ», 1536 → «1,5 КБ»."""
    for unit, scale in (("МБ", 1024 * 1024), ("КБ", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".").replace(".", ",") + f" {unit}"
    return f"{size} байт"


def check_name_and_size(name: str, size: int | None) -> None:
    """The checks made before a single byte is read."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            "Старый формат Excel (.xls) не поддерживается: откройте файл и сохраните его как «Книга Excel (.xlsx)»."
        )
    if suffix not in ALLOWED_SUFFIXES:
        raise ImportFileError("Загрузите таблицу в формате .xlsx (Excel) или .csv.")
    limit = settings.IMPORT_MAX_BYTES
    if size is not None and size > limit:
        raise ImportFileError(
            f"Файл больше {human_size(limit)} (в нём {human_size(size)}): "
            "оставьте в таблице только нужный лист и столбцы или разделите её на несколько файлов."
        )
    if not size:
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")


def read_rows(name: str, stream: IO[bytes], size: int | None) -> Rows:
    """The non-empty rows of the first sheet (XLSX) or of the file (CSV), with spreadsheet line numbers."""
    check_name_and_size(name, size)
    data = stream.read(settings.IMPORT_MAX_BYTES + 1)
    check_name_and_size(name, len(data))
    if PurePath(name).suffix.lower() == ".xlsx":
        return _read_xlsx(data)
    return _read_csv(data)


def _keep(rows: Rows, line: int, cells: list[Any]) -> None:
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    if not cells:
        return
    if len(rows) >= MAX_ROWS:
        limit = f"{MAX_ROWS:_}".replace("_", " ")
        raise ImportFileError(f"В файле больше {limit} строк: разделите его на несколько файлов.")
    rows.append((line, cells))


def _read_xlsx(data: bytes) -> Rows:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(NOT_A_SPREADSHEET) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError("Таблица внутри файла слишком велика: разделите её на несколько файлов.")
    try:
        return _xlsx_rows(data)
    except ImportFileError:
        raise
    except Exception:
        # openpyxl raises many kinds of errors on damaged or foreign files (KeyError, XML errors...).
        raise ImportFileError(NOT_A_SPREADSHEET) from None


def _xlsx_rows(data: bytes) -> Rows:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if not workbook.worksheets:
            raise ImportFileError("В книге Excel нет ни одного листа.")
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size; without this openpyxl would read a single cell.
        sheet.reset_dimensions()  # type: ignore[union-attr]
        rows: Rows = []
        for line, cells in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            _keep(rows, line, list(cells))
        return rows
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(NOT_A_SPREADSHEET) from None
    if b"\x00" in data:
        raise ImportFileError(NOT_A_SPREADSHEET)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Russian Windows saves CSV in cp1251.
        return data.decode("cp1251")
    except UnicodeDecodeError:
        raise ImportFileError(NOT_A_SPREADSHEET) from None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in (";", ",", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _read_csv(data: bytes) -> Rows:
    text = _decode(data)
    if not text.strip():
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: Rows = []
    line = 1
    try:
        for record in reader:
            _keep(rows, line, [cell.strip() for cell in record[:MAX_COLUMNS]])
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(NOT_A_SPREADSHEET) from None
    return rows
