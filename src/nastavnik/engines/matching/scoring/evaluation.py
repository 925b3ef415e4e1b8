"""The score of one pair with its reasons, and the mentors ranked for a curator's appointment."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

from nastavnik.engines.matching.scoring.eligibility import hard_rule_failures
from nastavnik.engines.matching.scoring.profiles import Evaluation, MenteeProfile, MentorProfile, Reason
from nastavnik.engines.matching.scoring.settings import NO_FREE_SEATS, Rules, Weights
from nastavnik.engines.matching.scoring.wording import cached_fold, grades, names, number


def evaluate(
    mentee: MenteeProfile,
    mentor: MentorProfile,
    weights: Weights,
    rules: Rules,
    labels: Mapping[str, str] | None = None,
) -> Evaluation:
    """Check the hard rules and score one pair, with the reasons in Russian.

    ``labels`` maps codes (problems, subjects, slots, interests) to Russian
    names; an unknown code is shown as is. An ineligible pair scores 0 and its
    reasons are the failed rules; an eligible pair's score is the sum of its
    reasons' points.
    """
    failures = hard_rule_failures(mentee, mentor, rules)
    if failures:
        return Evaluation(mentor.id, mentee.id, False, 0.0, failures)
    reasons = _score_reasons(mentee, mentor, weights, rules, labels or {})
    total = 0.0
    for reason in reasons:
        total += reason.points
    return Evaluation(mentor.id, mentee.id, True, total, reasons)


def _score_reasons(
    mentee: MenteeProfile, mentor: MentorProfile, weights: Weights, rules: Rules, labels: Mapping[str, str]
) -> tuple[Reason, ...]:
    found = [
        _overlap("problems", weights.problems, mentee.problems, mentee.problems & mentor.capabilities, labels),
        _overlap("subjects", weights.subjects, mentee.subjects, mentee.subjects & mentor.subjects, labels),
        _overlap("interests", weights.interests, mentee.interests, _shared_interests(mentee, mentor), labels),
        _overlap("schedule", weights.schedule, mentee.slots, mentee.slots & mentor.slots, labels),
        _organisation_reason(mentee, mentor, weights),
        _grade_bonus(mentee, mentor, weights, rules),
        _priority_reason(mentee, weights),
    ]
    return tuple(reason for reason in found if reason is not None)


# criterion → (code when matched, text prefix, code when missed, text when missed)
_OVERLAP_TEXTS: Mapping[str, tuple[str, str, str]] = {
    "problems": (
        "Совпадают проблемы",
        "no_shared_problems",
        "Наставник не помогает ни с одной из проблем наставляемого",
    ),
    "subjects": ("Общие предметы", "no_shared_subjects", "Нет общих предметов"),
    "interests": ("Общие интересы", "no_shared_interests", "Нет общих интересов"),
    "schedule": ("Совпадает время встреч", "no_shared_slots", "Не совпадает время встреч"),
}


def _overlap(
    code: str, weight: float, requested: frozenset[str], shared: Collection[str], labels: Mapping[str, str]
) -> Reason | None:
    if weight == 0 or not requested:
        return None
    prefix, miss_code, miss_text = _OVERLAP_TEXTS[code]
    if not shared:
        return Reason(miss_code, miss_text)
    points = weight * len(shared)
    return Reason(code, f"{prefix}: {names(shared, labels)} (+{number(points)})", points)


def _shared_interests(mentee: MenteeProfile, mentor: MentorProfile) -> list[str]:
    """Mentee's spelling of each interest both share, compared folded (ё = е, any case)."""
    theirs = {cached_fold(word) for word in mentor.interests}
    shown: dict[str, str] = {}
    for word in sorted(mentee.interests):
        key = cached_fold(word)
        if key in theirs:
            shown.setdefault(key, word)
    return list(shown.values())


def _organisation_reason(mentee: MenteeProfile, mentor: MentorProfile, weights: Weights) -> Reason | None:
    if weights.same_organisation == 0:
        return None
    if mentee.organisation != mentor.organisation:
        return Reason("different_organisation", "Наставник из другой организации")
    points = weights.same_organisation
    return Reason("same_organisation", f"Наставник из той же организации (+{number(points)})", points)


def _grade_bonus(mentee: MenteeProfile, mentor: MentorProfile, weights: Weights, rules: Rules) -> Reason | None:
    if rules.min_grade_gap is None or mentor.grade is None or mentee.grade is None or weights.grade_gap == 0:
        return None
    gap = mentor.grade - mentee.grade
    extra = min(gap - rules.min_grade_gap, weights.grade_gap_cap)
    if extra <= 0:
        return None
    points = weights.grade_gap * extra
    return Reason("grade_gap_bonus", f"Наставник старше наставляемого на {grades(gap)} (+{number(points)})", points)


def _priority_reason(mentee: MenteeProfile, weights: Weights) -> Reason | None:
    if not mentee.priority or weights.priority == 0:
        return None
    points = weights.priority
    return Reason("priority", f"Приоритет: повторный подбор наставника (+{number(points)})", points)


# --- curator appointment -------------------------------------------------------------------------


def rank_mentors(
    mentee: MenteeProfile,
    mentors: Sequence[MentorProfile],
    weights: Weights,
    rules: Rules,
    labels: Mapping[str, str] | None = None,
    loads: Mapping[str, int] | None = None,
    include_ineligible: bool = False,
) -> list[Evaluation]:
    """Mentors for one mentee, best first, for the curator's hand appointment.

    Order: eligible mentors with a free seat (score desc, then mentor id);
    eligible but full mentors (load ≥ capacity; ``loads`` maps mentor id →
    current mentees, missing = 0) in the same order, each with the extra
    reason «Нет свободных мест»; then, with ``include_ineligible``, the
    ineligible ones, fewest failed rules first, then mentor id.
    """
    loads = loads or {}
    free: list[Evaluation] = []
    full: list[Evaluation] = []
    ineligible: list[Evaluation] = []
    for mentor in mentors:
        item = evaluate(mentee, mentor, weights, rules, labels)
        if not item.eligible:
            ineligible.append(item)
        elif loads.get(mentor.id, 0) >= mentor.capacity:
            full.append(replace(item, reasons=(*item.reasons, Reason(NO_FREE_SEATS, "Нет свободных мест"))))
        else:
            free.append(item)
    ranked = sorted(free, key=_best_first) + sorted(full, key=_best_first)
    if include_ineligible:
        ranked += sorted(ineligible, key=lambda item: (len(item.reasons), item.mentor))
    return ranked


def _best_first(item: Evaluation) -> tuple[float, str]:
    return (-item.score, item.mentor)
