"""Building demo people in memory: birth dates that fit a grade, teacher careers, consents.

Used by both scales: the demo saves the objects with history, the region scale with plain
bulk_create. The rules that keep the data honest live here: a child under 14 gets consent
through a parent (152-ФЗ), a student's age matches the grade, a young specialist has 0–3
years of experience and no category.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from nastavnik.demo import catalog
from nastavnik.demo.names import FullName
from nastavnik.people.models import SELF_CONSENT_AGE, Consent, ConsentGiver, Person

YOUNG_SPECIALIST_MAX_YEARS = 3


def student_birth_date(rng: random.Random, start_year: int, grade: int) -> datetime.date:
    """A first-grader of the year starting in September `start_year` was born in `start_year - 7`."""
    year = start_year - 6 - grade
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def college_birth_date(rng: random.Random, start_year: int, course: int) -> datetime.date:
    # Students enter a college after the 9th grade, at about 15.
    return student_birth_date(rng, start_year, 9 + course)


@dataclass(frozen=True)
class Career:
    experience_years: int
    category: str
    birth_date: datetime.date


def teacher_career(rng: random.Random, start_year: int, *, young: bool) -> Career:
    """Experience, category and birth date of a teacher; young specialists have 0–3 years."""
    if young:
        years = rng.randint(0, YOUNG_SPECIALIST_MAX_YEARS)
        category = catalog.CATEGORY_NONE
    else:
        years = rng.randint(6, 32)
        category = catalog.CATEGORY_TOP if years >= 15 and rng.random() < 0.6 else catalog.CATEGORY_FIRST
    age = 22 + years + rng.randint(0, 4)
    birth = datetime.date(start_year - age, 1, 1) + datetime.timedelta(days=rng.randrange(365))
    return Career(years, category, birth)


def adult_birth_date(rng: random.Random, start_year: int, low: int = 28, high: int = 55) -> datetime.date:
    return datetime.date(start_year - rng.randint(low, high), 1, 1) + datetime.timedelta(days=rng.randrange(365))


def phone(rng: random.Random) -> str:
    return f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"


def new_person(name: FullName, birth_date: datetime.date | None, **fields: object) -> Person:
    return Person(
        last_name=name.last_name,
        first_name=name.first_name,
        middle_name=name.middle_name,
        birth_date=birth_date,
        **fields,
    )


def age_on(birth_date: datetime.date | None, day: datetime.date) -> int | None:
    if birth_date is None:
        return None
    return day.year - birth_date.year - int((day.month, day.day) < (birth_date.month, birth_date.day))


def consent_date(rng: random.Random, start_year: int, today: datetime.date) -> datetime.date:
    """A day in the first weeks of the academic year, never in the future."""
    day = datetime.date(start_year, 9, 1) + datetime.timedelta(days=rng.randrange(25))
    return min(day, today)


def build_consent(
    person: Person,
    given_on: datetime.date,
    *,
    guardian: Person | None = None,
    guardian_name: str = "",
    document_number: int | None = None,
) -> Consent:
    """The consent record; under 14 on `given_on` it is given by a parent (152-ФЗ)."""
    age = age_on(person.birth_date, given_on)
    by_parent = age is not None and age < SELF_CONSENT_AGE
    if by_parent and guardian is not None:
        guardian_name = guardian.full_name
    document = f"Согласие № {document_number} от {given_on:%d.%m.%Y}" if document_number else ""
    return Consent(
        person=person,
        given_on=given_on,
        given_by=ConsentGiver.PARENT if by_parent else ConsentGiver.SELF,
        guardian=guardian if by_parent else None,
        guardian_name=guardian_name if by_parent else "",
        document=document,
    )
