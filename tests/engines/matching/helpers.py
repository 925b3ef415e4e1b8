"""Reference solvers and checks shared by the matching tests.

Everything here is deliberately naive (enumeration) or independent of the
engine (scipy's MILP), so that agreement means something.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from nastavnik.engines.matching.model import Edge, Link, Mentor, Result
from nastavnik.engines.matching.optimal import SCORE_SCALE
from nastavnik.engines.matching.stable import StableMentee, StableMentor

Key = tuple[str, str]


def scaled(score: float) -> int:
    return round(score * SCORE_SCALE)


def allowed_scores(edges: Sequence[Edge], forbidden: Sequence[Link]) -> dict[Key, int]:
    """Best scaled score of each allowed (listed, not forbidden) pair."""
    banned = {(f.mentor, f.mentee) for f in forbidden}
    best: dict[Key, int] = {}
    for edge in edges:
        key = (edge.mentor, edge.mentee)
        if key not in banned:
            best[key] = max(best.get(key, scaled(edge.score)), scaled(edge.score))
    return best


def lock_value(locked: Sequence[Link], edges: Sequence[Edge]) -> int:
    best: dict[Key, int] = {}
    for edge in edges:
        key = (edge.mentor, edge.mentee)
        best[key] = max(best.get(key, scaled(edge.score)), scaled(edge.score))
    return sum(best.get((link.mentor, link.mentee), 0) for link in locked)


def brute_force(
    mentors: Sequence[Mentor],
    mentees: Sequence[str],
    edges: Sequence[Edge],
    locked: Sequence[Link],
    forbidden: Sequence[Link],
    score_first: bool = False,
) -> tuple[int, int]:
    """Best (matched, scaled total) by enumerating every assignment.

    ``score_first`` ranks by (total, matched) instead: the max_score policy.
    """
    best_pairs = allowed_scores(edges, forbidden)
    taken = {link.mentee for link in locked}
    load = Counter(link.mentor for link in locked)
    free = [e for e in mentees if e not in taken]
    options = [[None] + [m.id for m in mentors if (m.id, e) in best_pairs] for e in free]
    capacity = {m.id: m.capacity - load[m.id] for m in mentors}
    best: tuple[int, int] | None = None
    for choice in itertools.product(*options):
        used = Counter(m for m in choice if m is not None)
        if any(used[m] > capacity[m] for m in used):
            continue
        total = sum(best_pairs[(m, e)] for m, e in zip(choice, free, strict=True) if m)
        value = (sum(used.values()), total)
        if best is None or _rank(value, score_first) > _rank(best, score_first):
            best = value
    assert best is not None
    return best[0] + len(locked), best[1] + lock_value(locked, edges)


def _rank(value: tuple[int, int], score_first: bool) -> tuple[int, int]:
    return value[::-1] if score_first else value


def milp_optimum(
    mentors: Sequence[Mentor],
    mentees: Sequence[str],
    edges: Sequence[Edge],
    locked: Sequence[Link],
    forbidden: Sequence[Link],
) -> tuple[int, int]:
    """Best (matched, scaled total) by two MILPs: most pairs, then best score."""
    best_pairs = allowed_scores(edges, forbidden)
    for link in locked:
        best_pairs.setdefault((link.mentor, link.mentee), 0)
    keys = list(best_pairs)
    mentor_row = {m.id: i for i, m in enumerate(mentors)}
    mentee_row = {e: len(mentors) + j for j, e in enumerate(mentees)}
    rows = [mentor_row[m] for m, _ in keys] + [mentee_row[e] for _, e in keys]
    cols = list(range(len(keys))) * 2
    shape = (len(mentors) + len(mentees), len(keys))
    matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=shape)
    upper = [m.capacity for m in mentors] + [1] * len(mentees)
    fixed = {(link.mentor, link.mentee) for link in locked}
    bounds = Bounds([1.0 if key in fixed else 0.0 for key in keys], np.ones(len(keys)))
    capacity_rows = LinearConstraint(matrix, -np.inf, upper)
    integral = np.ones(len(keys))
    first = milp(-np.ones(len(keys)), constraints=[capacity_rows], integrality=integral, bounds=bounds)
    assert first.success
    count = round(-first.fun)
    at_least = LinearConstraint(np.ones((1, len(keys))), count, np.inf)
    weights = np.array([best_pairs[k] for k in keys], dtype=float)
    second = milp(-weights, constraints=[capacity_rows, at_least], integrality=integral, bounds=bounds)
    assert second.success
    return count, round(-second.fun)


def objective(result: Result) -> tuple[int, int]:
    return result.matched, sum(scaled(p.score or 0.0) for p in result.pairs)


# --- stable matching -------------------------------------------------------


def mutual(mentors: Sequence[StableMentor], mentees: Sequence[StableMentee]) -> set[Key]:
    mentor_lists = {(m.id, e) for m in mentors for e in m.prefs}
    return {(m, e.id) for e in mentees for m in e.prefs if (m, e.id) in mentor_lists}


def all_matchings(mentors: Sequence[StableMentor], mentees: Sequence[StableMentee]) -> Iterator[dict[str, str]]:
    """Every capacity-respecting matching over mutually listed pairs."""
    acceptable = mutual(mentors, mentees)
    capacity = {m.id: m.capacity for m in mentors}
    options = [[None] + [m for m in e.prefs if (m, e.id) in acceptable] for e in mentees]
    for choice in itertools.product(*options):
        used = Counter(m for m in choice if m is not None)
        if all(used[m] <= capacity[m] for m in used):
            yield {e.id: m for e, m in zip(mentees, choice, strict=True) if m is not None}


def blocking_pairs(
    mentors: Sequence[StableMentor],
    mentees: Sequence[StableMentee],
    matching: dict[str, str],
    skip: frozenset[str] = frozenset(),
    residual: dict[str, int] | None = None,
    banned: frozenset[Key] = frozenset(),
) -> list[Key]:
    """Pairs (mentor, mentee) that would both rather be together.

    ``skip`` are locked mentees (out of the game); ``residual`` overrides
    capacities (capacity minus locks); ``matching`` holds free pairs only;
    ``banned`` pairs cannot block.
    """
    capacity = residual or {m.id: m.capacity for m in mentors}
    mentor_rank = {m.id: {e: r for r, e in enumerate(m.prefs)} for m in mentors}
    held: dict[str, list[str]] = {m.id: [] for m in mentors}
    for e, m in matching.items():
        held[m].append(e)
    found = []
    for mentee in mentees:
        if mentee.id in skip:
            continue
        current = matching.get(mentee.id)
        limit = mentee.prefs.index(current) if current else len(mentee.prefs)
        for m in mentee.prefs[:limit]:
            if mentee.id not in mentor_rank[m] or (m, mentee.id) in banned:
                continue
            ranks = [mentor_rank[m][e] for e in held[m]]
            if len(ranks) < capacity[m] or (ranks and max(ranks) > mentor_rank[m][mentee.id]):
                found.append((m, mentee.id))
    return found
