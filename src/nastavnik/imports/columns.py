"""The columns of each import kind and how a header row of a real file is recognised.

Headers match case-insensitively, ignoring spaces, punctuation and «ё/е», and through a few
aliases seen in school files («Email», «Стаж», «Класс/курс»), so a curator's own register
usually imports without renaming columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from nastavnik.imports.cells import cell_text, normalise
from nastavnik.imports.models import ImportKind
from nastavnik.orgs.models import OrganisationKind

# The header is looked for among the first rows: files often start with a title line.
HEADER_SEARCH_ROWS = 10


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is Russian and shown at the upload form."""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    aliases: tuple[str, ...] = ()
    hint: str = ""
    example: Any = ""
    in_template: bool = True


def header_key(text: str) -> str:
    """«Стаж (лет)» → "стаж лет", «E-mail*» → "e mail": the form in which headers are compared."""
    return " ".join(re.sub(r"[^\w]+", " ", normalise(text)).replace("_", " ").split())


NAME_COLUMNS = (
    Column("last_name", "Фамилия", hint="обязательно", example="Иванов"),
    Column("first_name", "Имя", hint="обязательно", example="Иван"),
    Column("middle_name", "Отчество", hint="если есть", example="Иванович"),
    Column(
        "full_name",
        "ФИО",
        aliases=("ф и о", "фамилия имя отчество", "фамилия имя отчество полностью"),
        hint="вместо трёх столбцов выше можно один столбец «ФИО»",
        in_template=False,
    ),
    Column("birth_date", "Дата рождения", aliases=("др", "дата рожд"), hint="ДД.ММ.ГГГГ"),
)
CONTACT_COLUMNS = (
    Column(
        "email",
        "E-mail",
        aliases=("email", "эл почта", "электронная почта", "адрес электронной почты"),
        hint="только при согласии на обработку ПДн",
    ),
    Column(
        "phone",
        "Телефон",
        aliases=("номер телефона", "мобильный телефон", "контактный телефон"),
        hint="только при согласии на обработку ПДн",
    ),
    Column(
        "organisation",
        "Организация",
        aliases=("оо", "оу", "образовательная организация", "школа"),
        hint="необязательно; если заполнено — краткое или полное наименование, код или ИНН выбранной организации",
    ),
    Column(
        "consent",
        "Согласие на обработку ПДн",
        aliases=("согласие", "согласие на обработку персональных данных", "согласие пдн"),
        hint="«да» или «нет»; без согласия хранятся только ФИО, дата рождения и класс",
        example="да",
    ),
    Column("consent_date", "Дата согласия", hint="ДД.ММ.ГГГГ, обязательно при согласии «да»"),
)
STUDENT_COLUMNS = (
    *NAME_COLUMNS,
    Column(
        "class_name",
        "Класс",
        aliases=("класс буква", "класс курс", "курс", "класс группа"),
        hint="параллель и буква: 7А, 10 Б, 11-В (в колледже — курс 1–6)",
        example="7А",
    ),
    Column(
        "class_teacher",
        "Классный руководитель",
        aliases=("кл руководитель", "классный руководитель фио", "куратор группы"),
        hint="ФИО педагога этой организации, уже загруженного в систему; необязательно",
    ),
    *CONTACT_COLUMNS,
    Column(
        "consent_by",
        "Кто дал согласие",
        aliases=("кем дано согласие", "согласие дал"),
        hint="«родитель» или «сам»; за ребёнка младше 14 лет — родитель",
        example="родитель",
    ),
    Column(
        "guardian_name",
        "ФИО родителя",
        aliases=("фио родителя законного представителя", "фио законного представителя", "родитель"),
        hint="обязательно, если согласие дал родитель",
        example="Иванова Мария Петровна",
    ),
)
STAFF_COLUMNS = (
    *NAME_COLUMNS,
    Column("position", "Должность", hint="например «учитель математики»", example="учитель математики"),
    Column(
        "subjects", "Предметы", aliases=("предмет", "преподаваемые предметы"), hint="через запятую", example="алгебра"
    ),
    Column(
        "experience_years",
        "Стаж (лет)",
        aliases=("стаж", "стаж лет", "педагогический стаж", "педагогический стаж лет", "пед стаж"),
        hint="педагогический стаж, целое число лет",
        example=12,
    ),
    Column(
        "category",
        "Категория",
        aliases=("квалификационная категория",),
        hint="высшая, первая, соответствие занимаемой должности",
        example="первая",
    ),
    *CONTACT_COLUMNS,
)
COLUMNS: dict[str, tuple[Column, ...]] = {ImportKind.STUDENTS: STUDENT_COLUMNS, ImportKind.STAFF: STAFF_COLUMNS}
# Organisations whose students must have a class (a grade and a letter, or a course).
CLASS_REQUIRED_KINDS = frozenset({OrganisationKind.SCHOOL, OrganisationKind.COLLEGE})


