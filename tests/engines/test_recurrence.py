"""The recurrence engine: every item inside the academic year and the window; counts per frequency."""

from __future__ import annotations

import datetime
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.engines.recurrence import (
    ACADEMIC_MONTHS,
    PERIODS,
    Kind,
    Occurrence,
    Period,
    Rule,
    RuleError,
    expand,
    expected_count,
    year_bounds,
)

years = st.integers(min_value=2000, max_value=2100)
months = st.integers(min_value=1, max_value=12)
dates = st.dates(min_value=datetime.date(1999, 1, 1), max_value=datetime.date(2102, 12, 31))


def _in_window(day: datetime.date, first: int, last: int) -> bool:
    """The month of `day` lies in the (possibly year-crossing) window first..last."""
    if first <= last:
        return first <= day.month <= last
    return day.month >= first or day.month <= last


@given(years, months, months)
def test_annual_items_fall_in_the_academic_year_and_the_window(start_year: int, first: int, last: int) -> None:
    rule = Rule(Kind.ANNUAL, month_from=first, month_to=last)
    low, high = year_bounds(start_year)
    items = expand(rule, start_year)
    assert len(items) == expected_count(rule, start_year)
    for item in items:
        assert low <= item.start <= item.end <= high
        assert _in_window(item.start, first, last) and _in_window(item.end, first, last)


@given(years, st.sampled_from(list(Period)), st.integers(min_value=1, max_value=31))
def test_frequency_gives_times_items_per_period_each_inside_its_period(
    start_year: int, period: Period, times: int
) -> None:
    rule = Rule(Kind.FREQUENCY, period=period, times=times)
    low, high = year_bounds(start_year)
    items = expand(rule, start_year)
    assert len(items) == expected_count(rule, start_year)
    periods = PERIODS[period]
    for months_of_period in periods:
        inside = [i for i in items if i.start.month in months_of_period]
        assert 1 <= len(inside) <= times
        assert all(i.end.month in months_of_period for i in inside)
    for item in items:
        assert low <= item.start <= item.end <= high
    # Items never overlap.
    assert all(a.end < b.start for a, b in itertools.pairwise(items))


@given(years, dates, dates)
def test_range_is_clipped_to_the_academic_year(start_year: int, a: datetime.date, b: datetime.date) -> None:
    start, end = min(a, b), max(a, b)
    low, high = year_bounds(start_year)
    items = expand(Rule(Kind.RANGE, start=start, end=end), start_year)
    overlaps = start <= high and end >= low
    assert len(items) == (1 if overlaps else 0)
    for item in items:
        assert item == Occurrence(max(start, low), min(end, high))


@given(years, dates, dates, st.sampled_from(list(Period)))
def test_a_bounded_rule_stays_inside_its_span(
    start_year: int, a: datetime.date, b: datetime.date, period: Period
) -> None:
    start, end = min(a, b), max(a, b)
    for item in expand(Rule(Kind.FREQUENCY, start=start, end=end, period=period), start_year):
        assert start <= item.start <= item.end <= end


@given(years, dates)
def test_an_exact_date_appears_only_in_its_own_academic_year(start_year: int, day: datetime.date) -> None:
    low, high = year_bounds(start_year)
    items = expand(Rule(Kind.EXACT, start=day), start_year)
    assert items == ([Occurrence(day, day)] if low <= day <= high else [])


def test_annually_october_to_february_is_one_window_across_the_new_year() -> None:
    # «Профессиональный конкурс «Управленцы будущего» — ежегодно, октябрь–февраль».
    items = expand(Rule(Kind.ANNUAL, month_from=10, month_to=2), 2026)
    assert items == [Occurrence(datetime.date(2026, 10, 1), datetime.date(2027, 2, 28))]


def test_at_least_once_a_semester_gives_two_items() -> None:
    # «не менее 1 раза в учебном полугодии»
    items = expand(Rule(Kind.FREQUENCY, period=Period.SEMESTER, times=1), 2026)
    assert items == [
        Occurrence(datetime.date(2026, 9, 1), datetime.date(2026, 12, 31)),
        Occurrence(datetime.date(2027, 1, 1), datetime.date(2027, 5, 31)),
    ]


def test_a_window_crossing_the_end_of_august_splits_in_two() -> None:
    items = expand(Rule(Kind.ANNUAL, month_from=6, month_to=9), 2026)
    assert items == [
        Occurrence(datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)),
        Occurrence(datetime.date(2027, 6, 1), datetime.date(2027, 8, 31)),
    ]


def test_monthly_rule_gives_twelve_items() -> None:
    assert len(expand(Rule(Kind.FREQUENCY, period=Period.MONTH), 2026)) == len(ACADEMIC_MONTHS)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Rule(Kind.EXACT), "Укажите дату начала"),
        (Rule(Kind.RANGE, start=datetime.date(2026, 9, 1)), "Укажите дату окончания"),
        (Rule(Kind.ANNUAL, month_from=13, month_to=2), "месяцы"),
        (Rule(Kind.FREQUENCY), "период"),
        (Rule(Kind.RANGE, start=datetime.date(2026, 9, 2), end=datetime.date(2026, 9, 1)), "раньше"),
    ],
)
def test_incomplete_rules_are_refused_with_a_russian_message(rule: Rule, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        expand(rule, 2026)
