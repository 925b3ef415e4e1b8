"""Scoring a CSV of answer sheets by an instrument's key (``nastavnik instruments score``).

Input: UTF-8 (with or without BOM), ``,`` or ``;`` as the delimiter (the header line decides),
a ``respondent`` column and one column per item of the key (``q1``…``q21`` for «Ключ к себе»);
other columns are ignored, header names are matched without case and surrounding spaces.
Every row is checked before anything is scored: a problem names its file line (the header is
line 1) and column. Output: ``respondent`` and, per scale in key order, ``<slug>_score`` and
``<slug>_band``, one row per input row in input order.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from nastavnik.engines.instruments.schema import Instrument, Question, plural, quote
from nastavnik.engines.instruments.scoring import ScaleResult, score_scales

RESPONDENT = "respondent"
_INTEGER = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True, slots=True)
class CsvProblem:
    """One bad cell (or header) of the input."""

    line: int
    column: str
    problem: str

    def __str__(self) -> str:
        column = f", столбец {self.column}" if self.column else ""
        return f"строка {self.line}{column}: {self.problem}"


class CsvError(ValueError):
    """The input cannot be scored; ``problems`` lists every bad cell in file order."""

    def __init__(self, problems: Sequence[CsvProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class ScoredRow:
    """One respondent's scales."""

    respondent: str
    results: tuple[ScaleResult, ...]


def item_questions(instrument: Instrument) -> tuple[Question, ...]:
    """The questions the key needs, in question order: the CSV's value columns."""
    if instrument.scoring is None:
        return ()
    needed = {item for scale in instrument.scoring.scales for item in scale.items}
    return tuple(question for question in instrument.questions if question.id in needed)


def decode(raw: bytes) -> str:
    """UTF-8 text with an optional BOM; anything else is a CsvError."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CsvError([CsvProblem(line, "", "файл не в кодировке UTF-8 (сохраните как «CSV UTF-8»)")]) from None


def sniff_delimiter(text: str) -> str:
    """``;`` when the header line has more of them than commas, else ``,``."""
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def read_sheets(text: str, items: Sequence[Question]) -> list[tuple[str, dict[str, int]]]:
    """Parse and check every row: (respondent, {item: value}) in file order, or CsvError."""
    records = _records(text)
    header = next(records, None)
    if header is None:
        raise CsvError([CsvProblem(1, "", "файл пуст: нет строки заголовка")])
    columns = _columns(header[1], [RESPONDENT, *(question.id for question in items)])
    sheets: list[tuple[str, dict[str, int]]] = []
    problems: list[CsvProblem] = []
    for line, cells in records:
        if all(not cell.strip() for cell in cells):
            continue  # blank lines, e.g. trailing «;;;» rows of a spreadsheet export
        sheet, row_problems = _sheet(line, cells, columns, items, len(header[1]))
        problems += row_problems
        if sheet is not None:
            sheets.append(sheet)
    if problems:
        raise CsvError(problems)
    return sheets


def score_csv(instrument: Instrument, text: str) -> list[ScoredRow]:
    """Check the whole CSV, then score every row by the instrument's key."""
    if instrument.scoring is None:
        raise ValueError(f"у методики {quote(instrument.code)} нет ключа для подсчёта баллов")
    sheets = read_sheets(text, item_questions(instrument))
    return [ScoredRow(respondent, score_scales(instrument.scoring, values)) for respondent, values in sheets]


def render_scores(instrument: Instrument, rows: Sequence[ScoredRow]) -> str:
    """The output CSV (comma-separated, ``\\n`` line ends) as one string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    slugs = [scale.slug for scale in instrument.scoring.scales] if instrument.scoring else []
    writer.writerow([RESPONDENT, *(f"{slug}_{part}" for slug in slugs for part in ("score", "band"))])
    for row in rows:
        cells = (value for result in row.results for value in (result.score, result.band or ""))
        writer.writerow([row.respondent, *cells])
    return buffer.getvalue()


# --- parsing details ----------------------------------------------------------------------


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first file line of the record, cells); a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        while True:
            start = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            yield start, cells
    except csv.Error as error:
        raise CsvError([CsvProblem(reader.line_num, "", f"нарушен формат CSV: {error}")]) from None


def _columns(header: list[str], needed: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    problems: list[CsvProblem] = []
    for index, name in enumerate(header):
        key = name.strip().casefold()
        if key in needed and key in positions:
            problems.append(CsvProblem(1, key, f"столбец повторяется (столбцы {positions[key] + 1} и {index + 1})"))
        positions.setdefault(key, index)
    problems += [CsvProblem(1, name, "нет такого столбца в заголовке") for name in needed if name not in positions]
    if problems:
        raise CsvError(problems)
    return {name: positions[name] for name in needed}


def _sheet(
    line: int, cells: list[str], columns: dict[str, int], items: Sequence[Question], width: int
) -> tuple[tuple[str, dict[str, int]] | None, list[CsvProblem]]:
    problems = [
        CsvProblem(line, str(index + 1), f"лишнее значение {quote(cell.strip())}: в заголовке {_count_columns(width)}")
        for index, cell in enumerate(cells[width:], start=width)
        if cell.strip()
    ]
    respondent = _cell(cells, columns[RESPONDENT])
    if not respondent:
        problems.append(CsvProblem(line, RESPONDENT, _missing(cells, columns[RESPONDENT])))
    values: dict[str, int] = {}
    for question in items:
        index = columns[question.id]
        value = _value(_cell(cells, index), question) if _cell(cells, index) else _missing(cells, index)
        if isinstance(value, str):
            problems.append(CsvProblem(line, question.id, value))
        else:
            values[question.id] = value
    return (None if problems else (respondent, values)), problems


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _missing(cells: list[str], index: int) -> str:
    return "пустое значение" if index < len(cells) else "нет значения (в строке меньше столбцов, чем в заголовке)"


def _value(text: str, question: Question) -> int | str:
    """The value of a non-empty cell, or the problem with it."""
    low, high = question.min_value, question.max_value
    if not _INTEGER.fullmatch(text):
        return f"значение {quote(text)} не целое число"
    value = int(text)
    if low is None or high is None or not low <= value <= high:
        return f"значение {quote(text)} вне диапазона {low}–{high}"
    return value


def _count_columns(n: int) -> str:
    return f"{n} {plural(n, 'столбец', 'столбца', 'столбцов')}"
