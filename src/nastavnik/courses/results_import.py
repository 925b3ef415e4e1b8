"""ВПР/ОГЭ/ЕГЭ results of a school from an XLSX or CSV, with the import rules of people.

The file is read by the imports app (size, format and zip checks, Russian messages); a title
above the table, empty lines and signatures or «Итого» under it are skipped with a note; the
header is found among the first rows by synonyms, without regard to case, signs and ё. Every
error names the line and the column; the commit writes all rows or none, and loading the same
file again updates the lines instead of duplicating them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from nastavnik.common.xlsx import build_workbook
from nastavnik.courses.models import Exam, ExamResult, ResultUpload
from nastavnik.district.school_import import parse_number
from nastavnik.imports.cells import CellError, cell_text, normalise
from nastavnik.imports.columns import ImportFileError, header_key
from nastavnik.imports.parsing import FOOTER_START, TOTAL_START, Rows, read_rows

HEADER_SEARCH = 10
# name -> (template title, synonyms as header_key writes them)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "exam": ("Процедура", ("процедура", "оценочная процедура", "вид оценочной процедуры", "экзамен", "вид")),
    "year": ("Год", ("год", "год проведения", "учебный год")),
    "subject": ("Предмет", ("предмет", "учебный предмет", "дисциплина")),
    "grade": ("Класс", ("класс", "параллель", "кл")),
    "participants": (
        "Участников",
        ("участников", "количество участников", "кол во участников", "писали", "число участников", "выполняли"),
    ),
    "mean_score": ("Средний балл", ("средний балл", "ср балл", "средняя отметка", "средний тестовый балл")),
    "fails": (
        "Получили «2»",
        ("получили 2", "кол во 2", "количество 2", "число двоек", "2", "не преодолели минимальный порог", "двоек"),
    ),
}
EXAM_WORDS = {"впр": Exam.VPR, "огэ": Exam.OGE, "гиа 9": Exam.OGE, "егэ": Exam.EGE, "гиа 11": Exam.EGE}
DEFAULT_GRADE: dict[str, int] = {Exam.OGE: 9, Exam.EGE: 11}
TEMPLATE_ROWS = [
    ("ВПР", 2026, "Математика", 5, 48, "3,62", 4),
    ("ОГЭ", 2026, "Русский язык", 9, 52, "3,85", 2),
    ("ЕГЭ", 2026, "Русский язык", 11, 27, "68,4", 0),
]


def template() -> bytes:
    header = [title for title, _ in COLUMNS.values()]
    return build_workbook("Результаты", header, TEMPLATE_ROWS, widths=[12, 8, 24, 8, 12, 14, 14])


@dataclass
class Parsed:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _positions(cells: list[Any]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = header_key(cell_text(cell))
        for name, (_, aliases) in COLUMNS.items():
            if key in aliases and name not in positions:
                positions[name] = index
    return positions


REQUIRED = ("exam", "year", "subject", "participants", "mean_score", "fails")


def _find_header(rows: Rows) -> tuple[int, dict[str, int]]:
    best: tuple[int, dict[str, int]] = (-1, {})
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        found = _positions(cells)
        if len(found) > len(best[1]):
            best = (position, found)
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in best[1]]
    if missing:
        raise ImportFileError(
            "Не найдена строка заголовков: нет столбцов " + ", ".join(f"«{m}»" for m in missing) + ". "
            "Скачайте шаблон и сравните заголовки."
        )
    return best


def _is_skipped(cells: list[Any]) -> bool:
    texts = [cell_text(c) for c in cells if cell_text(c)]
    if not texts or any("___" in t for t in texts):
        return True
    first = normalise(texts[0])
    return len(texts) <= 3 and bool(FOOTER_START.match(first) or TOTAL_START.match(first))


def parse_exam(value: Any) -> str:
    text = header_key(cell_text(value))
    if text in EXAM_WORDS:
        return EXAM_WORDS[text]
    raise CellError(f"«{cell_text(value)}»: укажите ВПР, ОГЭ или ЕГЭ")


def parse_year(value: Any) -> int:
    text = cell_text(value).replace(" ", "")
    if "/" in text or "-" in text:  # «2025/2026» — the exams are written in spring, 2026
        text = text.replace("-", "/").split("/")[-1]
    return int(parse_number(text, Decimal(2000), Decimal(2100), whole=True))


def _value(name: str, cells: list[Any], positions: dict[str, int]) -> Any:
    index = positions.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _row(cells: list[Any], positions: dict[str, int], errors: list[tuple[str, str]]) -> dict[str, Any]:
    def take(name: str, parse: Any) -> Any:
        try:
            return parse(_value(name, cells, positions))
        except CellError as error:
            errors.append((COLUMNS[name][0], str(error)))
            return None

    exam = take("exam", parse_exam)
    subject = take("subject", _subject)
    grade = take("grade", lambda v: _grade(v, exam))
    row = {
        "exam": exam,
        "year": take("year", parse_year),
        "subject": subject,
        "grade": grade,
        "participants": take("participants", lambda v: int(parse_number(v, Decimal(1), Decimal(5000), whole=True))),
        "mean_score": take("mean_score", lambda v: str(parse_number(v, Decimal(0), Decimal(100)))),
        "fails": take("fails", lambda v: int(parse_number(v or 0, Decimal(0), Decimal(5000), whole=True))),
    }
    if not errors and row["fails"] > row["participants"]:
        errors.append((COLUMNS["fails"][0], "получивших «2» больше, чем участников"))
    return row


def _subject(value: Any) -> str:
    text = cell_text(value)
    if not text:
        raise CellError("не указан предмет")
    if len(text) > 100:
        raise CellError("слишком длинное название предмета")
    return text[0].upper() + text[1:]


def _grade(value: Any, exam: str | None) -> int:
    if cell_text(value) == "" and exam in DEFAULT_GRADE:
        return DEFAULT_GRADE[exam]
    text = cell_text(value).rstrip("АБВГДЕабвгде кл.")
    return int(parse_number(text, Decimal(1), Decimal(11), whole=True))


def parse_results(name: str, stream: IO[bytes], size: int | None) -> Parsed:
    rows = read_rows(name, stream, size)
    header_at, positions = _find_header(rows)
    parsed = Parsed()
    if header_at > 0:
        parsed.notes.append(
            f"Строки над таблицей (название) пропущены: {', '.join(str(r[0]) for r in rows[:header_at])}."
        )
    seen: dict[tuple[Any, ...], int] = {}
    for line, cells in rows[header_at + 1 :]:
        if _is_skipped(cells):
            parsed.notes.append(f"Строка {line} пропущена: подпись или итог, не результат.")
            continue
        errors: list[tuple[str, str]] = []
        row = _row(cells, positions, errors)
        key = (row["exam"], row["year"], row["subject"], row["grade"])
        if not errors and key in seen:
            errors.append(("Предмет", f"та же процедура, год, предмет и класс уже в строке {seen[key]}"))
        seen.setdefault(key, line)
        parsed.errors += [{"row": line, "column": column, "message": message} for column, message in errors]
        parsed.rows.append({"line": line, **row})
    if not parsed.rows:
        raise ImportFileError("В таблице нет ни одной строки с результатами.")
    return parsed


@transaction.atomic
def commit(upload: ResultUpload) -> tuple[int, int]:
    """Write every row of a clean upload; (created, updated)."""
    locked = ResultUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.errors:
        raise ImportFileError("В файле есть ошибки: исправьте их и загрузите файл снова.")
    if locked.committed_at is not None:
        raise ImportFileError("Этот файл уже загружен.")
    created = updated = 0
    for row in locked.rows:
        _, was_created = ExamResult.objects.update_or_create(
            school=locked.school,
            exam=row["exam"],
            year=row["year"],
            subject=row["subject"],
            grade=row["grade"],
            defaults={
                "participants": row["participants"],
                "mean_score": Decimal(row["mean_score"]),
                "fails": row["fails"],
            },
        )
        created += was_created
        updated += not was_created
    locked.committed_at = timezone.now()
    locked.save(update_fields=["committed_at"])
    return created, updated
