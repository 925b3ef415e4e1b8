"""The reserve cycle of «Школа Лидеров образования»: windows from 004 §3.3 and the forward-only moves."""

from __future__ import annotations

import datetime

import pytest

from nastavnik.communities.cycle import in_window, next_stage, steps, window_text


@pytest.mark.parametrize(
    ("stage", "inside", "outside"),
    [
        ("candidates", datetime.date(2026, 9, 15), datetime.date(2026, 11, 1)),
        ("competition", datetime.date(2027, 2, 10), datetime.date(2027, 3, 1)),
        ("diagnostics", datetime.date(2026, 11, 30), datetime.date(2026, 12, 1)),
        ("plans", datetime.date(2026, 12, 7), datetime.date(2027, 1, 10)),
        ("renewal", datetime.date(2027, 3, 31), datetime.date(2027, 4, 1)),
        ("internships", datetime.date(2027, 4, 20), datetime.date(2027, 5, 1)),
    ],
)
def test_each_state_has_the_window_of_the_source(stage: str, inside: datetime.date, outside: datetime.date) -> None:
    assert in_window(stage, inside)
    assert not in_window(stage, outside)


def test_windows_read_in_russian() -> None:
    assert window_text("competition") == "октябрь – февраль"
    assert window_text("internships") == "апрель"


def test_the_cycle_moves_forward_and_stops_when_closed() -> None:
    assert next_stage("candidates") == "competition"
    assert next_stage("internships") == "closed"
    assert next_stage("closed") is None
    assert [s.state for s in steps("diagnostics")][:4] == ["done", "done", "current", "next"]
