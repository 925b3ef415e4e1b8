"""The columns of each import kind and how a header row of a real file is recognised.

Headers match case-insensitively, ignoring spaces, punctuation and «ё/е», and through a few
aliases seen in school files («Email», «Стаж», «Класс/курс»), so a curator's own register
usually imports without renaming columns.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from nastavnik.imports.cells import EXPERIENCE_RULE, cell_text, normalise
from nastavnik.imports.models import ImportKind, ImportMapping
from nastavnik.orgs.models import Organisation, OrganisationKind

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
    Column(
        "last_name",
        "Фамилия",
        aliases=("фамилия обучающегося", "фамилия ученика"),
        hint="обязательно",
        example="Иванов",
    ),
    Column("first_name", "Имя", aliases=("имя обучающегося", "имя ученика"), hint="обязательно", example="Иван"),
    Column(
        "middle_name",
        "Отчество",
        aliases=("отчество при наличии", "отчество обучающегося", "отчество если есть"),
        hint="если есть",
        example="Иванович",
    ),
    Column(
        "full_name",
        "ФИО",
        aliases=(
            "ф и о",
            "фио полностью",
            "ф и о полностью",
            "фамилия имя отчество",
            "фамилия имя отчество полностью",
            "фамилия имя отчество при наличии",
            "фио обучающегося",
            "ф и о обучающегося",
            "фио ученика",
            "ф и о ученика",
            "фио учащегося",
            "фио студента",
            "ученик",
            "обучающийся",
            "учащийся",
            "фио педагога",
            "ф и о педагога",
            "фио работника",
            "фио сотрудника",
            "ф и о работника",
            "ф и о сотрудника",
            "фио учителя",
            "сотрудник",
            "работник",
            "педагог",
        ),
        hint="вместо трёх столбцов выше можно один столбец «ФИО»",
        in_template=False,
    ),
    Column(
        "birth_date",
        "Дата рождения",
        aliases=(
            "др",
            "д р",
            "дата рожд",
            "дата р",
            "д рожд",
            "дата рождения обучающегося",
            "число месяц год рождения",
        ),
        hint="ДД.ММ.ГГГГ",
    ),
)
CONTACT_COLUMNS = (
    Column(
        "email",
        "E-mail",
        aliases=(
            "email",
            "e mail",
            "е mail",
            "эл почта",
            "эл адрес",
            "электронная почта",
            "адрес электронной почты",
            "адрес эл почты",
            "почта",
            "e mail обучающегося",
            "e mail родителя",
            "email родителя",
            "эл почта родителя",
        ),
        hint="только при согласии на обработку ПДн",
    ),
    Column(
        "phone",
        "Телефон",
        aliases=(
            "тел",
            "телефон мобильный",
            "номер телефона",
            "мобильный телефон",
            "моб телефон",
            "моб тел",
            "мобильный",
            "сотовый телефон",
            "контактный телефон",
            "контактный номер",
            "телефон родителя",
            "телефон обучающегося",
            "телефон для связи",
        ),
        hint="только при согласии на обработку ПДн",
    ),
    Column(
        "organisation",
        "Организация",
        aliases=("оо", "оу", "образовательная организация", "наименование оо", "школа"),
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
        aliases=(
            "кл",
            "класс буква",
            "класс литера",
            "класс курс",
            "курс",
            "класс группа",
            "группа",
            "класс обучения",
            "учебный класс",
            "параллель и буква",
        ),
        hint="параллель и буква: 7А, 10 Б, 11-В (в колледже — курс 1–6)",
        example="7А",
    ),
    Column(
        "class_teacher",
        "Классный руководитель",
        aliases=(
            "кл руководитель",
            "кл рук",
            "классный руководитель фио",
            "фио классного руководителя",
            "куратор группы",
            "куратор",
        ),
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
    Column(
        "position",
        "Должность",
        aliases=(
            "должность основная",
            "основная должность",
            "занимаемая должность",
            "должность по штатному расписанию",
        ),
        hint="например «учитель математики»",
        example="учитель математики",
    ),
    Column(
        "subjects",
        "Предметы",
        aliases=(
            "предмет",
            "предмет ы",
            "предметы",
            "преподаваемые предметы",
            "преподаваемый предмет",
            "преподаваемые дисциплины",
            "преподаваемая дисциплина",
            "дисциплина",
            "дисциплины",
            "учебный предмет",
            "учебные предметы",
        ),
        hint="через запятую",
        example="алгебра",
    ),
    Column(
        "experience_years",
        "Стаж (лет)",
        aliases=(
            "стаж",
            "стаж лет",
            "педагогический стаж",
            "педагогический стаж лет",
            "пед стаж",
            "стаж работы",
            "стаж работы лет",
            "стаж педагогической работы",
            "стаж педагогической работы лет",
            "общий педагогический стаж",
            "стаж по специальности",
            "стаж в должности",
        ),
        hint=f"педагогический стаж в годах: «12», «5 лет», «3 г. 6 мес.». {EXPERIENCE_RULE}",
        example=12,
    ),
    Column(
        "category",
        "Категория",
        aliases=(
            "квалификационная категория",
            "кв категория",
            "категория квалификационная",
            "квалификация",
            "квалификационная категория должность",
            "наличие квалификационной категории",
        ),
        hint="высшая, первая, педагог-методист, педагог-наставник, соответствие занимаемой должности, без категории",
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


@functools.cache
def _lookup(kind: str) -> dict[str, Column]:
    """Header key → column of a kind; built once per process (the synonym list is constant)."""
    table: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        for name in (column.title, *column.aliases):
            table[header_key(name)] = column
    return table


# Numbering columns («№», «№ п/п») are common and never loaded; they do not call for the mapping step.
NUMBERING_TITLES = frozenset({"", "п п", "н п", "no", "n", "nn", "номер", "номер п п", "порядковый номер"})
# Merged two-row headers are read as «Контактные данные / Телефон».
TITLE_SEPARATOR = " / "


@dataclass
class SourceTable:
    """A sheet read as a table: one title per column (merged headers joined), the data rows, skipped-line notes."""

    header_lines: list[int]
    titles: list[str]
    rows: list[tuple[int, list[Any]]]
    notes: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    """Which column index loads into which field, and whether the user has to confirm it."""

    mapping: dict[int, str]
    remembered: bool = False
    # Russian reasons the mapping step is shown; empty means the file goes straight to the preview.
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems


def field_choices(kind: str) -> list[tuple[str, str]]:
    return [(column.key, column.title) for column in COLUMNS[kind]]


def recognise(title: str, kind: str) -> str | None:
    """The field a column title stands for: the whole title, else the part under a merged header."""
    lookup = _lookup(kind)
    for part in (title, *reversed(title.split(TITLE_SEPARATOR))):
        column = lookup.get(header_key(part))
        if column is not None:
            return column.key
    return None


def is_numbering(title: str) -> bool:
    return header_key(title) in NUMBERING_TITLES


def header_signature(titles: list[str]) -> str:
    joined = "\x1f".join(header_key(title) for title in titles)
    return hashlib.sha256(joined.encode()).hexdigest()


def propose(titles: list[str], kind: str) -> dict[int, str]:
    """Synonym matching; of two columns meaning the same field the first one is proposed."""
    mapping: dict[int, str] = {}
    for index, title in enumerate(titles):
        key = recognise(title, kind) if title else None
        if key is not None and key not in mapping.values():
            mapping[index] = key
    return mapping


def check_mapping(mapping: dict[int, str], kind: str, organisation_kind: str) -> list[str]:
    """Russian problems of a mapping: a required field without a column."""
    header = Header(line=0, positions={key: index for index, key in mapping.items()}, titles={})
    missing = missing_columns(header, kind, organisation_kind)
    return [f"Выберите столбцы для полей: {', '.join(missing)}."] if missing else []


def _duplicated_title(titles: list[str], kind: str) -> None:
    seen: set[str] = set()
    for title in titles:
        key = header_key(title)
        if key in seen and recognise(title, kind) is not None:
            raise ImportFileError(f"Столбец «{title}» встречается в строке заголовков дважды — оставьте один.")
        seen.add(key)


def resolve_mapping(organisation: Organisation, kind: str, titles: list[str]) -> Resolution:
    """The mapping to use without asking: the organisation's remembered one for this layout, else synonyms.

    `problems` says why a person should confirm it (the import form shows the mapping step; the command
    refuses the file with these messages).
    """
    _duplicated_title(titles, kind)
    remembered = _remembered(organisation, kind, titles)
    if remembered is not None:
        return Resolution(
            mapping=remembered, remembered=True, problems=check_mapping(remembered, kind, organisation.kind)
        )
    mapping = propose(titles, kind)
    problems = check_mapping(mapping, kind, organisation.kind)
    unknown = [title for index, title in enumerate(titles) if index not in mapping and not is_numbering(title)]
    if unknown:
        problems.append(f"Не распознаны столбцы: {', '.join(f'«{title}»' for title in unknown)}.")
    return Resolution(mapping=mapping, problems=problems)


def _remembered(organisation: Organisation, kind: str, titles: list[str]) -> dict[int, str] | None:
    """The confirmed mapping of this exact layout, or of the latest layout whose mapped columns all still exist."""
    saved = ImportMapping.objects.filter(organisation=organisation, kind=kind)
    exact = saved.filter(header_signature=header_signature(titles)).first()
    candidates = [exact] if exact else list(saved.order_by("-updated_at")[:1])
    positions = {header_key(title): index for index, title in reversed(list(enumerate(titles))) if title}
    fields = {column.key for column in COLUMNS[kind]}
    for candidate in candidates:
        pairs = [(header_key(title), key) for title, key in candidate.mapping.get("columns", [])]
        mapped = [(title, key) for title, key in pairs if key in fields]
        if mapped and all(title in positions for title, _ in mapped):
            known = {title for title, _ in pairs}
            extra = [
                t for t in positions if t not in known and recognise(t, kind) is None and t not in NUMBERING_TITLES
            ]
            if not extra:
                return {positions[title]: key for title, key in mapped}
    return None


def remember_mapping(organisation: Organisation, kind: str, titles: list[str], mapping: dict[int, str]) -> None:
    """Keep a confirmed mapping for the next upload of the same layout."""
    columns = [[title, mapping.get(index, "")] for index, title in enumerate(titles) if title]
    ImportMapping.objects.update_or_create(
        organisation=organisation,
        kind=kind,
        header_signature=header_signature(titles),
        defaults={"mapping": {"columns": columns}},
    )


def build_table(source: SourceTable, mapping: dict[int, str], kind: str, organisation_kind: str) -> Table:
    """The rows to check, with the header as `validation` expects it."""
    problems = check_mapping(mapping, kind, organisation_kind)
    if problems:
        raise ImportFileError(missing_message(missing_columns(_header(source, mapping), kind, organisation_kind)))
    header = _header(source, mapping)
    data = [(line, row) for line, row in source.rows if _has_known_values(row, header)]
    if not data:
        raise ImportFileError("Под строкой заголовков нет ни одной строки с данными.")
    return Table(header=header, rows=data)


def _header(source: SourceTable, mapping: dict[int, str]) -> Header:
    header = Header(line=source.header_lines[-1] if source.header_lines else 0, positions={}, titles={})
    for index, title in enumerate(source.titles):
        key = mapping.get(index)
        if key is None:
            if title and not is_numbering(title):
                header.ignored.append(title)
            continue
        header.positions[key] = index
        header.titles[key] = title or key
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


def _has_known_values(cells: list[Any], header: Header) -> bool:
    """False for lines where only unknown columns are filled, e.g. a numbered «№ п/п» line of a blank register."""
    return any(cell_text(cells[index]) for index in header.positions.values() if index < len(cells))


def missing_message(missing: list[str]) -> str:
    return (
        f"В файле не найдены обязательные столбцы: {', '.join(missing)}. "
        "Первой строкой таблицы на первом листе должны идти заголовки столбцов, как в шаблоне."
    )
