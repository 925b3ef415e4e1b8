"""Speed-meeting schedule: no repeats, the most meetings, fair breaks."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.engines.matching import MatchingInputError, render_text, schedule
from nastavnik.engines.matching.speed_meeting import Schedule, max_meetings


def meetings(plan: Schedule) -> list[tuple[int, int]]:
    return [pair for round_ in plan.rounds for pair in round_.meetings]


def test_three_mentors_five_mentees_example() -> None:
    plan = schedule(3, 5, round_minutes=10, total_minutes=60)
    # 6 rounds fit, but after 5 everyone has met everyone.
    assert len(plan.rounds) == 5
    assert plan.meetings_count == 15
    assert [r.meetings for r in plan.rounds[:2]] == [
        ((0, 0), (1, 1), (2, 3)),
        ((0, 1), (1, 2), (2, 4)),
    ]
    assert plan.rounds[0].mentees_on_break == (2, 4)
    assert [r.start_minute for r in plan.rounds] == [0, 10, 20, 30, 40]


def test_equal_sides_have_no_breaks() -> None:
    plan = schedule(4, 4, 5, 20)
    assert plan.meetings_count == 16
    assert all(not r.mentors_on_break and not r.mentees_on_break for r in plan.rounds)


def test_more_mentors_than_mentees_leaves_tables_empty_in_turn() -> None:
    plan = schedule(4, 2, 10, 30)
    assert [r.mentors_on_break for r in plan.rounds] == [(1, 3), (0, 2), (1, 3)]
    assert plan.meetings_count == 6


def test_short_time_limits_the_rounds() -> None:
    plan = schedule(5, 5, round_minutes=7, total_minutes=20)
    assert len(plan.rounds) == 2 and plan.meetings_count == 10


def test_empty_side_gives_no_rounds() -> None:
    assert schedule(0, 5, 10, 60).rounds == ()
    assert schedule(3, 0, 10, 60).rounds == ()


@pytest.mark.parametrize(
    ("arguments", "where"),
    [((-1, 2, 5, 10), "n_mentors"), ((1, 2, 0, 10), "round_minutes"), ((1, 2, 5, -1), "total_minutes")],
)
def test_bad_arguments_are_rejected(arguments: tuple[int, int, int, int], where: str) -> None:
    with pytest.raises(MatchingInputError) as caught:
        schedule(*arguments)
    assert caught.value.where == where


@settings(max_examples=300)
@given(st.integers(0, 14), st.integers(0, 14), st.integers(1, 15), st.integers(0, 240))
def test_schedule_properties(n_mentors: int, n_mentees: int, round_minutes: int, total: int) -> None:
    plan = schedule(n_mentors, n_mentees, round_minutes, total)
    available = total // round_minutes
    # Nobody meets the same person twice.
    pairs = meetings(plan)
    assert len(pairs) == len(set(pairs))
    # Each round: everybody at most once, breaks are exactly the others.
    for round_ in plan.rounds:
        tables = [t for t, _ in round_.meetings]
        seated = [e for _, e in round_.meetings]
        assert len(set(tables)) == len(tables) and len(set(seated)) == len(seated)
        assert sorted(tables + list(round_.mentors_on_break)) == list(range(n_mentors))
        assert sorted(seated + list(round_.mentees_on_break)) == list(range(n_mentees))
    # Maximal: each round holds at most min(a, b) meetings and there are at
    # most a·b distinct pairs, so no schedule beats max_meetings; we reach it.
    assert len(plan.rounds) <= available
    assert plan.meetings_count == max_meetings(n_mentors, n_mentees, available)
    # Fair: break counts differ by at most one; the smaller side never rests.
    for attribute, people in (("mentors_on_break", n_mentors), ("mentees_on_break", n_mentees)):
        breaks = Counter(k for r in plan.rounds for k in getattr(r, attribute))
        counts = [breaks[k] for k in range(people)]
        assert not counts or max(counts) - min(counts) <= 1
    smaller = "mentors_on_break" if n_mentors <= n_mentees else "mentees_on_break"
    assert all(not getattr(r, smaller) for r in plan.rounds)


@pytest.mark.parametrize(("n_mentors", "n_mentees", "rounds"), [(3, 10, 4), (7, 3, 5), (6, 20, 7)])
def test_breaks_are_fair_for_every_prefix_of_rounds(n_mentors: int, n_mentees: int, rounds: int) -> None:
    plan = schedule(n_mentors, n_mentees, 1, rounds)
    larger = max(n_mentors, n_mentees)
    for prefix in range(1, len(plan.rounds) + 1):
        seated = Counter((t if n_mentors > n_mentees else e) for r in plan.rounds[:prefix] for t, e in r.meetings)
        counts = [seated.get(k, 0) for k in range(larger)]
        assert max(counts) - min(counts) <= 1


def test_render_text_uses_russian_labels_and_names() -> None:
    plan = schedule(2, 3, 10, 30)
    text = render_text(plan, ["Иванова", "Петров"], ["Аня", "Боря", "Вика"])
    lines = text.splitlines()
    assert lines[0].split(" | ") == ["Раунд", "Стол 1: Иванова", "Стол 2: Петров", "Перерыв"]
    assert lines[2].split()[0] == "1"
    assert len(lines) == 2 + 3
    plain = render_text(schedule(3, 2, 10, 30))
    assert "Стол 3" in plain and "Перерыв" in plain and "—" in plain
