"""Optimal assignment of mentees to mentors under capacities (min-cost flow).

The problem is a bipartite b-matching: each mentee gets at most one mentor,
each mentor at most ``capacity`` mentees, only listed edges may be used,
forbidden edges never, locked pairs always. The default policy is the
contract of ``nastavnik match``: maximise the number of matched mentees first
and the total score second, exactly.

How the lexicographic objective is solved. The flow network is
``source → mentor (residual capacity) → mentee (1, cost = −score) → sink (1)``.
OR-Tools' ``solve_max_flow_with_min_cost`` first computes the maximum flow
(= the maximum number of matched mentees) and then, among flows of that value,
one of minimum cost (= maximum total score). This is the same optimum as the
classic big-M cost ``−(BIG + score)`` with ``BIG`` above any total score, but
without multiplying costs by ``BIG``: the costs stay small, so the solver's
internal scaling by (number of nodes + 1) cannot overflow even at region size.

Precision. Scores are floats; the solver needs integers, so each score is
multiplied by ``SCORE_SCALE`` (1000) and rounded. The result is exactly
optimal for scores with at most three decimals; otherwise it is optimal for
the rounded scores, i.e. within ``0.0005 × matched`` of the true optimum.
Reported scores and ``total_score`` use the original (unrounded) values.
Scores must be finite and within ±``MAX_ABS_SCORE``.

Decisions the specification leaves open:

* A locked pair need not be among the edges. If it is, its (maximum) edge
  score is reported; if not, its score is 0.
* A locked pair that is forbidden, names an unknown id, locks a mentee twice
  or exceeds the mentor's capacity raises ``MatchingInputError``.
* Duplicate edges are allowed; the highest score counts.
* Duplicate forbidden pairs are harmless; unknown ids anywhere are errors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

from nastavnik.engines.matching.errors import MatchingInputError, SolverError, quote
from nastavnik.engines.matching.model import (
    MENTEE,
    MENTOR,
    Edge,
    EdgeColumns,
    Link,
    Mentor,
    Pair,
    Result,
    check_capacities,
    check_finite,
    index_ids,
    lookup,
)

SCORE_SCALE = 1000
MAX_ABS_SCORE = 1_000_000.0
TOTAL_DECIMALS = 9

Policy = Literal["max_matched", "max_score"]
POLICIES: tuple[Policy, ...] = ("max_matched", "max_score")

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class _Locks:
    """Validated locked pairs: their keys, counts per mentor, locked mentees."""

    keys: Ints
    per_mentor: Ints
    mentee_locked: npt.NDArray[np.bool_]


def solve_optimal(
    mentors: Sequence[Mentor],
    mentees: Sequence[str],
    edges: Sequence[Edge],
    locked: Sequence[Link] = (),
    forbidden: Sequence[Link] = (),
    *,
    policy: Policy = "max_matched",
) -> Result:
    """Assign mentees to mentors optimally.

    ``policy="max_matched"`` (the default and the command's contract)
    maximises the number of matched mentees, then the total score.
    ``policy="max_score"`` maximises the total score alone (a pair with a
    negative score is never used; among equal scores more pairs win).

    Raises ``MatchingInputError`` naming the bad element for duplicate ids,
    negative capacities, unknown ids, bad scores and infeasible locks.
    """
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; expected one of {POLICIES}")
    mentor_index = index_ids((mentor.id for mentor in mentors), "mentors")
    mentee_index = index_ids(mentees, "mentees")
    capacity = _capacities(mentors)
    width = max(len(mentees), 1)  # pair key = mentor * width + mentee
    keys, scores = _edge_arrays(edges, mentor_index, mentee_index, width)
    forbidden_at = _forbidden_positions(forbidden, mentor_index, mentee_index, width)
    locks = _check_locks(locked, mentors, mentor_index, mentee_index, forbidden_at, width)
    keys, scores = _best_per_pair(keys, scores)
    residual = capacity - locks.per_mentor
    usable = _usable_edges(keys, scores, forbidden_at, locks, residual, width, policy)
    chosen = _solve_flow(keys[usable], scores[usable], residual, width, policy)
    pair_keys = np.concatenate([locks.keys, chosen])
    pair_scores = np.concatenate([_scores_of(locks.keys, keys, scores), _scores_of(chosen, keys, scores)])
    return _result(mentors, mentees, pair_keys // width, pair_keys % width, pair_scores)


def _capacities(mentors: Sequence[Mentor]) -> Ints:
    capacities = [mentor.capacity for mentor in mentors]
    check_capacities(capacities)
    return np.asarray(capacities, dtype=np.int64).reshape(len(capacities))


def _edge_arrays(
    edges: Sequence[Edge],
    mentor_index: dict[str, int],
    mentee_index: dict[str, int],
    width: int,
) -> tuple[Ints, Floats]:
    """Edges as pair keys (``mentor * width + mentee``) and scores."""
    columns = edges if isinstance(edges, EdgeColumns) else None
    mentor_ids = columns.mentor if columns is not None else [e.mentor for e in edges]
    mentee_ids = columns.mentee if columns is not None else [e.mentee for e in edges]
    mentor, mentee = _positions(mentor_ids, mentor_index), _positions(mentee_ids, mentee_index)
    unknown = (mentor < 0) | (mentee < 0)
    if unknown.any():
        bad = int(np.argmax(unknown))  # the first bad edge
        lookup(mentor_index, mentor_ids[bad], f"edges[{bad}]", MENTOR)
        lookup(mentee_index, mentee_ids[bad], f"edges[{bad}]", MENTEE)
    scores = _edge_scores(columns.score if columns is not None else [e.score for e in edges])
    return mentor * width + mentee, scores


def _positions(ids: list[str], index: dict[str, int]) -> Ints:
    """Position of each id in ``index``; -1 for an unknown id."""
    try:
        return np.fromiter(map(index.__getitem__, ids), np.int64, len(ids))
    except KeyError:
        return np.fromiter((index.get(i, -1) for i in ids), np.int64, len(ids))


def _edge_scores(values: list[float]) -> Floats:
    try:
        scores = np.fromiter(values, np.float64, len(values))
    except (TypeError, ValueError):
        for position, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise MatchingInputError(f"edges[{position}].score", f"ожидается число, получено {value!r}") from None
        raise
    bad = ~np.isfinite(scores) | (np.abs(scores) > MAX_ABS_SCORE)
    if bad.any():
        position = int(np.argmax(bad))
        check_finite(float(scores[position]), f"edges[{position}].score", MAX_ABS_SCORE)
    return scores


def _forbidden_positions(
    forbidden: Sequence[Link],
    mentor_index: dict[str, int],
    mentee_index: dict[str, int],
    width: int,
) -> dict[int, int]:
    """Key of each forbidden pair → position of its first mention."""
    positions: dict[int, int] = {}
    for position, link in enumerate(forbidden):
        where = f"forbidden[{position}]"
        mentor = lookup(mentor_index, link.mentor, where, MENTOR)
        mentee = lookup(mentee_index, link.mentee, where, MENTEE)
        positions.setdefault(mentor * width + mentee, position)
    return positions


def _check_locks(
    locked: Sequence[Link],
    mentors: Sequence[Mentor],
    mentor_index: dict[str, int],
    mentee_index: dict[str, int],
    forbidden_at: dict[int, int],
    width: int,
) -> _Locks:
    """Validate locked pairs: known ids, not forbidden, one lock per mentee,
    no mentor locked beyond capacity."""
    per_mentor = np.zeros(len(mentors), dtype=np.int64)
    mentee_locked = np.zeros(width, dtype=np.bool_)
    locked_at: dict[int, int] = {}
    lock_keys: list[int] = []
    for position, link in enumerate(locked):
        where = f"locked[{position}]"
        mentor = lookup(mentor_index, link.mentor, where, MENTOR)
        mentee = lookup(mentee_index, link.mentee, where, MENTEE)
        key = mentor * width + mentee
        if key in forbidden_at:
            raise MatchingInputError(
                where,
                f"пара {quote(link.mentor)} – {quote(link.mentee)} запрещена (forbidden[{forbidden_at[key]}])",
            )
        first = locked_at.setdefault(mentee, position)
        if first != position:
            raise MatchingInputError(where, f"наставляемый {quote(link.mentee)} уже закреплён в locked[{first}]")
        per_mentor[mentor] += 1
        if per_mentor[mentor] > mentors[mentor].capacity:
            raise MatchingInputError(
                where,
                f"закреплённых пар у наставника {quote(link.mentor)} больше, "
                f"чем его вместимость {mentors[mentor].capacity}",
            )
        mentee_locked[mentee] = True
        lock_keys.append(key)
    return _Locks(np.asarray(lock_keys, dtype=np.int64), per_mentor, mentee_locked)


def _best_per_pair(keys: Ints, scores: Floats) -> tuple[Ints, Floats]:
    """Deduplicate edges, keeping the highest score; result sorted by key."""
    order = np.argsort(keys, kind="stable")
    if len(keys) < 2 or bool((keys[order[1:]] != keys[order[:-1]]).all()):
        return keys[order], scores[order]  # no duplicates: the usual case, one sort instead of two
    order = np.lexsort((-scores, keys))
    keys, scores = keys[order], scores[order]
    first = np.ones(len(keys), dtype=np.bool_)
    first[1:] = keys[1:] != keys[:-1]
    return keys[first], scores[first]


def _scores_of(wanted: Ints, keys: Ints, scores: Floats) -> Floats:
    """Score of each wanted key among sorted ``keys``; 0 when absent."""
    if len(keys) == 0:
        return np.zeros(len(wanted), dtype=np.float64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, scores[at], 0.0)


def _usable_edges(
    keys: Ints,
    scores: Floats,
    forbidden_at: dict[int, int],
    locks: _Locks,
    residual: Ints,
    width: int,
    policy: Policy,
) -> npt.NDArray[np.bool_]:
    """Edges the solver may still choose."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.bool_)
    forbidden_keys = np.fromiter(forbidden_at, np.int64, len(forbidden_at))
    usable = ~np.isin(keys, forbidden_keys)
    usable &= ~locks.mentee_locked[keys % width]
    usable &= residual[keys // width] > 0
    if policy == "max_score":
        usable &= scores >= 0
    return usable


def _solve_flow(keys: Ints, scores: Floats, residual: Ints, width: int, policy: Policy) -> Ints:
    """Run the min-cost flow over the usable edges; return the chosen keys."""
    if len(keys) == 0:
        return keys
    mentor, mentee = keys // width, keys % width
    n_mentors = len(residual)
    source, sink = n_mentors + width, n_mentors + width + 1
    used_mentors, used_mentees = np.unique(mentor), np.unique(mentee)
    supply = len(used_mentees)
    flow = min_cost_flow.SimpleMinCostFlow()
    edge_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        mentor, n_mentors + mentee, np.ones(len(keys), np.int64), _costs(scores, supply, policy)
    )
    _add_free_arcs(flow, np.full(len(used_mentors), source), used_mentors, residual[used_mentors])
    _add_free_arcs(flow, n_mentors + used_mentees, np.full(len(used_mentees), sink), np.ones(supply))
    flow.set_nodes_supplies(np.array([source, sink]), np.array([supply, -supply]))
    status = _run(flow, policy, source, sink, supply)
    if status != flow.OPTIMAL:
        raise SolverError(f"решатель потоков вернул статус {status!r}")
    chosen: Ints = keys[flow.flows(edge_arcs) > 0]
    return chosen


def _costs(scores: Floats, supply: int, policy: Policy) -> Ints:
    scaled = np.rint(scores * SCORE_SCALE).astype(np.int64)
    if policy == "max_score":
        # Score first, then cardinality: one unit of scaled score outweighs
        # any number of extra pairs (at most `supply` < multiplier).
        return -(scaled * (supply + 1) + 1)
    return -scaled


def _add_free_arcs(
    flow: min_cost_flow.SimpleMinCostFlow,
    tails: npt.ArrayLike,
    heads: npt.ArrayLike,
    capacities: npt.ArrayLike,
) -> None:
    tails = np.asarray(tails, dtype=np.int64)
    flow.add_arcs_with_capacity_and_unit_cost(
        tails,
        np.asarray(heads, dtype=np.int64),
        np.asarray(capacities, dtype=np.int64),
        np.zeros(len(tails), np.int64),
    )


def _run(flow: min_cost_flow.SimpleMinCostFlow, policy: Policy, source: int, sink: int, supply: int) -> object:
    if policy == "max_score":
        # A free bypass lets any mentee stay unmatched; the flow is balanced.
        flow.add_arc_with_capacity_and_unit_cost(source, sink, supply, 0)
        return flow.solve()
    return flow.solve_max_flow_with_min_cost()


def _result(
    mentors: Sequence[Mentor],
    mentees: Sequence[str],
    pair_mentor: Ints,
    pair_mentee: Ints,
    pair_score: Floats,
) -> Result:
    order = np.lexsort((pair_mentee, pair_mentor))
    pairs = tuple(
        Pair(mentors[m].id, mentees[e], float(s))
        for m, e, s in zip(
            pair_mentor[order].tolist(),
            pair_mentee[order].tolist(),
            pair_score[order].tolist(),
            strict=True,
        )
    )
    matched = np.zeros(len(mentees), dtype=np.bool_)
    matched[pair_mentee] = True
    unmatched = tuple(mentees[e] for e in np.flatnonzero(~matched).tolist())
    total = math.fsum(pair.score or 0.0 for pair in pairs)
    # Rounded so that 0.1 + 0.2 reads 0.3; far below the 0.001 score precision.
    return Result(pairs, unmatched, round(total, TOTAL_DECIMALS))
