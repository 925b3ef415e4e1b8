"""Eligibility: minimum age on the birthday boundary and once per academic year (1 Sep – 31 Aug)."""

from __future__ import annotations

import datetime

import pytest

from nastavnik.engines.instruments.rules import (
    Ineligible,
    academic_year_label,
    academic_year_start,
    age_on,
    check_age,
    check_eligibility,
    check_once_per_year,
)

d = datetime.date


@pytest.mark.parametrize(
    ("min_age", "born", "on", "allowed"),
    [
        (14, d(2010, 5, 10), d(2024, 5, 9), False),
        (14, d(2010, 5, 10), d(2024, 5, 10), True),
        (14, d(2010, 5, 10), d(2024, 5, 11), True),
        (12, d(2012, 9, 1), d(2024, 8, 31), False),
        (12, d(2012, 9, 1), d(2024, 9, 1), True),
        (12, d(2012, 12, 31), d(2024, 12, 31), True),
        (12, d(2012, 12, 31), d(2024, 12, 30), False),
    ],
)
def test_the_age_is_reached_on_the_birthday_itself(
    min_age: int, born: datetime.date, on: datetime.date, allowed: bool
) -> None:
    assert (check_age(min_age, born, on) is None) is allowed


def test_a_too_young_respondent_is_told_the_age_in_russian() -> None:
    assert check_age(14, d(2010, 5, 10), d(2024, 5, 9)) == Ineligible(
        "too_young", "Эта анкета — для тех, кому уже исполнилось 14 лет."
    )
    refusal = check_age(21, d(2010, 1, 1), d(2024, 1, 1))
    assert refusal is not None and refusal.message.endswith("исполнилось 21 год.")


def test_an_unknown_birth_date_is_refused_when_there_is_an_age_limit() -> None:
    refusal = check_age(12, None, d(2024, 5, 9))
    assert refusal is not None and refusal.reason == "age_unknown"
    assert "12 лет" in refusal.message and "дата рождения не указана" in refusal.message


def test_no_age_limit_lets_anyone_answer() -> None:
    assert check_age(None, None, d(2024, 5, 9)) is None


def test_born_on_29_february_turns_a_year_older_on_1_march() -> None:
    assert age_on(d(2008, 2, 29), d(2022, 2, 28)) == 13
    assert age_on(d(2008, 2, 29), d(2022, 3, 1)) == 14
    assert age_on(d(2008, 2, 29), d(2024, 2, 29)) == 16


@pytest.mark.parametrize(
    ("day", "start", "label"),
    [
        (d(2025, 8, 31), 2024, "2024/2025"),
        (d(2025, 9, 1), 2025, "2025/2026"),
        (d(2025, 1, 1), 2024, "2024/2025"),
        (d(2024, 12, 31), 2024, "2024/2025"),
    ],
)
def test_the_academic_year_runs_from_1_september_to_31_august(day: datetime.date, start: int, label: str) -> None:
    assert (academic_year_start(day), academic_year_label(day)) == (start, label)


def test_an_answer_on_31_august_does_not_block_1_september() -> None:
    assert check_once_per_year([d(2025, 8, 31)], d(2025, 9, 1)) is None


def test_an_answer_on_1_september_blocks_the_following_31_august() -> None:
    refusal = check_once_per_year([d(2024, 9, 1)], d(2025, 8, 31))
    assert refusal == Ineligible(
        "already_answered",
        "На эту анкету уже отвечали в 2024/2025 учебном году: её заполняют не чаще одного раза в год.",
    )


def test_answer_datetimes_count_like_dates() -> None:
    assert check_once_per_year([datetime.datetime(2024, 10, 3, 14, 5)], d(2025, 3, 1)) is not None


def test_no_previous_answers_means_eligible() -> None:
    assert check_once_per_year([], d(2025, 3, 1)) is None


def test_eligibility_checks_the_age_first_then_the_year() -> None:
    def check(born: datetime.date) -> Ineligible | None:
        return check_eligibility(
            min_age=14, once_per_year=True, on=d(2025, 3, 1), birth_date=born, previous_answers=[d(2024, 10, 1)]
        )

    too_young, answered = check(d(2012, 1, 1)), check(d(2010, 1, 1))
    assert too_young is not None and too_young.reason == "too_young"
    assert answered is not None and answered.reason == "already_answered"


def test_eligibility_ignores_previous_answers_without_the_yearly_limit() -> None:
    assert (
        check_eligibility(
            min_age=None, once_per_year=False, on=d(2025, 3, 1), birth_date=None, previous_answers=[d(2025, 2, 1)]
        )
        is None
    )
