"""The annual cycle of «Школа Лидеров образования» (004 §3.3, циклограмма): states, their windows, moves.

Windows are months of the academic year that starts in September; several overlap in the source
(the competition runs October–February while the diagnostics run October–November). The cycle moves
forward one state at a time; moving is allowed at any date, the page only warns outside the window.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nastavnik.communities.models_reserve import ReserveStage

MONTHS = ("", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
          "ноябрь", "декабрь")  # fmt: skip

# State -> (first month, last month) of its window, from the source's «Сроки реализации».
WINDOWS: dict[str, tuple[int, int]] = {
    ReserveStage.CANDIDATES: (9, 10),
    ReserveStage.COMPETITION: (10, 2),
    ReserveStage.DIAGNOSTICS: (10, 11),
    ReserveStage.PLANS: (11, 12),
    ReserveStage.RENEWAL: (12, 3),
    ReserveStage.INTERNSHIPS: (4, 4),
}
ORDER: tuple[str, ...] = tuple(ReserveStage.values)


@dataclass(frozen=True)
class Step:
    stage: str
    label: str
    window: str
    state: str  # done | current | next


def _school_month(month: int) -> int:
    """September is 1, August is 12: windows never wrap inside one academic year."""
    return (month - 9) % 12 + 1


def in_window(stage: str, day: datetime.date) -> bool:
    """Whether `day` falls in the months of the stage's window (the closed state has none)."""
    if stage not in WINDOWS:
        return False
    first, last = (_school_month(m) for m in WINDOWS[stage])
    return first <= _school_month(day.month) <= last


def window_text(stage: str) -> str:
    if stage not in WINDOWS:
        return ""
    first, last = WINDOWS[stage]
    return MONTHS[first] if first == last else f"{MONTHS[first]} – {MONTHS[last]}"


def next_stage(stage: str) -> str | None:
    """The following state, or None after the last one."""
    index = ORDER.index(stage)
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def steps(current: str) -> list[Step]:
    position = ORDER.index(current)
    return [
        Step(stage, ReserveStage(stage).label, window_text(stage), _state(i, position))
        for i, stage in enumerate(ORDER)
        if stage != ReserveStage.CLOSED
    ]


def _state(index: int, position: int) -> str:
    if index < position:
        return "done"
    return "current" if index == position else "next"
