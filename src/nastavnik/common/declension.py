"""Names and dates in the grammar of official documents (declension by the petrovich rules).

An order says «Назначить куратором Гаврилову Д. В.» (accusative) and «Куратору Гавриловой Д. В.
организовать…» (dative); its heading date reads «01 октября 2026 г.». The grammatical gender
comes from the patronymic (-вна/-чна/-кызы → female, -ич/-оглы → male); without one the
surname's ending decides (-ова/-ева/-ина/-ая → female).
"""

from __future__ import annotations

import datetime
from typing import Any

from petrovich.enums import Case, Gender
from petrovich.main import Petrovich

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
CASES = {"accusative": Case.ACCUSATIVE, "dative": Case.DATIVE, "genitive": Case.GENITIVE}
_PETROVICH = Petrovich()
# Surnames that never change («Черных», «Шевченко», «Дурново»); the rules miss some of them.
INDECLINABLE_ENDINGS = ("ых", "их", "о", "е", "и", "у", "ю", "э")


def long_date(day: datetime.date | None) -> str:
    """«01 октября 2026 г.» — the style of an order's heading and period; empty for no date."""
    if day is None:
        return ""
    return f"{day.day:02d} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def gender_of(last_name: str, middle_name: str = "") -> Gender:
    middle = middle_name.strip().lower()
    if middle.endswith(("вна", "чна", "кызы", "гызы")):
        return Gender.FEMALE
    if middle.endswith(("ич", "оглы", "улы")):
        return Gender.MALE
    if last_name.strip().lower().endswith(("ова", "ева", "ёва", "ина", "ына", "ая", "цкая", "ская")):
        return Gender.FEMALE
    return Gender.MALE


def declined_short_name(person: Any, case: str) -> str:
    """«Гаврилову Д. В.»: the surname in `case`, initials unchanged."""
    if person is None:
        return ""
    last_name = str(person.last_name)
    gender = gender_of(last_name, str(person.middle_name or ""))
    # Double surnames are declined part by part («Петрова-Водкина»).
    declined = "-".join(_declined_surname(part, case, gender) for part in last_name.split("-"))
    initials = "".join(f"{part[0]}. " for part in (person.first_name, person.middle_name) if part)
    return f"{declined} {initials}".strip()


def _declined_surname(surname: str, case: str, gender: Gender) -> str:
    if surname.lower().endswith(INDECLINABLE_ENDINGS):
        return surname
    return str(_PETROVICH.lastname(surname, CASES[case], gender))


def accusative_position(position: str) -> str:
    """«заместитель директора по УВР» → «заместителя директора по УВР» (the head noun only)."""
    head, _, rest = position.partition(" ")
    if head.lower().endswith("ь"):
        head = head[:-1] + "я"
    elif head.lower().endswith(("ор", "ст", "ог", "ер")):
        head += "а"
    return f"{head} {rest}".strip()


def sentence(text: str) -> str:
    """End with exactly one full stop: «… Гаврилову Д. В.» stays, «… оставляю за собой» gets one."""
    text = text.strip()
    return text if text.endswith(".") else f"{text}."


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
