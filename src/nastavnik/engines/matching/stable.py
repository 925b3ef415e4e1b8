"""Stable matching with capacities: mentee-proposing deferred acceptance.

This is the hospitals/residents problem (Gale–Shapley with capacities,
Roth 1984): mentees propose in order of their preference lists, each mentor
holds the best ``capacity`` proposals so far and rejects the rest. The result
is the mentee-optimal stable matching: no mentee and mentor would both rather
be together than with what they got, and every mentee gets the best mentor
they can have in any stable matching.

Rules:

* A pair can form only if both sides list each other ("mutual choice").
* Forbidden pairs never form; locked pairs are placed first (they reduce the
  mentor's capacity and take the mentee out); stability then holds among the
  remaining people. A locked pair need not be listed by either side.
* Preference lists must name known ids, each at most once.

Complexity: O(P log C) for P listed preferences and capacity C, using one
rank dictionary per mentor and a heap of held mentees (worst on top).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from nastavnik.engines.matching.errors import MatchingInputError, quote
from nastavnik.engines.matching.model import (
    MENTEE,
    MENTOR,
    Link,
    Pair,
    Result,
    check_capacities,
    index_ids,
    lookup,
)


@dataclass(frozen=True, slots=True)
class StableMentor:
    """A mentor with a capacity and a preference list of mentee ids, best first."""

    id: str
    capacity: int
    prefs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StableMentee:
    """A mentee with a preference list of mentor ids, best first."""

    id: str
    prefs: tuple[str, ...] = ()


@dataclass(slots=True)
class _Problem:
    """Indexed input: ranks per mentor, filtered lists per mentee, locks."""

    mentor_rank: list[dict[int, int]]
    mentee_rank: list[dict[int, int]]
    mentee_prefs: list[list[int]]
    residual: list[int]
    locked: list[tuple[int, int]]


def solve_stable(
    mentors: Sequence[StableMentor],
    mentees: Sequence[StableMentee],
    locked: Sequence[Link] = (),
    forbidden: Sequence[Link] = (),
) -> Result:
    """Return the mentee-optimal stable matching.

    Pairs carry ``mentee_rank``/``mentor_rank`` (1 = first choice) and no
    score; ``total_score`` is 0. Raises ``MatchingInputError`` naming the bad
    element for duplicate ids, negative capacities, unknown or repeated ids in
    preference lists and infeasible locks.
    """
    problem = _index(mentors, mentees, locked, forbidden)
    held = _defer_acceptance(problem)
    found = [(m, e) for m, heap in enumerate(held) for _, e in heap]
    return _result(mentors, mentees, problem, problem.locked + found)


def _index(
    mentors: Sequence[StableMentor],
    mentees: Sequence[StableMentee],
    locked: Sequence[Link],
    forbidden: Sequence[Link],
) -> _Problem:
    mentor_index = index_ids((mentor.id for mentor in mentors), "mentors")
    mentee_index = index_ids((mentee.id for mentee in mentees), "mentees")
    check_capacities([mentor.capacity for mentor in mentors])
    mentor_rank = [_ranks(mentor.prefs, mentee_index, f"mentors[{i}]", MENTEE) for i, mentor in enumerate(mentors)]
    mentee_rank = [_ranks(mentee.prefs, mentor_index, f"mentees[{j}]", MENTOR) for j, mentee in enumerate(mentees)]
    banned = _forbidden_pairs(forbidden, mentor_index, mentee_index)
    fixed = _check_locks(locked, mentors, mentor_index, mentee_index, banned)
    residual = [mentor.capacity for mentor in mentors]
    for m, _ in fixed:
        residual[m] -= 1
    taken = {e for _, e in fixed}
    prefs = [
        [] if j in taken else _acceptable(ranks, j, mentor_rank, residual, banned)
        for j, ranks in enumerate(mentee_rank)
    ]
    return _Problem(mentor_rank, mentee_rank, prefs, residual, fixed)


def _ranks(prefs: Sequence[str], index: dict[str, int], where: str, role: str) -> dict[int, int]:
    """Position (0-based) of each listed id; unknown or repeated ids are errors."""
    ranks: dict[int, int] = {}
    for rank, item in enumerate(prefs):
        position = lookup(index, item, f"{where}.prefs[{rank}]", role)
        first = ranks.setdefault(position, rank)
        if first != rank:
            raise MatchingInputError(f"{where}.prefs[{rank}]", f"{role} {quote(item)} уже указан в prefs[{first}]")
    return ranks


def _acceptable(
    ranks: dict[int, int],
    mentee: int,
    mentor_rank: list[dict[int, int]],
    residual: list[int],
    banned: dict[tuple[int, int], int],
) -> list[int]:
    """The mentee's list kept to mentors who list them back and may take them."""
    return [
        m
        for m in ranks  # dicts keep insertion order: best first
        if mentee in mentor_rank[m] and residual[m] > 0 and (m, mentee) not in banned
    ]


