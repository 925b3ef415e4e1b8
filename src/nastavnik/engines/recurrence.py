"""Timing rules of a project's activities and their expansion into dated items of one academic year.

Source 004 gives an activity's timing as an exact date («30.09.2021»), a range («ноябрь 2021 –
декабрь 2024»), an annual window («ежегодно, октябрь–февраль») or a frequency («не менее 1 раза
в учебном полугодии», «в течение года», «регулярно»). An academic year runs from 1 September to
31 August; `expand` turns a rule into the items that fall in one such year, each a window
(first day, last day) clipped to the year and to the rule's own span.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from enum import StrEnum

# Months of the academic year in order: September first.
ACADEMIC_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)


class Kind(StrEnum):
    EXACT = "exact"
    RANGE = "range"
    ANNUAL = "annual"
    FREQUENCY = "frequency"


class Period(StrEnum):
    """The period a frequency counts in; `PERIODS` gives the months of each in the academic year."""

    MONTH = "month"
    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"


# Study periods (months, academic order). Quarters and semesters follow the school calendar:
# the summer months belong to no quarter or semester; «раз в год» spans the whole year.
PERIODS: dict[Period, tuple[tuple[int, ...], ...]] = {
    Period.MONTH: tuple((m,) for m in ACADEMIC_MONTHS),
    Period.QUARTER: ((9, 10), (11, 12), (1, 2, 3), (4, 5)),
    Period.SEMESTER: ((9, 10, 11, 12), (1, 2, 3, 4, 5)),
    Period.YEAR: (ACADEMIC_MONTHS,),
}


@dataclass(frozen=True)
class Rule:
    """A timing rule.

    EXACT uses `start`; RANGE uses `start` and `end`; ANNUAL uses `month_from` and `month_to`
    (a window that may cross the new year, such as October–February); FREQUENCY uses `period`
    and `times` (how many items per period). `start`/`end` on ANNUAL and FREQUENCY rules bound the
    years the rule is active (None = unbounded).
    """

    kind: Kind
    start: datetime.date | None = None
    end: datetime.date | None = None
    month_from: int | None = None
    month_to: int | None = None
    period: Period | None = None
    times: int = 1


@dataclass(frozen=True, order=True)
class Occurrence:
    """One dated item: from `start` to `end` inclusive (the due date is `end`)."""

    start: datetime.date
    end: datetime.date


class RuleError(ValueError):
    """The rule lacks what its kind needs; the message is Russian and names the field."""


def year_bounds(start_year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of the academic year starting in September of `start_year`."""
    return datetime.date(start_year, 9, 1), datetime.date(start_year + 1, 8, 31)


def calendar_year_of(month: int, start_year: int) -> int:
    """The calendar year of `month` within the academic year starting in `start_year`."""
    return start_year if month >= 9 else start_year + 1


def month_start(month: int, start_year: int) -> datetime.date:
    return datetime.date(calendar_year_of(month, start_year), month, 1)


def month_end(month: int, start_year: int) -> datetime.date:
    year = calendar_year_of(month, start_year)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def validate(rule: Rule) -> None:
    """Raise RuleError when the rule is incomplete or contradictory."""
    if rule.kind in (Kind.EXACT, Kind.RANGE) and rule.start is None:
        raise RuleError("Укажите дату начала")
    if rule.kind == Kind.RANGE and rule.end is None:
        raise RuleError("Укажите дату окончания")
    if rule.start and rule.end and rule.end < rule.start:
        raise RuleError("Дата окончания раньше даты начала")
    if rule.kind == Kind.ANNUAL:
        for month in (rule.month_from, rule.month_to):
            if month is None or not 1 <= month <= 12:
                raise RuleError("Укажите месяцы окна: от 1 до 12")
    if rule.kind == Kind.FREQUENCY:
        if rule.period is None:
            raise RuleError("Укажите период повторения")
        if not 1 <= rule.times <= 31:
            raise RuleError("Сколько раз за период: от 1 до 31")


def _clip(window: Occurrence, low: datetime.date, high: datetime.date) -> Occurrence | None:
    start, end = max(window.start, low), min(window.end, high)
    return Occurrence(start, end) if start <= end else None


def _annual_windows(rule: Rule, start_year: int) -> list[Occurrence]:
    assert rule.month_from is not None and rule.month_to is not None
    first = ACADEMIC_MONTHS.index(rule.month_from)
    last = ACADEMIC_MONTHS.index(rule.month_to)
    if first <= last:
        return [Occurrence(month_start(rule.month_from, start_year), month_end(rule.month_to, start_year))]
    # A window crossing 31 August (e.g. June–September): its two parts inside this academic year.
    return [
        Occurrence(month_start(9, start_year), month_end(rule.month_to, start_year)),
        Occurrence(month_start(rule.month_from, start_year), month_end(8, start_year)),
    ]


def split(window: Occurrence, parts: int) -> list[Occurrence]:
    """`parts` consecutive sub-windows covering `window` (days shared out as evenly as possible)."""
    days = (window.end - window.start).days + 1
    parts = min(parts, days)
    result = []
    begin = window.start
    for index in range(parts):
        length = days // parts + (1 if index < days % parts else 0)
        finish = begin + datetime.timedelta(days=length - 1)
        result.append(Occurrence(begin, finish))
        begin = finish + datetime.timedelta(days=1)
    return result


def _frequency_windows(rule: Rule, start_year: int) -> list[Occurrence]:
    assert rule.period is not None
    windows = []
    for months in PERIODS[rule.period]:
        period = Occurrence(month_start(months[0], start_year), month_end(months[-1], start_year))
        windows.extend(split(period, rule.times))
    return windows


def _raw_windows(rule: Rule, start_year: int) -> list[Occurrence]:
    if rule.kind == Kind.EXACT:
        assert rule.start is not None
        return [Occurrence(rule.start, rule.start)]
    if rule.kind == Kind.RANGE:
        assert rule.start is not None and rule.end is not None
        return [Occurrence(rule.start, rule.end)]
    if rule.kind == Kind.ANNUAL:
        return _annual_windows(rule, start_year)
    return _frequency_windows(rule, start_year)


def expand(rule: Rule, start_year: int) -> list[Occurrence]:
    """The items of `rule` in the academic year starting in `start_year`, in date order.

    Every item lies inside the academic year and inside the rule's span (`start`..`end` when
    given). An annual window or a frequency period cut by the span is kept as its remaining part.
    """
    validate(rule)
    low, high = year_bounds(start_year)
    if rule.kind in (Kind.ANNUAL, Kind.FREQUENCY):
        low = max(low, rule.start) if rule.start else low
        high = min(high, rule.end) if rule.end else high
    items = [_clip(window, low, high) for window in _raw_windows(rule, start_year)]
    return sorted(item for item in items if item is not None)


def expected_count(rule: Rule, start_year: int) -> int:
    """How many items an unbounded ANNUAL or FREQUENCY rule yields in the academic year `start_year`."""
    if rule.kind == Kind.ANNUAL:
        assert rule.month_from is not None and rule.month_to is not None
        crosses = ACADEMIC_MONTHS.index(rule.month_from) > ACADEMIC_MONTHS.index(rule.month_to)
        return 2 if crosses else 1
    if rule.kind == Kind.FREQUENCY:
        assert rule.period is not None
        total = 0
        for months in PERIODS[rule.period]:
            days = (month_end(months[-1], start_year) - month_start(months[0], start_year)).days + 1
            total += min(rule.times, days)
        return total
    return 1
