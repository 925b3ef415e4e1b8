"""Row-by-row checks of an import table: clean values, Russian errors and warnings naming the line and column.

Only what makes a row unusable is an error (no name, an unreadable birth date or class, another
organisation's row, an incomplete consent); everything else is a warning and the row loads
(an unknown class teacher is kept as text, contacts without consent are dropped, an implausible
age for the class is pointed out). The same person twice in a file is merged into one row.

Plain data in, plain data out: the database facts the checks need (people already in the
organisation, its teachers, its names) come in a `Context` built by `services`; the people are
looked up only for the keys found in the file, so the checks cost the same in a small and a big school.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nastavnik.common.text import plural_ru
from nastavnik.imports.cells import (
    CellError,
    cell_text,
    limited,
    normalise,
    normalise_category,
    normalise_phone,
    parse_category,
    parse_consent_giver,
    parse_course,
    parse_date,
    parse_email,
    parse_experience,
    parse_school_class,
    parse_yes_no,
)
from nastavnik.imports.columns import CLASS_REQUIRED_KINDS, COLUMNS, Header, Table, header_key
from nastavnik.imports.models import ImportKind
from nastavnik.orgs.models import OrganisationKind
from nastavnik.people.models import SELF_CONSENT_AGE

PersonKey = tuple[str, str, str, str]
NAME_MISSING = "не указано ФИО (Фамилия и Имя обязательны)"
NO_CONSENT_FOR_CONTACTS = (
    "нет согласия на обработку ПДн: контакты не сохранены, остальное загрузится. Чтобы сохранить контакты, "
    "добавьте в файл столбцы «Согласие на обработку ПДн» (да) и «Дата согласия»"
)
TEACHER_LINK_CLEARED = "классный руководитель не указан в файле — связь снята"
# A pupil of grade N is usually N + 6 or N + 7 years old on 1 September; wider than this is a typo.
AGE_SLACK_BELOW, AGE_SLACK_ABOVE = 5, 8
PROGRESS_ROWS = 1000
TITLES = {column.key: column.title for columns in COLUMNS.values() for column in columns}


def person_key(last_name: str, first_name: str, middle_name: str, birth_date: str | None) -> PersonKey:
    """How one person is recognised in a file and in the database: ФИО (any case, ё = е) and birth date."""
    return (normalise(last_name), normalise(first_name), normalise(middle_name), birth_date or "")


def org_identifier(text: str) -> str:
    """«МБОУ "СОШ №1"» and «мбоу «сош № 1»» compare equal."""
    return re.sub(r"[\s«»\"“”„'№]", "", normalise(text))


def name_keys(last_name: str, first_name: str, middle_name: str) -> set[str]:
    """The ways a teacher's name is written in a «Классный руководитель» column."""
    last, first, middle = (header_key(part) for part in (last_name, first_name, middle_name))
    initials = " ".join(part[0] for part in (first, middle) if part)
    return {" ".join(p for p in parts if p) for parts in ((last, first, middle), (last, first), (last, initials))}


@dataclass(frozen=True)
class ExistingPerson:
    id: int
    has_consent: bool
    # The person's student membership in the organisation: its class and whether a class teacher is set.
    class_name: tuple[int | None, str] | None = None
    has_class_teacher: bool = False


Lookup = Callable[[set[PersonKey]], dict[PersonKey, ExistingPerson]]