def _forbidden_pairs(
    forbidden: Sequence[Link], mentor_index: dict[str, int], mentee_index: dict[str, int]
) -> dict[tuple[int, int], int]:
    banned: dict[tuple[int, int], int] = {}
    for position, link in enumerate(forbidden):
        where = f"forbidden[{position}]"
        pair = (
            lookup(mentor_index, link.mentor, where, MENTOR),
            lookup(mentee_index, link.mentee, where, MENTEE),
        )
        banned.setdefault(pair, position)
    return banned


def _check_locks(
    locked: Sequence[Link],
    mentors: Sequence[StableMentor],
    mentor_index: dict[str, int],
    mentee_index: dict[str, int],
    banned: dict[tuple[int, int], int],
) -> list[tuple[int, int]]:
    """Validate locked pairs exactly as the optimal engine does."""
    fixed: list[tuple[int, int]] = []
    locked_at: dict[int, int] = {}
    load = [0] * len(mentors)
    for position, link in enumerate(locked):
        where = f"locked[{position}]"
        m = lookup(mentor_index, link.mentor, where, MENTOR)
        e = lookup(mentee_index, link.mentee, where, MENTEE)
        if (m, e) in banned:
            raise MatchingInputError(
                where,
                f"пара {quote(link.mentor)} – {quote(link.mentee)} запрещена (forbidden[{banned[m, e]}])",
            )
        first = locked_at.setdefault(e, position)
        if first != position:
            raise MatchingInputError(where, f"наставляемый {quote(link.mentee)} уже закреплён в locked[{first}]")
        load[m] += 1
        if load[m] > mentors[m].capacity:
            raise MatchingInputError(
                where,
                f"закреплённых пар у наставника {quote(link.mentor)} больше, чем его вместимость {mentors[m].capacity}",
            )
        fixed.append((m, e))
    return fixed


def _defer_acceptance(problem: _Problem) -> list[list[tuple[int, int]]]:
    """Mentee-proposing deferred acceptance.

    Returns, per mentor, a heap of ``(-rank, mentee)`` for the held mentees:
    the worst held mentee is on top, so a better proposal replaces it in
    O(log capacity).
    """
    held: list[list[tuple[int, int]]] = [[] for _ in problem.residual]
    next_choice = [0] * len(problem.mentee_prefs)
    free = list(range(len(problem.mentee_prefs) - 1, -1, -1))
    while free:
        mentee = free.pop()
        rejected = _propose(mentee, problem, held, next_choice)
        if rejected is not None:
            free.append(rejected)
    return held


def _propose(
    mentee: int,
    problem: _Problem,
    held: list[list[tuple[int, int]]],
    next_choice: list[int],
) -> int | None:
    """Let ``mentee`` propose down their list until held; return who got rejected.

    Returns ``None`` when nobody is left free by this step (the mentee was
    held by a mentor with room, or ran out of choices).
    """
    prefs = problem.mentee_prefs[mentee]
    while next_choice[mentee] < len(prefs):
        mentor = prefs[next_choice[mentee]]
        next_choice[mentee] += 1
        rank = problem.mentor_rank[mentor][mentee]
        heap = held[mentor]
        if len(heap) < problem.residual[mentor]:
            heapq.heappush(heap, (-rank, mentee))
            return None
        if -heap[0][0] > rank:
            return heapq.heapreplace(heap, (-rank, mentee))[1]
    return None


def _result(
    mentors: Sequence[StableMentor],
    mentees: Sequence[StableMentee],
    problem: _Problem,
    pairs: list[tuple[int, int]],
) -> Result:
    pairs.sort()
    matched = {e for _, e in pairs}
    return Result(
        pairs=tuple(_pair(mentors, mentees, problem, m, e) for m, e in pairs),
        unmatched=tuple(mentee.id for j, mentee in enumerate(mentees) if j not in matched),
        total_score=0.0,
    )


def _pair(
    mentors: Sequence[StableMentor],
    mentees: Sequence[StableMentee],
    problem: _Problem,
    mentor: int,
    mentee: int,
) -> Pair:
    """A pair with 1-based ranks; ``None`` where a locked pair was not listed."""
    mentee_rank = problem.mentee_rank[mentee].get(mentor)
    mentor_rank = problem.mentor_rank[mentor].get(mentee)
    return Pair(
        mentor=mentors[mentor].id,
        mentee=mentees[mentee].id,
        score=None,
        mentee_rank=None if mentee_rank is None else mentee_rank + 1,
        mentor_rank=None if mentor_rank is None else mentor_rank + 1,
    )
