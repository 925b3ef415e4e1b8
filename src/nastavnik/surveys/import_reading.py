"""Reading a form export and mapping its columns to the questions (the first steps of ``importing``).

Both services put the question texts in the header row, so the mapping is suggested from it; the
curator checks it. Anonymous campaigns never store the columns that say who answered.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from openpyxl.utils import get_column_letter

from nastavnik.common.text import fold
from nastavnik.engines.instruments.schema import Question
from nastavnik.imports.columns import ImportFileError
from nastavnik.imports.parsing import read_rows
from nastavnik.surveys import engine
from nastavnik.surveys.models import AnswerImport, Campaign

MAPPABLE_TYPES = frozenset({"single", "multiple", "scale", "text", "consent"})
TYPE_NAMES = {
    "single": "один вариант",
    "multiple": "несколько вариантов",
    "scale": "шкала",
    "text": "текст",
    "consent": "согласие",
    "choose_k": "начала фраз",
    "matrix": "таблица",
}
# Prefix and «contains» matches of a header need this many characters: «Да» must not match anything.
MIN_MATCH = 10


# -- the file --------------------------------------------------------------------------------------


@dataclass
class Table:
    """The header of a form export and the rows below it, every cell as text."""

    columns: list[str]
    rows: list[list[Any]]  # [[line, [cell, …]], …]


def cell_value(value: Any) -> str:
    """A cell as text: numbers without «.0», dates in ISO form (readable by ``parse_time``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Да" if value else "Нет"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        # A spreadsheet keeps a time as a fraction of a day: 14:05:33 may come back as 14:05:32.999999.
        return (value + datetime.timedelta(microseconds=500_000)).replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def read_table(name: str, stream: IO[bytes], size: int | None) -> Table:
    """The export's first row is the header (both services write the question texts there)."""
    rows = read_rows(name, stream, size)
    if not rows:
        raise ImportFileError("Файл пустой: в нём нет ни одной заполненной строки.")
    header = [cell_value(cell) for cell in rows[0][1]]
    body: list[list[Any]] = [[line, [cell_value(cell) for cell in cells]] for line, cells in rows[1:]]
    if not body:
        raise ImportFileError(
            "Под строкой заголовков нет ни одной строки с ответами: выгрузите ответы из формы ещё раз."
        )
    width = max(len(header), *(len(cells) for _, cells in rows[1:]))
    return Table(columns=header + [""] * (width - len(header)), rows=body)


def column_label(index: int, title: str) -> str:
    """«C — Я способный человек…»: the letter as in Excel and the header, shortened."""
    return f"{get_column_letter(index + 1)} — {short(title, 80) or 'без заголовка'}"


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def create_batch(
    campaign: Campaign, filename: str, table: Table, user: AbstractBaseUser | AnonymousUser
) -> AnswerImport:
    uploaded_by: Any = user if user.is_authenticated else None
    columns, rows = table.columns, table.rows
    if campaign.anonymous:
        # Names, e-mails and phones of an anonymous campaign's respondents are never stored, not even for a while.
        identity = identity_columns(columns) - set(suggest(campaign, columns).questions.values())
        columns = [
            f"{title} (не сохранён: опрос анонимный)" if i in identity else title for i, title in enumerate(columns)
        ]
        rows = without_columns(rows, identity)
    return AnswerImport.objects.create(
        campaign=campaign,
        filename=filename[:255],
        uploaded_by=uploaded_by,
        columns=columns,
        rows=rows,
        summary={"rows": len(rows)},
    )


def identity_columns(columns: list[str]) -> set[int]:
    """Columns whose header says they hold who answered: ФИО, e-mail, phone."""
    found = set()
    for index, title in enumerate(columns):
        key = header_key(title)
        if key and (key in _IDENTITY_HEADERS or key.startswith(_IDENTITY_HEADERS)):
            found.add(index)
    return found


def without_columns(rows: list[list[Any]], dropped: set[int]) -> list[list[Any]]:
    if not dropped:
        return rows
    return [[line, ["" if i in dropped else cell for i, cell in enumerate(cells)]] for line, cells in rows]


# -- questions and the mapping ---------------------------------------------------------------------


def questions(campaign: Campaign) -> tuple[Question, ...]:
    return engine.instrument(campaign.version.definition).questions


def blockers(campaign: Campaign) -> list[Question]:
    """Required questions that no form can fill: with them, no row could pass the check."""
    return [q for q in questions(campaign) if q.type not in MAPPABLE_TYPES and q.required and q.show_if is None]


@dataclass
class Mapping:
    """Which column holds what; column numbers are 0-based."""

    questions: dict[str, int] = field(default_factory=dict)
    respondent: int | None = None
    time: int | None = None
    # «Класс» of the form: tells apart invited people with the same name
    klass: int | None = None
    # consent questions the form did not ask: every respondent counts as having said «Да»
    consent: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "questions": self.questions,
            "respondent": self.respondent,
            "time": self.time,
            "klass": self.klass,
            "consent": self.consent,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mapping:
        return cls(
            questions={str(k): int(v) for k, v in (data.get("questions") or {}).items()},
            respondent=data.get("respondent"),
            time=data.get("time"),
            klass=data.get("klass"),
            consent=list(data.get("consent") or []),
        )

    def columns(self) -> set[int]:
        return set(self.questions.values()) | {c for c in (self.respondent, self.time, self.klass) if c is not None}


def header_key(text: str) -> str:
    """How headers and question texts are compared: lower case, ё = е, no punctuation."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).replace("_", " ").split())


_RESPONDENT_HEADERS = (
    "фио",
    "ф и о",
    "фамилия",
    "ваше фио",
    "ваша фамилия",
    "ваши фамилия",
    "ваше имя и фамилия",
    "имя и фамилия",
    "имя фамилия",
    "укажите фио",
    "укажите ваши фамилию",
    "укажите фамилию",
)
_EMAIL_HEADERS = ("email", "e mail", "адрес электронной почты", "электронная почта", "эл почта", "почта")
_IDENTITY_HEADERS = (*_RESPONDENT_HEADERS, *_EMAIL_HEADERS, "имя", "телефон", "номер телефона", "respondent")
_CLASS_HEADERS = ("класс", "ваш класс", "класс группа", "кл", "в каком классе вы учитесь", "укажите ваш класс")
_TIME_HEADERS = (
    "отметка времени",
    "timestamp",
    "время создания",
    "время ответа",
    "время заполнения",
    "дата и время",
    "дата заполнения",
    "дата ответа",
)


def _question_rules(question: Question) -> list[Callable[[str], bool]]:
    text = header_key(question.text)

    def near(key: str, test: Callable[[str, str], bool]) -> bool:
        shorter = min(len(key), len(text))
        return shorter >= MIN_MATCH and (test(key, text) or test(text, key))

    return [
        lambda key: key == question.id.replace("_", " "),  # q1…q21 of a hand-made table
        lambda key: key == text,
        lambda key: near(key, str.startswith),
        lambda key: near(key, str.__contains__),
    ]


def suggest(campaign: Campaign, columns: list[str]) -> Mapping:
    """The columns whose header is the question text (exact, then prefix, then «contains»)."""
    keys = [header_key(title) for title in columns]
    mappable = [q for q in questions(campaign) if q.type in MAPPABLE_TYPES]
    rules = {q.id: _question_rules(q) for q in mappable}
    mapping = Mapping()
    taken: set[int] = set()
    for level in range(4):
        for question in mappable:
            if question.id in mapping.questions:
                continue
            for index, key in enumerate(keys):
                if index not in taken and key and rules[question.id][level](key):
                    mapping.questions[question.id] = index
                    taken.add(index)
                    break

    def first(prefixes: tuple[str, ...]) -> int | None:
        for index, key in enumerate(keys):
            if index not in taken and key and (key in prefixes or key.startswith(prefixes)):
                taken.add(index)
                return index
        return None

    mapping.time = first(_TIME_HEADERS)
    if not campaign.anonymous:
        mapping.respondent = first(("respondent", "участник", *_RESPONDENT_HEADERS))
        if mapping.respondent is None:
            mapping.respondent = first(_EMAIL_HEADERS)
        mapping.klass = next((i for i, key in enumerate(keys) if i not in taken and key in _CLASS_HEADERS), None)
    return mapping
