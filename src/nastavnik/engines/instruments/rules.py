"""Who may answer an instrument: minimum age and «не чаще одного раза в год».

The academic year runs from 1 September to 31 August; it is named by the year it starts in
(2024 for 2024/2025), like ``orgs.AcademicYear.start_year``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from nastavnik.engines.instruments.schema import plural

Reason: TypeAlias = Literal["age_unknown", "too_young", "already_answered"]


@dataclass(frozen=True, slots=True)
class Ineligible:
    """Why a person may not answer now: a code for the program and a Russian message."""

    reason: Reason
    message: str


def academic_year_start(day: datetime.date) -> int:
    """The year the academic year of ``day`` starts in: 31.08.2025 → 2024, 01.09.2025 → 2025."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(day: datetime.date) -> str:
    """The academic year of ``day`` as Russians write it: «2024/2025»."""
    start = academic_year_start(day)
    return f"{start}/{start + 1}"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years on ``day``: the age changes on the birthday itself (29 Feb → 1 Mar)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _years(n: int) -> str:
    return f"{n} {plural(n, 'год', 'года', 'лет')}"


def check_age(min_age: int | None, birth_date: datetime.date | None, on: datetime.date) -> Ineligible | None:
    """Refuse a person younger than ``min_age`` on ``on``; an unknown birth date is refused too."""
    if min_age is None:
        return None
    if birth_date is None:
        return Ineligible(
            "age_unknown", f"Эта анкета — для тех, кому уже исполнилось {_years(min_age)}, а дата рождения не указана."
        )
    if age_on(birth_date, on) < min_age:
        return Ineligible("too_young", f"Эта анкета — для тех, кому уже исполнилось {_years(min_age)}.")
    return None


def check_once_per_year(previous_answers: Iterable[datetime.date], on: datetime.date) -> Ineligible | None:
    """Refuse a second answer in the academic year of ``on`` (dates or datetimes of earlier answers)."""
    year = academic_year_start(on)
    if any(academic_year_start(answered) == year for answered in previous_answers):
        return Ineligible(
            "already_answered",
            f"На эту анкету уже отвечали в {academic_year_label(on)} учебном году: "
            "её заполняют не чаще одного раза в год.",
        )
    return None


def check_eligibility(
    *,
    min_age: int | None,
    once_per_year: bool,
    on: datetime.date,
    birth_date: datetime.date | None,
    previous_answers: Iterable[datetime.date] = (),
) -> Ineligible | None:
    """The first reason the person may not answer on ``on`` (age, then the yearly limit), or None."""
    refusal = check_age(min_age, birth_date, on)
    if refusal is None and once_per_year:
        refusal = check_once_per_year(previous_answers, on)
    return refusal