@dataclass
class Context:
    kind: str
    organisation_kind: str
    organisation_names: set[str]
    # The people of the organisation with the given keys (only those; see `services.existing_people`).
    find_existing: Lookup = field(default=lambda keys: {})
    # a name key (see `name_keys`) → ids of the organisation's teachers written that way
    teachers: dict[str, set[int]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class Outcome:
    rows: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    summary: dict[str, Any]
    warnings: list[dict[str, Any]] = field(default_factory=list)


class RowCheck:
    """The checks of one row; collects the clean values in `data` and the errors in `errors`."""

    def __init__(self, line: int, cells: list[Any], header: Header, context: Context) -> None:
        self.line = line
        self.cells = cells
        self.header = header
        self.context = context
        self.data: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []
        self.warnings: list[dict[str, Any]] = []
        self.birth: datetime.date | None = None

    def raw(self, key: str) -> Any:
        index = self.header.positions.get(key)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def error(self, message: str, key: str | None = None) -> None:
        """«строка 7, столбец «Дата рождения»: …»; a column absent from the file is named as in the template."""
        self.errors.append(self.entry(message, key))

    def warn(self, message: str, key: str | None = None) -> None:
        """Like `error`, but the row still loads."""
        self.warnings.append(self.entry(message, key))

    def entry(self, message: str, key: str | None) -> dict[str, Any]:
        where, title = f"строка {self.line}", ""
        if key in self.header.titles:
            title = self.header.titles[key]
            where += f", столбец «{title}»"
        elif key is not None:
            message += f" (добавьте в файл столбец «{TITLES[key]}»)"
        return {"line": self.line, "column": title, "message": f"{where}: {message}"}

    def parse(self, key: str, parser: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return parser(self.raw(key), *args, **kwargs)
        except CellError as exc:
            self.error(str(exc), key)
            return None

    def parse_soft(self, key: str, parser: Callable[..., Any], *args: Any) -> Any:
        """A value the row can do without: an unreadable one is a warning and is not stored."""
        try:
            return parser(self.raw(key), *args)
        except CellError as exc:
            self.warn(f"{exc} — значение не сохранено", key)
            return None

    # -- the rules, in the order a curator reads a row ---------------------------------------------

    def run(self) -> None:
        """The checks that need nothing from the database; `finish` does the rest."""
        self.check_names()
        birth = self.birth = self.parse("birth_date", parse_date, self.context.today)
        self.data["birth_date"] = birth.isoformat() if birth else None
        self.check_organisation()
        if self.context.kind == ImportKind.STUDENTS:
            self.check_class()
            self.check_age()
            self.check_class_teacher()
        else:
            self.check_staff_fields()
        self.data["email"] = self.parse_soft("email", parse_email) or ""
        self.check_phone()
        consent = self.parse("consent", parse_yes_no)
        self.data["consent"] = bool(consent)
        if consent:
            self.check_consent_details(birth)

    def check_phone(self) -> None:
        """The number in one format; an office extension it cannot keep is named in a warning."""
        number, extension = self.parse_soft("phone", normalise_phone) or ("", "")
        self.data["phone"] = number
        if extension:
            self.warn(f"добавочный номер «{extension}» не сохранён: хранится только номер {number}", "phone")

    def finish(self, existing: ExistingPerson | None) -> None:
        """The checks against the person already stored: contacts without consent, the annual transfer."""
        self.check_contacts(existing)
        if self.context.kind == ImportKind.STUDENTS:
            self.check_transfer(existing)

    def check_names(self) -> None:
        if {"last_name", "first_name"} <= self.header.positions.keys():
            last = self.parse("last_name", limited, 100) or ""
            first = self.parse("first_name", limited, 100) or ""
            middle = self.parse("middle_name", limited, 100) or ""
        else:
            parts = cell_text(self.raw("full_name")).split()
            last, first, middle = [*parts, "", ""][0], [*parts, "", ""][1], " ".join(parts[2:])
            if any(len(part) > 100 for part in (last, first, middle)):
                self.error("слишком длинное значение: больше 100 символов", "full_name")
        if not last or not first:
            self.error(NAME_MISSING)
        self.data.update(last_name=last, first_name=first, middle_name=middle)

    def check_organisation(self) -> None:
        value = cell_text(self.raw("organisation"))
        if value and org_identifier(value) not in self.context.organisation_names:
            self.error(f"строка относится к другой организации: «{value}»", "organisation")

    def check_class(self) -> None:
        college = self.context.organisation_kind == OrganisationKind.COLLEGE
        if college:
            grade, letter = self.parse("class_name", parse_course) or (None, "")
        else:
            required = self.context.organisation_kind == OrganisationKind.SCHOOL
            grade, letter = self.parse("class_name", parse_school_class, letter_required=required) or (None, "")
        blank = not cell_text(self.raw("class_name"))
        if blank and self.context.organisation_kind in CLASS_REQUIRED_KINDS:
            self.error("не указан курс" if college else "не указан класс (например, «7А»)", "class_name")
        self.data.update(grade=grade, class_letter=letter)

    def check_age(self) -> None:
        """A 6-year-old in 9th grade is a typo in the birth date or the class: a warning, the row loads."""
        grade, birth = self.data.get("grade"), self.birth
        if grade is None or birth is None or self.context.organisation_kind != OrganisationKind.SCHOOL:
            return
        today = self.context.today
        september = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        age = _age(birth, september)
        if not grade + AGE_SLACK_BELOW <= age <= grade + AGE_SLACK_ABOVE:
            years = plural_ru(age, "год", "года", "лет")
            self.warn(
                f"возраст ({age} {years} на 1 сентября) необычен для {grade} класса — проверьте дату рождения и класс",
                "birth_date",
            )

    def check_class_teacher(self) -> None:
        value = cell_text(self.raw("class_teacher"))
        self.data.update(class_teacher_id=None, class_teacher_name="")
        if not value:
            return
        ids = self.context.teachers.get(header_key(value), set())
        if len(ids) == 1:
            self.data["class_teacher_id"] = next(iter(ids))
            return
        # Kept as text; the staff import links it when a teacher of that name is loaded.
        self.data["class_teacher_name"] = value[:300]
        if not ids:
            self.warn(
                f"«{value}» — классный руководитель не найден среди педагогов организации: ФИО сохранено, "
                "связь появится после загрузки педагогов",
                "class_teacher",
            )
        else:
            self.warn(
                f"«{value}» — в организации несколько педагогов с таким ФИО: ФИО сохранено текстом, "
                "укажите ФИО полностью, чтобы связать",
                "class_teacher",
            )

    def check_transfer(self, existing: ExistingPerson | None) -> None:
        """Moving up a year keeps the class teacher only when the file names one."""
        data = self.data
        if existing is None or existing.class_name is None or not existing.has_class_teacher:
            return
        moved = data.get("grade") is not None and (data["grade"], data["class_letter"]) != existing.class_name
        if moved and not data["class_teacher_id"] and not data["class_teacher_name"]:
            # Without the column in the file the message must not ask to add it: the link is cleared either way.
            self.warn(TEACHER_LINK_CLEARED, "class_teacher" if "class_teacher" in self.header.titles else None)

    def check_staff_fields(self) -> None:
        self.data["position"] = self.parse("position", limited, 200) or ""
        self.data["subjects"] = self.parse("subjects", limited, 300) or ""
        self.data["experience_years"] = self.parse_soft("experience_years", parse_experience)
        self.data["category"] = self.parse("category", parse_category) or ""
        if not normalise_category(self.data["category"])[1]:
            category = self.data["category"]
            self.warn(f"категория «{category}» не из официального списка: сохранена как написано", "category")

    def check_contacts(self, existing: ExistingPerson | None) -> None:
        """Without consent (in the file or stored) contacts are not kept; the rest of the row loads."""
        if self.data["consent"] or (existing is not None and existing.has_consent):
            return
        dropped = [key for key in ("email", "phone") if self.data.get(key)]
        if dropped:
            self.warn(NO_CONSENT_FOR_CONTACTS, dropped[0])
        for key in dropped:
            self.data[key] = ""

    def check_consent_details(self, birth: datetime.date | None) -> None:
        given_on = self.parse("consent_date", parse_date, self.context.today)
        if given_on is None and not cell_text(self.raw("consent_date")):
            self.error("согласие «да»: укажите дату согласия (ДД.ММ.ГГГГ)", "consent_date")
        elif given_on is not None and birth is not None and given_on < birth:
            self.error("дата согласия раньше даты рождения", "consent_date")
        self.data["consent_date"] = given_on.isoformat() if given_on else None
        minor = birth is not None and _age(birth, self.context.today) < SELF_CONSENT_AGE
        giver = "self"
        if self.context.kind == ImportKind.STUDENTS:
            giver = self.parse("consent_by", parse_consent_giver) or ("parent" if minor else "self")
        if minor and giver == "self":
            self.error(f"обучающемуся нет {SELF_CONSENT_AGE} лет: согласие даёт родитель", "consent_by")
        guardian = self.parse("guardian_name", limited, 300) or ""
        if giver == "parent" and not guardian:
            self.error("согласие дал родитель: укажите ФИО родителя", "guardian_name")
        self.data.update(consent_by=giver, guardian_name=guardian if giver == "parent" else "")

    def key(self) -> PersonKey:
        data = self.data
        return person_key(data["last_name"], data["first_name"], data["middle_name"], data.get("birth_date"))


def _age(birth: datetime.date, today: datetime.date) -> int:
    return today.year - birth.year - int((today.month, today.day) < (birth.month, birth.day))


def validate(table: Table, context: Context, on_rows: Callable[[int, int], None] | None = None) -> Outcome:
    """Check every row; the same person twice is merged into the first row with a warning.

    `on_rows(done, total)` is told the progress every `PROGRESS_ROWS` rows (a background job shows it).
    """
    header = table.header
    order = sorted(header.positions, key=lambda key: header.positions[key])
    checks = []
    for number, (line, cells) in enumerate(table.rows, start=1):
        check = RowCheck(line, cells, header, context)
        check.run()
        checks.append(check)
        if on_rows is not None and number % PROGRESS_ROWS == 0:
            on_rows(number, len(table.rows))
    named = [check for check in checks if check.data["last_name"] and check.data["first_name"]]
    existing = context.find_existing({check.key() for check in named})
    for check in checks:
        check.finish(existing.get(check.key()))
    merged = _merge_duplicates(named)
    rows = [_row(check, order, existing, merged) for check in checks]
    errors = [entry for check in checks for entry in check.errors]
    warnings = [entry for check in checks for entry in check.warnings]
    loaded = [row for row in rows if not row["error"] and row["merged_into"] is None]
    summary = {
        "rows": len(rows),
        "create": sum(row["match"] is None for row in loaded),
        "update": sum(row["match"] is not None for row in loaded),
        "errors": len(errors),
        "error_rows": sum(row["error"] for row in rows),
        "warnings": len(warnings),
        "warning_rows": sum(row["warning"] for row in rows),
        "merged": len(merged),
        "columns": [header.title(k) for k in order],
        "ignored_columns": header.ignored,
        "header_line": header.line,
    }
    return Outcome(rows=rows, errors=errors, summary=summary, warnings=warnings)


def _merge_duplicates(checks: list[RowCheck]) -> dict[int, int]:
    """Fold a repeated person into their first error-free row; the merged line → the line kept."""
    first: dict[PersonKey, RowCheck] = {}
    merged: dict[int, int] = {}
    for check in checks:
        if check.errors:
            continue
        key = check.key()
        kept = first.setdefault(key, check)
        if kept is check:
            continue
        for name, value in check.data.items():
            if value not in (None, "", False) and kept.data.get(name) in (None, "", False):
                kept.data[name] = value
        merged[check.line] = kept.line
        check.warn(
            f"повтор строки {kept.line} (совпадают ФИО и дата рождения): строки объединены, "
            f"пустые значения строки {kept.line} дополнены из этой"
        )
    return merged


def _row(
    check: RowCheck, order: list[str], existing: dict[PersonKey, ExistingPerson], merged: dict[int, int]
) -> dict[str, Any]:
    found = existing.get(check.key())
    return {
        "line": check.line,
        "cells": [cell_text(check.raw(k)) for k in order],
        "data": check.data,
        "match": found.id if found else None,
        "error": bool(check.errors),
        "warning": bool(check.warnings),
        "merged_into": merged.get(check.line),
    }