@dataclass
class Header:
    """Where the header row is and which column index holds which field."""

    line: int
    positions: dict[str, int]
    titles: dict[str, str]
    ignored: list[str] = field(default_factory=list)

    def title(self, key: str) -> str:
        return self.titles.get(key, key)


@dataclass
class Table:
    header: Header
    # (line in the spreadsheet, cells) for every non-empty row below the header
    rows: list[tuple[int, list[Any]]]


def _lookup(kind: str) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        for name in (column.title, *column.aliases):
            table[header_key(name)] = column
    return table


def read_header(line: int, cells: list[Any], kind: str) -> Header:
    lookup = _lookup(kind)
    header = Header(line=line, positions={}, titles={})
    for index, value in enumerate(cells):
        title = cell_text(value)
        if not title:
            continue
        column = lookup.get(header_key(title))
        if column is None:
            header.ignored.append(title)
        elif column.key in header.positions:
            raise ImportFileError(f"Столбец «{title}» встречается в строке заголовков дважды — оставьте один.")
        else:
            header.positions[column.key] = index
            header.titles[column.key] = title
    return header


def has_names(header: Header) -> bool:
    return {"last_name", "first_name"} <= header.positions.keys() or "full_name" in header.positions


def missing_columns(header: Header, kind: str, organisation_kind: str) -> list[str]:
    missing = []
    if not has_names(header):
        missing.append("«Фамилия», «Имя» (или один столбец «ФИО»)")
    if (
        kind == ImportKind.STUDENTS
        and organisation_kind in CLASS_REQUIRED_KINDS
        and "class_name" not in header.positions
    ):
        missing.append("«Класс»")
    return missing


def locate_header(rows: list[tuple[int, list[Any]]], kind: str, organisation_kind: str) -> Table:
    """Find the header among the first rows and return the data rows below it."""
    if not rows:
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")
    best: Header | None = None
    for position, (line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        header = read_header(line, cells, kind)
        if has_names(header):
            missing = missing_columns(header, kind, organisation_kind)
            if missing:
                raise ImportFileError(_missing_message(missing))
            data = [(n, row) for n, row in rows[position + 1 :] if _has_known_values(row, header)]
            if not data:
                raise ImportFileError("Под строкой заголовков нет ни одной строки с данными.")
            return Table(header=header, rows=data)
        if best is None or len(header.positions) > len(best.positions):
            best = header
    raise ImportFileError(_missing_message(missing_columns(best or Header(0, {}, {}), kind, organisation_kind)))


def _has_known_values(cells: list[Any], header: Header) -> bool:
    """False for lines where only unknown columns are filled, e.g. a numbered «№ п/п» line of a blank register."""
    return any(cell_text(cells[index]) for index in header.positions.values() if index < len(cells))


def _missing_message(missing: list[str]) -> str:
    return (
        f"В файле не найдены обязательные столбцы: {', '.join(missing)}. "
        "Первой строкой таблицы на первом листе должны идти заголовки столбцов, как в шаблоне."
    )
