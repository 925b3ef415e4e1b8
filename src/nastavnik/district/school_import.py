"""School profiles of «Школа – Школе» from a small CSV or XLSX, all or nothing.

Columns (a header row is required; order is free):
Организация (краткое наименование, ИНН или код), Индекс результатов, Число обучающихся,
Сельская (да/нет), Роль (лидер/поддерживаемая), Сколько школ может поддержать.
Every error names the row and the column; when there is any, nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q

from nastavnik.district.models import SchoolProfile, SchoolRole
from nastavnik.imports.cells import CellError, cell_text, normalise, parse_yes_no
from nastavnik.imports.columns import ImportFileError, header_key
from nastavnik.imports.parsing import read_rows
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind, subtree_q

COLUMNS = {
    "organisation": ("Организация", ("организация", "школа", "оо", "образовательная организация")),
    "results_index": ("Индекс результатов", ("индекс результатов", "индекс", "результаты")),
    "students_count": ("Число обучающихся", ("число обучающихся", "обучающихся", "количество обучающихся")),
    "is_rural": ("Сельская", ("сельская", "сельская школа", "сельская да нет")),
    "role": ("Роль", ("роль", "роль в проекте")),
    "capacity": ("Сколько школ может поддержать", ("сколько школ может поддержать", "сколько школ")),
}
REQUIRED = ("organisation", "results_index", "students_count")
ROLE_WORDS = {
    "лидер": SchoolRole.LEADER,
    "школа лидер": SchoolRole.LEADER,
    "наставник": SchoolRole.LEADER,
    "поддерживаемая": SchoolRole.SUPPORTED,
    "шнор": SchoolRole.SUPPORTED,
    "нет": SchoolRole.NONE,
    "не участвует": SchoolRole.NONE,
}


@dataclass
class ImportOutcome:
    errors: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0


@dataclass
class _Row:
    line: int
    organisation: Organisation
    values: dict[str, Any]


def _header(cells: list[Any]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = header_key(cell_text(cell))
        for name, (_, aliases) in COLUMNS.items():
            if key in aliases and name not in positions:
                positions[name] = index
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in positions]
    if missing:
        raise ImportFileError(
            "В первой строке файла нет столбцов: " + ", ".join(f"«{m}»" for m in missing) + ". Проверьте заголовки."
        )
    return positions


def parse_number(value: Any, low: Decimal, high: Decimal, *, whole: bool = False) -> Decimal:
    text = cell_text(value).replace(" ", "").replace("\u00a0", "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise CellError(f"«{cell_text(value)}» — не число") from None
    if not number.is_finite():
        raise CellError(f"«{cell_text(value)}» — не число")
    if whole and number != number.to_integral_value():
        raise CellError(f"«{cell_text(value)}»: нужно целое число")
    if not low <= number <= high:
        raise CellError(f"«{cell_text(value)}»: допустимо от {low} до {high}")
    return number


def parse_role(value: Any) -> str | None:
    text = header_key(cell_text(value))
    if not text:
        return None
    if text in ROLE_WORDS:
        return ROLE_WORDS[text]
    raise CellError(f"роль «{cell_text(value)}» не распознана: укажите «лидер», «поддерживаемая» или «нет»")


class _Organisations:
    """Organisations of the territory by short name, ИНН or code; one query, plus one for misses."""

    def __init__(self, territory: Organisation | None) -> None:
        self.territory = territory
        inside = Organisation.objects.filter(subtree_q("path", territory.path)) if territory else Organisation.objects
        self.by_key: dict[str, list[Organisation]] = {}
        for org in inside.only("short_name", "inn", "slug", "path", "kind", "low_results"):
            for key in {normalise(org.short_name), org.inn.strip(), normalise(org.slug)} - {""}:
                self.by_key.setdefault(key, []).append(org)

    def find(self, value: Any) -> Organisation:
        text = cell_text(value)
        if not text:
            raise CellError("не указана организация")
        found = self.by_key.get(normalise(text), [])
        if len(found) > 1:
            raise CellError(f"«{text}» подходит нескольким организациям: укажите ИНН или код")
        if found and found[0].kind != OrganisationKind.SCHOOL:
            raise CellError(f"«{found[0].short_name}» — не школа: в проекте «Школа – Школе» участвуют школы")
        if found:
            return found[0]
        if (
            self.territory
            and Organisation.objects.filter(Q(short_name__iexact=text) | Q(inn=text) | Q(slug__iexact=text)).exists()
        ):
            raise CellError(f"организация «{text}» не входит в вашу территорию ({self.territory.short_name})")
        raise CellError(f"организация «{text}» не найдена: укажите краткое наименование, ИНН или код")


def _cell(cells: list[Any], positions: dict[str, int], name: str) -> Any:
    index = positions.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _parse_row(
    line: int, cells: list[Any], positions: dict[str, int], orgs: _Organisations
) -> tuple[_Row | None, list[str]]:
    errors: list[str] = []
    values: dict[str, Any] = {}
    organisation: Organisation | None = None
    parsers: dict[str, Callable[[Any], Any]] = {
        "organisation": orgs.find,
        "results_index": lambda v: parse_number(v, Decimal(0), Decimal(100)),
        "students_count": lambda v: int(parse_number(v, Decimal(1), Decimal(20000), whole=True)),
        "is_rural": lambda v: bool(parse_yes_no(v)),
        "role": parse_role,
        "capacity": lambda v: int(parse_number(v, Decimal(1), Decimal(10), whole=True)) if cell_text(v) else 1,
    }
    for name, parse in parsers.items():
        value = _cell(cells, positions, name)
        if name in REQUIRED and name != "organisation" and not cell_text(value):
            errors.append(f"Строка {line}, столбец «{COLUMNS[name][0]}»: не заполнено")
            continue
        try:
            parsed = parse(value)
        except CellError as error:
            errors.append(f"Строка {line}, столбец «{COLUMNS[name][0]}»: {error}")
            continue
        if name == "organisation":
            organisation = parsed
        else:
            values[name] = parsed
    if errors or organisation is None:
        return None, errors
    return _Row(line, organisation, values), []


def parse_profiles(
    name: str, stream: IO[bytes], size: int | None, territory: Organisation | None
) -> tuple[list[_Row], list[str]]:
    """Rows ready to save, or the Russian errors (file-level or one per bad cell)."""
    try:
        rows = read_rows(name, stream, size)
    except ImportFileError as error:
        return [], [str(error)]
    if not rows:
        return [], ["Файл пустой: в нём нет ни одной заполненной строки."]
    try:
        positions = _header(rows[0][1])
    except ImportFileError as error:
        return [], [str(error)]
    orgs = _Organisations(territory)
    parsed: list[_Row] = []
    errors: list[str] = []
    seen: dict[int, int] = {}
    for line, cells in rows[1:]:
        row, row_errors = _parse_row(line, cells, positions, orgs)
        errors += row_errors
        if row is None:
            continue
        if row.organisation.pk in seen:
            errors.append(f"Строка {line}: {row.organisation.short_name} уже есть в строке {seen[row.organisation.pk]}")
            continue
        seen[row.organisation.pk] = line
        parsed.append(row)
    if not parsed and not errors:
        errors.append("В файле нет ни одной строки с данными под заголовком.")
    return parsed, errors


def import_profiles(
    name: str,
    stream: IO[bytes],
    size: int | None,
    territory: Organisation | None,
    year: AcademicYear,
    user: AbstractBaseUser | AnonymousUser,
) -> ImportOutcome:
    """Parse the whole file first; save every profile in one transaction only when no row has an error."""
    rows, errors = parse_profiles(name, stream, size, territory)
    if errors:
        return ImportOutcome(errors=errors)
    outcome = ImportOutcome()
    editor = user if user.is_authenticated else None
    with transaction.atomic():
        for row in rows:
            values = {key: value for key, value in row.values.items() if value is not None}
            values["updated_by"] = editor
            # An empty «Роль» keeps the role chosen earlier; a new profile takes the computed default.
            role = values.get("role") or SchoolProfile.default_role(row.organisation.low_results)
            _, created = SchoolProfile.objects.update_or_create(
                organisation=row.organisation,
                academic_year=year,
                defaults=values,
                create_defaults={**values, "role": role},
            )
            if created:
                outcome.created += 1
            else:
                outcome.updated += 1
    return outcome
