"""Speed-meeting schedule for «Mentor Match» group meetings.

Mentors sit at tables (table ``i`` is mentor ``i``), mentees rotate. With
``a`` mentors, ``b`` mentees and ``R = total_minutes // round_minutes``
rounds available, nobody can have more than one meeting per round, so no
schedule has more than ``min(a, b)`` meetings per round, nor more than
``a × b`` distinct pairs in all: at most ``min(R × min(a, b), a × b)``
meetings. This schedule reaches that bound.

Construction (for ``b ≥ a``; the other case swaps the roles of the sides):
give mentor ``i`` the offset ``p_i = ⌊i·b/a⌋`` and in round ``r`` seat mentee
``(p_i + r) mod b`` at table ``i``.

* Within a round the offsets are distinct, so every table gets a different
  mentee and the smaller side never rests.
* Mentor ``i`` meets mentee ``j`` only in the round ``r ≡ j − p_i (mod b)``,
  so over at most ``b`` rounds nobody meets the same person twice, and after
  ``b = max(a, b)`` rounds every pair has met (more rounds are dropped).
* Mentee ``j`` is seated in round ``r`` iff ``(j − r) mod b`` is an offset.
  The offsets ``⌊i·b/a⌋`` form a balanced (Sturmian) set: every run of ``w``
  consecutive positions, cyclically, holds ``⌊w·a/b⌋`` or ``⌈w·a/b⌉`` of them.
  So over any number of rounds the meeting counts — and the break counts — of
  the larger side differ by at most one: breaks are spread fairly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from nastavnik.engines.matching.errors import MatchingInputError


@dataclass(frozen=True, slots=True)
class Round:
    """One round: ``meetings`` are ``(table = mentor index, mentee index)``
    sorted by table; the others of each side are on break."""

    number: int
    start_minute: int
    meetings: tuple[tuple[int, int], ...]
    mentors_on_break: tuple[int, ...]
    mentees_on_break: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Schedule:
    """All rounds of a speed meeting, numbered from 1."""

    n_mentors: int
    n_mentees: int
    round_minutes: int
    rounds: tuple[Round, ...]

    @property
    def meetings_count(self) -> int:
        """Number of meetings over all rounds (all distinct pairs)."""
        return sum(len(round_.meetings) for round_ in self.rounds)


def max_meetings(n_mentors: int, n_mentees: int, n_rounds: int) -> int:
    """Upper bound on distinct meetings in ``n_rounds`` rounds."""
    return min(n_rounds * min(n_mentors, n_mentees), n_mentors * n_mentees)


def schedule(n_mentors: int, n_mentees: int, round_minutes: int, total_minutes: int) -> Schedule:
    """Build a schedule with the most distinct meetings and fair breaks.

    Uses ``min(total_minutes // round_minutes, max(n_mentors, n_mentees))``
    rounds (none when a side is empty). Raises ``MatchingInputError`` for
    negative counts or a non-positive round length.
    """
    _check(n_mentors, n_mentees, round_minutes, total_minutes)
    n_rounds = total_minutes // round_minutes
    if min(n_mentors, n_mentees) == 0:
        n_rounds = 0
    n_rounds = min(n_rounds, max(n_mentors, n_mentees))
    rounds = tuple(_round(r, n_mentors, n_mentees, round_minutes) for r in range(n_rounds))
    return Schedule(n_mentors, n_mentees, round_minutes, rounds)


def _check(n_mentors: int, n_mentees: int, round_minutes: int, total_minutes: int) -> None:
    for name, value in (
        ("n_mentors", n_mentors),
        ("n_mentees", n_mentees),
        ("total_minutes", total_minutes),
    ):
        if value < 0:
            raise MatchingInputError(name, f"отрицательное значение {value}")
    if round_minutes <= 0:
        raise MatchingInputError(
            "round_minutes", f"длительность раунда должна быть положительной, получено {round_minutes}"
        )


def _round(r: int, n_mentors: int, n_mentees: int, round_minutes: int) -> Round:
    if n_mentees >= n_mentors:
        seated = {i: ((i * n_mentees) // n_mentors + r) % n_mentees for i in range(n_mentors)}
    else:
        by_mentee = {j: ((j * n_mentors) // n_mentees + r) % n_mentors for j in range(n_mentees)}
        seated = {table: j for j, table in by_mentee.items()}
    meetings = tuple(sorted(seated.items()))
    busy_mentees = set(seated.values())
    return Round(
        number=r + 1,
        start_minute=r * round_minutes,
        meetings=meetings,
        mentors_on_break=tuple(i for i in range(n_mentors) if i not in seated),
        mentees_on_break=tuple(j for j in range(n_mentees) if j not in busy_mentees),
    )


def render_text(
    plan: Schedule,
    mentor_names: Sequence[str] | None = None,
    mentee_names: Sequence[str] | None = None,
) -> str:
    """Render the schedule as a plain-text table with Russian labels.

    Columns: «Раунд», one «Стол N» per mentor (the mentee seated there, «—»
    when the table is empty) and «Перерыв» (who rests). Without names,
    mentees are shown by number and resting mentors by their table.
    """
    mentors = list(mentor_names or [f"Стол {i + 1}" for i in range(plan.n_mentors)])
    mentees = list(mentee_names or [str(j + 1) for j in range(plan.n_mentees)])
    header = (
        ["Раунд"]
        + [f"Стол {i + 1}" if mentor_names is None else f"Стол {i + 1}: {name}" for i, name in enumerate(mentors)]
        + ["Перерыв"]
    )
    rows = [header] + [_row(round_, plan.n_mentors, mentors, mentees) for round_ in plan.rounds]
    widths = [max(len(row[c]) for row in rows) for c in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _row(round_: Round, n_tables: int, mentors: list[str], mentees: list[str]) -> list[str]:
    at_table = dict(round_.meetings)
    cells = [mentees[at_table[i]] if i in at_table else "—" for i in range(n_tables)]
    resting = [mentors[i] for i in round_.mentors_on_break]
    resting += [mentees[j] for j in round_.mentees_on_break]
    return [str(round_.number), *cells, ", ".join(resting) or "—"]
