"""«Школа – Школе»: pairing leader schools with schools of low results (source 004 §3.5).

The pairing rule of the source: the two schools share a way of life and social conditions
and differ only in educational results. Here that becomes one hard rule and four soft
criteria, each with a Russian reason:

* hard: the leader's results index is at least ``min_gap`` above the supported school's;
* the same kind of settlement (rural or urban) — the «уклад» of the source;
* a similar number of students: the points fall linearly with ``|ln(size ratio)|`` and
  reach zero at ``size_ratio_limit`` (×4 by default);
* a bigger results gap is better, up to ``saturating_gap``: beyond it a leader is not
  «more helpful», and a very distant school is not what the source asks for;
* the same district (shorter trips, one methodological centre).

The assignment itself is the exact optimal one of :func:`solve_optimal`, leaders being
the «mentors» with their capacity (how many schools each can support).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from nastavnik.engines.matching.model import Edge, Mentor, Result
from nastavnik.engines.matching.optimal import solve_optimal


@dataclass(frozen=True, slots=True)
class School:
    """One school's profile for a year; ``district`` is an opaque id ("" when unknown)."""

    id: str
    results_index: float
    students_count: int
    is_rural: bool
    district: str = ""
    capacity: int = 1


@dataclass(frozen=True, slots=True)
class SchoolRules:
    """The hard rule and the weights of the soft criteria."""

    min_gap: float = 10.0
    saturating_gap: float = 30.0
    size_ratio_limit: float = 4.0
    weight_settlement: float = 3.0
    weight_size: float = 3.0
    weight_gap: float = 2.0
    weight_district: float = 2.0


@dataclass(frozen=True, slots=True)
class SchoolReason:
    code: str
    text: str
    points: float = 0.0


@dataclass(frozen=True, slots=True)
class SchoolEvaluation:
    leader: str
    supported: str
    eligible: bool
    score: float
    reasons: tuple[SchoolReason, ...]


@dataclass(frozen=True, slots=True)
class SchoolPairingResult:
    """The optimal pairs with their evaluations, and why each unpaired school stayed alone."""

    pairs: tuple[SchoolEvaluation, ...]
    unmatched: dict[str, str] = field(default_factory=dict)
    total_score: float = 0.0


def number(value: float) -> str:
    """12.5 → «12,5», 10.0 → «10»: how numbers read in Russian reasons."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _settlement_reason(leader: School, supported: School, rules: SchoolRules) -> SchoolReason:
    if leader.is_rural == supported.is_rural:
        kind = "сельские" if leader.is_rural else "городские"
        return SchoolReason("same_settlement", f"Схожий уклад: обе школы {kind}", rules.weight_settlement)
    return SchoolReason("other_settlement", "Разный уклад: сельская и городская школа")


def _size_reason(leader: School, supported: School, rules: SchoolRules) -> SchoolReason:
    bigger = max(leader.students_count, supported.students_count, 1)
    smaller = max(min(leader.students_count, supported.students_count), 1)
    ratio = bigger / smaller
    closeness = max(0.0, 1.0 - math.log(ratio) / math.log(rules.size_ratio_limit))
    points = round(rules.weight_size * closeness, 2)
    sizes = f"{leader.students_count} и {supported.students_count} обучающихся"
    if points <= 0:
        return SchoolReason("size_far", f"Очень разный размер: {sizes}")
    return SchoolReason("similar_size", f"Схожий размер: {sizes}", points)


def _gap_reason(gap: float, rules: SchoolRules) -> SchoolReason:
    counted = min(gap, rules.saturating_gap)
    points = round(rules.weight_gap * counted / rules.saturating_gap, 2) if rules.saturating_gap > 0 else 0.0
    text = f"Разрыв в результатах: {number(gap)}"
    if gap > rules.saturating_gap:
        text += f" (учитывается до {number(rules.saturating_gap)})"
    return SchoolReason("results_gap", text, points)


def _district_reason(leader: School, supported: School, rules: SchoolRules) -> SchoolReason | None:
    if not leader.district or not supported.district:
        return None
    if leader.district == supported.district:
        return SchoolReason("same_district", "Один район", rules.weight_district)
    return SchoolReason("other_district", "Разные районы")


def evaluate_schools(leader: School, supported: School, rules: SchoolRules) -> SchoolEvaluation:
    """Check the hard rule and score one leader–supported pair, with Russian reasons.

    An ineligible pair scores 0 and its only reason is the failed rule; an eligible
    pair's score is the sum of its reasons' points, rounded to two decimals.
    """
    gap = leader.results_index - supported.results_index
    if leader.id == supported.id:
        return SchoolEvaluation(leader.id, supported.id, False, 0.0, (SchoolReason("same", "Школа не помогает себе"),))
    if gap < rules.min_gap:
        text = (
            f"Разрыв в результатах {number(gap)} меньше минимального {number(rules.min_gap)}: "
            f"{number(leader.results_index)} у школы-лидера и {number(supported.results_index)} у поддерживаемой"
        )
        return SchoolEvaluation(leader.id, supported.id, False, 0.0, (SchoolReason("gap_too_small", text),))
    found = [
        _settlement_reason(leader, supported, rules),
        _size_reason(leader, supported, rules),
        _gap_reason(gap, rules),
        _district_reason(leader, supported, rules),
    ]
    reasons = tuple(reason for reason in found if reason is not None)
    return SchoolEvaluation(leader.id, supported.id, True, round(sum(r.points for r in reasons), 2), reasons)


def why_alone(evaluations: Sequence[SchoolEvaluation], rules: SchoolRules) -> str:
    """Why a supported school got no leader, given its evaluations against every leader."""
    if not any(e.eligible for e in evaluations):
        return f"Нет школы-лидера с индексом результатов выше хотя бы на {number(rules.min_gap)}"
    return "Все подходящие школы-лидеры уже поддерживают столько школ, сколько могут"


def pair_schools(leaders: Sequence[School], supported: Sequence[School], rules: SchoolRules) -> SchoolPairingResult:
    """The optimal pairing: most supported schools paired first, then the highest total score.

    A leader supports at most ``capacity`` schools; each supported school gets at most
    one leader; pairs breaking the hard rule are never proposed.
    """
    evaluations = {(lead.id, sup.id): evaluate_schools(lead, sup, rules) for lead in leaders for sup in supported}
    edges = [Edge(e.leader, e.supported, e.score) for e in evaluations.values() if e.eligible]
    result: Result = solve_optimal(
        [Mentor(lead.id, max(lead.capacity, 0)) for lead in leaders], [s.id for s in supported], edges
    )
    pairs = tuple(evaluations[(pair.mentor, pair.mentee)] for pair in result.pairs)
    by_supported = {sup.id: [evaluations[(lead.id, sup.id)] for lead in leaders] for sup in supported}
    unmatched = {sid: why_alone(by_supported[sid], rules) for sid in result.unmatched}
    return SchoolPairingResult(pairs, unmatched, round(result.total_score, 2))
