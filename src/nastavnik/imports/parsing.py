"""Reading an uploaded XLSX or CSV into rows of cells, refusing anything else with a Russian message.

Nothing here trusts the file: the size is checked before reading, an XLSX is checked to be a
zip whose unpacked size is sane (a «zip bomb» is refused, not unpacked), every openpyxl
failure becomes one clear message, and the number of rows and columns is capped.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import PurePath
from typing import IO, Any

from django.conf import settings

from nastavnik.imports.cells import cell_text, normalise
from nastavnik.imports.columns import (
    HEADER_SEARCH_ROWS,
    TITLE_SEPARATOR,
    ImportFileError,
    SourceTable,
    header_key,
    missing_message,
    recognise,
)
from nastavnik.imports.xlsx_reader import XlsxStructureError, count_rows, iter_rows

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
Progress = Callable[[int], None]
PROGRESS_LINES = 1000
# Lines under the table that are not people: signatures, totals, «Классный руководитель: ____».
FOOTER_START = re.compile(
    r"^(?:директор|и\.?\s*о\.?\s*директора|заместитель|зам\.|руководитель|классный руководитель|кл\.\s*руководитель|"
    r"итого|всего|подпись|исполнитель|исп\.|составил|ответственный|секретарь|м\.\s*п\.?(?:\s|$)|мп(?:\s|$)|дата\s+составления)"
)
TOTAL_START = re.compile(r"^(?:итого|всего)\b")


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
    return read_data(name, stream.read(settings.IMPORT_MAX_BYTES + 1))


def read_data(name: str, data: bytes, on_lines: Progress | None = None) -> Rows:
    """`read_rows` of bytes already read; `on_lines(lines read)` is called every `PROGRESS_LINES` lines."""
    check_name_and_size(name, len(data))
    if PurePath(name).suffix.lower() == ".xlsx":
        return _read_xlsx(data, on_lines)
    return _read_csv(data, on_lines)


def estimate_rows(name: str, data: bytes) -> int:
    """About how many lines the file has, without reading its cells: decides whether the check runs in the
    background. An XLSX's sheet is scanned for row tags (a second or so for 50 000 rows), a CSV's lines counted."""
    check_name_and_size(name, len(data))
    if PurePath(name).suffix.lower() != ".xlsx":
        return data.count(b"\n") + 1
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return count_rows(archive)
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(NOT_A_SPREADSHEET) from None


def _keep(rows: Rows, line: int, cells: list[Any]) -> None:
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    if not cells:
        return
    if len(rows) >= MAX_ROWS:
        limit = f"{MAX_ROWS:_}".replace("_", " ")
        raise ImportFileError(f"В файле больше {limit} строк: разделите его на несколько файлов.")
    rows.append((line, cells))


def _read_xlsx(data: bytes, on_lines: Progress | None) -> Rows:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(NOT_A_SPREADSHEET) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportFileError("Таблица внутри файла слишком велика: разделите её на несколько файлов.")
    try:
        return _xlsx_rows(data, on_lines)
    except ImportFileError:
        raise
    except Exception:
        # openpyxl raises many kinds of errors on damaged or foreign files (KeyError, XML errors...).
        raise ImportFileError(NOT_A_SPREADSHEET) from None


def _xlsx_rows(data: bytes, on_lines: Progress | None) -> Rows:
    """The first sheet's rows, read by calamine (`xlsx_reader`); openpyxl's read-only mode took 30 s for 49 000."""
    rows: Rows = []
    try:
        for line, cells in iter_rows(io.BytesIO(data), MAX_COLUMNS):
            _keep(rows, line, cells)
            if on_lines is not None and line % PROGRESS_LINES == 0:
                on_lines(line)
    except XlsxStructureError:
        raise ImportFileError(NOT_A_SPREADSHEET) from None
    return rows


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


def _read_csv(data: bytes, on_lines: Progress | None) -> Rows:
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
            if on_lines is not None and line % PROGRESS_LINES == 0:
                on_lines(line)
    except csv.Error:
        raise ImportFileError(NOT_A_SPREADSHEET) from None
    return rows


# -- the table inside the sheet: header rows, title lines above, signatures below -----------------------


def detect_table(rows: Rows, kind: str) -> SourceTable:
    """Find the header (one row, or two rows of a merged header) among the first rows; skip titles and footers."""
    if not rows:
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")
    best: tuple[int, int, list[str]] | None = None  # (score, rows in the header, titles) at a position
    best_position = 0
    for position in range(min(HEADER_SEARCH_ROWS, len(rows))):
        for size, titles in _header_candidates(rows, position, kind):
            score = _score(titles, kind)
            if best is None or score > best[0]:
                best, best_position = (score, size, titles), position
    assert best is not None
    score, size, titles = best
    if score == 0:
        raise ImportFileError(missing_message(["«Фамилия», «Имя» (или один столбец «ФИО»)"]))
    header_lines = [line for line, _ in rows[best_position : best_position + size]]
    notes = _lines_note(rows[:best_position], "название таблицы и пояснения над ней")
    data, footer = _split_footer(rows[best_position + size :])
    notes += _lines_note(footer, "подпись/итог")
    return SourceTable(header_lines=header_lines, titles=titles, rows=data, notes=notes)


def _score(titles: list[str], kind: str) -> int:
    return sum(recognise(title, kind) is not None for title in titles if title)


def _header_candidates(rows: Rows, position: int, kind: str) -> list[tuple[int, list[str]]]:
    """The row as a header; and with the next row as a merged two-row header, when that reads more columns
    than either row alone (a title line right above the header is not a header row)."""
    line, top = rows[position]
    single = [cell_text(cell) for cell in top]
    candidates = [(1, single)]
    if position + 1 < len(rows) and rows[position + 1][0] == line + 1:
        sub = rows[position + 1][1]
        merged = merge_header_rows(top, sub)
        alone = max(_score(single, kind), _score([cell_text(cell) for cell in sub], kind))
        if _score(merged, kind) > alone:
            candidates.append((2, merged))
    return candidates


def merge_header_rows(top: list[Any], sub: list[Any]) -> list[str]:
    """«Контактные данные» merged over «Телефон» and «E-mail» → «Контактные данные / Телефон», «… / E-mail»."""
    titles: list[str] = []
    group = ""  # the text of a merged cell spanning the columns to the right (empty cells in the top row)
    for index in range(max(len(top), len(sub))):
        upper = cell_text(top[index]) if index < len(top) else ""
        lower = cell_text(sub[index]) if index < len(sub) else ""
        if not upper and lower and group:
            upper = group
        group = upper if upper and lower else ""
        if upper and lower and header_key(upper) != header_key(lower):
            titles.append(f"{upper}{TITLE_SEPARATOR}{lower}")
        else:
            titles.append(lower or upper)
    return titles


def _is_footer(cells: list[Any]) -> bool:
    texts = [cell_text(cell) for cell in cells if cell_text(cell)]
    if not texts:
        return True
    if any("___" in text for text in texts):
        return True
    return len(texts) <= 3 and bool(FOOTER_START.match(normalise(texts[0])))


def _split_footer(rows: Rows) -> tuple[Rows, Rows]:
    """The data rows, and the skipped ones: the footer block at the end and «Итого» lines anywhere."""
    end = len(rows)
    while end and _is_footer(rows[end - 1][1]):
        end -= 1
    data: Rows = []
    skipped: Rows = []
    for line, cells in rows[:end]:
        first = next((cell_text(cell) for cell in cells if cell_text(cell)), "")
        is_total = TOTAL_START.match(normalise(first)) and len([c for c in cells if cell_text(c)]) <= 3
        (skipped if is_total else data).append((line, cells))
    return data, skipped + rows[end:]


def _lines_note(rows: Rows, what: str) -> list[str]:
    if not rows:
        return []
    lines = [line for line, _ in rows]
    if len(lines) == 1:
        return [f"строка {lines[0]} пропущена: {what}"]
    if lines == list(range(lines[0], lines[-1] + 1)):
        return [f"строки {lines[0]}–{lines[-1]} пропущены: {what}"]
    return [f"строки {', '.join(str(line) for line in lines)} пропущены: {what}"]


# -- keeping the table between the upload and the mapping step -----------------------------------------


def source_to_json(source: SourceTable) -> dict[str, Any]:
    rows = [[line, [_cell_to_json(cell) for cell in cells]] for line, cells in source.rows]
    return {"header_lines": source.header_lines, "titles": source.titles, "rows": rows, "notes": source.notes}


def source_from_json(data: dict[str, Any]) -> SourceTable:
    rows = [(int(line), [_cell_from_json(cell) for cell in cells]) for line, cells in data.get("rows", [])]
    return SourceTable(
        header_lines=list(data.get("header_lines", [])),
        titles=list(data.get("titles", [])),
        rows=rows,
        notes=list(data.get("notes", [])),
    )


def _cell_to_json(cell: Any) -> Any:
    if isinstance(cell, datetime.datetime | datetime.date):
        return {"date": cell.isoformat()}
    if cell is None or isinstance(cell, str | int | float | bool):
        return cell
    return str(cell)


def _cell_from_json(cell: Any) -> Any:
    if isinstance(cell, dict) and "date" in cell:
        return datetime.datetime.fromisoformat(cell["date"])
    return cell
