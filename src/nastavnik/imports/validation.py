"""Row-by-row checks of an import table: clean values or Russian errors naming the line and column.

Plain data in, plain data out: the database facts the checks need (people already in the
organisation, its teachers, its names) come in a `Context` built by `services`, so the
rules read top to bottom and are tested without a request.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nastavnik.imports.cells import (
    CellError,
    cell_text,
    limited,
    normalise,
    parse_consent_giver,
    parse_course,
    parse_date,
    parse_email,
    parse_experience,
    parse_phone,
    parse_school_class,
    parse_yes_no,
)
from nastavnik.imports.columns import CLASS_REQUIRED_KINDS, COLUMNS, Header, Table, header_key
from nastavnik.imports.models import ImportKind
from nastavnik.orgs.models import OrganisationKind
from nastavnik.people.models import SELF_CONSENT_AGE

PersonKey = tuple[str, str, str, str]
NAME_MISSING = "не указано ФИО (Фамилия и Имя обязательны)"
NO_CONSENT_FOR_CONTACTS = "нет согласия на обработку ПДн: контакты хранить нельзя"
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


@dataclass
class Context:
    kind: str
    organisation_kind: str
    organisation_names: set[str]
    existing: dict[PersonKey, ExistingPerson]
    # a name key (see `name_keys`) → ids of the organisation's teachers written that way
    teachers: dict[str, set[int]] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass
class Outcome:
    rows: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    summary: dict[str, Any]


class RowCheck:
    """The checks of one row; collects the clean values in `data` and the errors in `errors`."""

    def __init__(self, line: int, cells: list[Any], header: Header, context: Context) -> None:
        self.line = line
        self.cells = cells
        self.header = header
        self.context = context
        self.data: dict[str, Any] = {}
        self.errors: list[dict[str, Any]] = []

    def raw(self, key: str) -> Any:
        index = self.header.positions.get(key)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def error(self, message: str, key: str | None = None) -> None:
        """«строка 7, столбец «Дата рождения»: …»; a column absent from the file is named as in the template."""
        where, title = f"строка {self.line}", ""
        if key in self.header.titles:
            title = self.header.titles[key]
            where += f", столбец «{title}»"
        elif key is not None:
            message += f" (добавьте в файл столбец «{TITLES[key]}»)"
        self.errors.append({"line": self.line, "column": title, "message": f"{where}: {message}"})

    def parse(self, key: str, parser: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return parser(self.raw(key), *args, **kwargs)
        except CellError as exc:
            self.error(str(exc), key)
            return None

    # -- the rules, in the order a curator reads a row ---------------------------------------------

    def run(self) -> None:
        self.check_names()
        birth = self.parse("birth_date", parse_date, self.context.today)
        self.data["birth_date"] = birth.isoformat() if birth else None
        self.check_organisation()
        if self.context.kind == ImportKind.STUDENTS:
            self.check_class()
            self.check_class_teacher()
        else:
            self.check_staff_fields()
        self.data["email"] = self.parse("email", parse_email) or ""
        self.data["phone"] = self.parse("phone", parse_phone) or ""
        self.check_consent(birth)

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

    def check_class_teacher(self) -> None:
        value = cell_text(self.raw("class_teacher"))
        self.data["class_teacher_id"] = None
        if not value:
            return
        ids = self.context.teachers.get(header_key(value), set())
        if not ids:
            self.error(
                f"«{value}» — классный руководитель не найден среди педагогов организации "
                "(сначала загрузите педагогов или исправьте ФИО)",
                "class_teacher",
            )
        elif len(ids) > 1:
            self.error(
                f"«{value}» — в организации несколько педагогов с таким ФИО: укажите ФИО полностью",
                "class_teacher",
            )
        else:
            self.data["class_teacher_id"] = next(iter(ids))

    def check_staff_fields(self) -> None:
        self.data["position"] = self.parse("position", limited, 200) or ""
        self.data["subjects"] = self.parse("subjects", limited, 300) or ""
        self.data["experience_years"] = self.parse("experience_years", parse_experience)
        self.data["category"] = self.parse("category", limited, 100) or ""

    def check_consent(self, birth: datetime.date | None) -> None:
        consent = self.parse("consent", parse_yes_no)
        self.data["consent"] = bool(consent)
        if consent:
            self.check_consent_details(birth)
        existing = self.context.existing.get(self.key())
        if consent or (existing is not None and existing.has_consent):
            return
        for key in ("email", "phone"):
            if self.data.get(key):
                self.error(NO_CONSENT_FOR_CONTACTS, key)

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


def validate(table: Table, context: Context) -> Outcome:
    """Check every row; a person appearing twice is an error on the second line, naming the first."""
    header = table.header
    order = sorted(header.positions, key=lambda key: header.positions[key])
    rows: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    seen: dict[PersonKey, int] = {}
    will_create = will_update = 0
    for line, cells in table.rows:
        check = RowCheck(line, cells, header, context)
        check.run()
        key = check.key()
        if check.data["last_name"] and check.data["first_name"]:
            if key in seen:
                check.error(f"этот человек уже есть в строке {seen[key]} (совпадают ФИО и дата рождения)")
            else:
                seen[key] = line
        existing = context.existing.get(key)
        if not check.errors:
            will_update += existing is not None
            will_create += existing is None
        errors.extend(check.errors)
        rows.append(
            {
                "line": line,
                "cells": [cell_text(check.raw(k)) for k in order],
                "data": check.data,
                "match": existing.id if existing else None,
                "error": bool(check.errors),
            }
        )
    summary = {
        "rows": len(rows),
        "create": will_create,
        "update": will_update,
        "errors": len(errors),
        "error_rows": sum(row["error"] for row in rows),
        "columns": [header.title(k) for k in order],
        "ignored_columns": header.ignored,
        "header_line": header.line,
    }
    return Outcome(rows=rows, errors=errors, summary=summary)
