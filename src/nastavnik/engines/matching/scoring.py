"""Scoring model: how well a mentor suits a mentee, and why (PRODUCT.md §5).

Plain data in, plain data out; the curator's settings arrive as ``Weights``
and ``Rules`` (``from_mapping`` validates the JSON stored per programme form).

Hard rules (``Rules``) decide eligibility; each failure is a ``Reason`` with a
Russian text. Rule codes, in the order they are listed and break ties:
``mentee_experience``, ``no_request``, ``mentor_experience``, ``grade_gap``,
``other_organisation``, ``same_class``, ``no_problem_match``. A rule that
needs a value nobody entered (experience, grade) fails: a hard rule that
cannot be checked is not satisfied. ``same_class`` means the same
organisation and the same class name. With ``require_problem_match`` a mentee
without problems (no request) is eligible for nobody (``no_request``).

Score of an eligible pair = the sum of the points of its reasons, in this
order: problems, subjects, interests (compared case-insensitively, ё = е),
schedule (per overlapping slot), same organisation, grade gap (per grade
beyond ``Rules.min_grade_gap``, at most ``Weights.grade_gap_cap`` grades;
only when the form has a grade rule), priority (rematch). A criterion whose
weight is 0 is switched off and says nothing; one the mentee left empty says
nothing either; otherwise a miss is a reason with 0 points («Нет общих
предметов»). An ineligible pair scores 0 and lists only its failed rules.

``build_edges`` does not evaluate every pair: mentors failing mentor-only
rules are dropped once, candidates come from a capability index (with
``require_problem_match``) inside the mentee's organisation block (with
``same_organisation_only``), the remaining pair rules and the score are
computed with numpy on the candidates, and full ``Evaluation`` objects (with
texts) are built only for the kept edges. With ``max_candidates_per_mentee``
the top K by (score desc, mentor id) are kept: use it at district scale,
where every eligible pair would be millions of objects. The numpy score adds
the same terms in the same order as ``evaluate``, so both give equal floats.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from nastavnik.common.text import fold, plural_ru
from nastavnik.engines.matching.errors import MatchingInputError
from nastavnik.engines.matching.model import Edge, check_capacities, index_ids

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]

HARD_RULES: tuple[str, ...] = (
    "mentee_experience",
    "no_request",
    "mentor_experience",
    "grade_gap",
    "other_organisation",
    "same_class",
    "no_problem_match",
)
MENTEE_LEVEL_RULES = frozenset({"mentee_experience", "no_request"})
# Keys of a form's rules (forms.yaml) that concern groups, not pair scoring.
GROUP_RULE_KEYS = frozenset({"max_group_size"})

# How the most common failure is named in «Нет подходящих наставников: …»;
# mentee-level rules use the failure's own text instead.
FAILURE_SUMMARIES: Mapping[str, str] = {
    "mentor_experience": "стаж наставника меньше требуемого формой или не указан",
    "grade_gap": "наставник старше наставляемого меньше, чем требует форма, или класс не указан",
    "other_organisation": "наставник из другой организации",
    "same_class": "наставник из того же класса",
    "no_problem_match": "наставник не помогает ни с одной из проблем наставляемого",
}

NO_ELIGIBLE = "no_eligible_mentor"
ALL_FULL = "all_mentors_full"
NOT_CHOSEN = "not_chosen"
NO_FREE_SEATS = "no_free_seats"


# --- settings ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per matched item of each criterion; editable by the curator.

    All weights are non-negative finite numbers; ``grade_gap_cap`` is the
    number of grades beyond the minimum that still earn ``grade_gap`` points.
    """

    problems: float = 3.0
    subjects: float = 2.0
    interests: float = 1.0
    schedule: float = 1.0
    same_organisation: float = 1.0
    grade_gap: float = 0.5
    grade_gap_cap: int = 2
    priority: float = 5.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name == "grade_gap_cap":
                _check_count(f"weights.{item.name}", value)
            else:
                object.__setattr__(self, item.name, _checked_weight(f"weights.{item.name}", value))

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Weights:
        """Weights from a JSON object; missing keys keep their defaults.

        Raises ``MatchingInputError`` (a ``ValueError``) naming the key, e.g.
        ``weights.colour: неизвестный вес`` or ``weights.problems: …``.
        """
        _reject_unknown(mapping, cls, "weights", "неизвестный вес")
        return cls(**mapping)


@dataclass(frozen=True, slots=True)
class Rules:
    """Hard rules of a programme form (and variant): eligibility of a pair."""

    mentor_min_experience_years: int | None = None
    mentee_max_experience_years: int | None = None
    min_grade_gap: int | None = None
    same_organisation_only: bool = False
    forbid_same_class: bool = False
    require_problem_match: bool = True

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            where = f"rules.{item.name}"
            if item.type in ("bool", bool):
                if not isinstance(value, bool):
                    raise MatchingInputError(where, f"ожидается да/нет (true/false), получено {value!r}")
            elif value is not None:
                _check_count(where, value)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Rules:
        """Rules from a JSON object, e.g. a form's ``rules`` merged with its variant's.

        Group keys (``max_group_size``) are accepted and ignored; any other
        unknown key raises ``MatchingInputError`` naming it.
        """
        pair_rules = {key: value for key, value in mapping.items() if key not in GROUP_RULE_KEYS}
        _reject_unknown(pair_rules, cls, "rules", "неизвестное правило")
        return cls(**pair_rules)


def _checked_weight(where: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MatchingInputError(where, f"ожидается число, получено {value!r}")
    if not math.isfinite(value) or value < 0:
        raise MatchingInputError(where, f"ожидается неотрицательное конечное число, получено {value!r}")
    return float(value)


def _check_count(where: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MatchingInputError(where, f"ожидается целое неотрицательное число, получено {value!r}")


def _reject_unknown(mapping: Mapping[str, Any], cls: type, where: str, problem: str) -> None:
    known = [item.name for item in fields(cls)]
    for key in mapping:
        if key not in known:
            raise MatchingInputError(f"{where}.{key}", f"{problem}; допустимые: {', '.join(known)}")


# --- profiles and results ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MenteeProfile:
    """What the engine knows of a mentee: the request and the matching facts."""

    id: str
    problems: frozenset[str]
    subjects: frozenset[str]
    interests: frozenset[str]
    slots: frozenset[str]
    grade: int | None
    class_name: str | None
    experience_years: int | None
    organisation: str
    priority: bool = False


@dataclass(frozen=True, slots=True)
class MentorProfile:
    """What the engine knows of a mentor; ``capabilities`` are problem codes."""

    id: str
    capabilities: frozenset[str]
    subjects: frozenset[str]
    interests: frozenset[str]
    slots: frozenset[str]
    grade: int | None
    class_name: str | None
    experience_years: int | None
    organisation: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Reason:
    """One fact about a pair or a mentee: a code, a Russian text and its points."""

    code: str
    text: str
    points: float = 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A mentor for a mentee: eligible or not, the score and its breakdown."""

    mentor: str
    mentee: str
    eligible: bool
    score: float
    reasons: tuple[Reason, ...]

    @property
    def failed_rules(self) -> tuple[str, ...]:
        """Codes of the hard rules this pair fails (empty when eligible)."""
        return tuple(reason.code for reason in self.reasons if reason.code in HARD_RULES)


@dataclass(frozen=True, slots=True)
class ScoredEdges:
    """Eligible pairs (by mentee input order, then score desc, mentor id) and,
    for each mentee without any eligible mentor, the reason."""

    evaluations: tuple[Evaluation, ...]
    no_eligible: Mapping[str, Reason] = field(hash=False)

    def edges(self) -> list[Edge]:
        """The pairs as input edges of ``solve_optimal``."""
        return [Edge(item.mentor, item.mentee, item.score) for item in self.evaluations]

    def by_mentee(self) -> dict[str, list[Evaluation]]:
        """Eligible evaluations grouped by mentee id."""
        grouped: dict[str, list[Evaluation]] = {}
        for item in self.evaluations:
            grouped.setdefault(item.mentee, []).append(item)
        return grouped


# --- Russian texts ---------------------------------------------------------------


def _years(count: int) -> str:
    """Nominative: 1 год, 2 года, 5 лет."""
    return f"{count} {plural_ru(count, 'год', 'года', 'лет')}"


def _years_genitive(count: int) -> str:
    """After «меньше», «больше»: 1 года, 2 лет, 5 лет, 21 года."""
    return f"{count} {plural_ru(count, 'года', 'лет', 'лет')}"


def _grades(count: int) -> str:
    """1 класс, 2 класса, 5 классов."""
    return f"{count} {plural_ru(count, 'класс', 'класса', 'классов')}"


def _number(value: float) -> str:
    """6, 2,5, 0,33: at most two decimals, a decimal comma."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


# Folding is the hot spot of building texts for hundreds of thousands of pairs;
# the vocabularies (problem names, interests) are small, so cache it.
_fold = lru_cache(maxsize=1 << 16)(fold)


def _names(codes: Collection[str], labels: Mapping[str, str]) -> str:
    if len(codes) == 1:
        (code,) = codes
        return labels.get(code, code)
    names = {labels.get(code, code) for code in codes}
    return ", ".join(sorted(names, key=_name_key))


def _name_key(name: str) -> tuple[str, str]:
    return (_fold(name), name)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# --- hard rules ------------------------------------------------------------------------


def hard_rule_failures(mentee: MenteeProfile, mentor: MentorProfile, rules: Rules) -> tuple[Reason, ...]:
    """The hard rules the pair fails, in ``HARD_RULES`` order (empty = eligible)."""
    found = list(mentee_failures(mentee, rules))
    for check in (_mentor_experience_failure(mentor, rules), _grade_failure(mentee, mentor, rules)):
        if check is not None:
            found.append(check)
    same_organisation = mentee.organisation == mentor.organisation
    if rules.same_organisation_only and not same_organisation:
        found.append(Reason("other_organisation", "Наставник из другой организации"))
    if rules.forbid_same_class and same_organisation and _same_class(mentee.class_name, mentor.class_name):
        found.append(Reason("same_class", "Один класс: для этой формы пары из одного класса запрещены"))
    if rules.require_problem_match and mentee.problems and not mentee.problems & mentor.capabilities:
        found.append(Reason("no_problem_match", "Наставник не помогает ни с одной из проблем наставляемого"))
    return tuple(found)


def mentee_failures(mentee: MenteeProfile, rules: Rules) -> tuple[Reason, ...]:
    """Rules the mentee fails whoever the mentor is (experience, no request)."""
    found: list[Reason] = []
    limit = rules.mentee_max_experience_years
    if limit is not None and mentee.experience_years is None:
        text = f"Стаж наставляемого не указан, а форма допускает не больше {_years_genitive(limit)}"
        found.append(Reason("mentee_experience", text))
    elif limit is not None and mentee.experience_years is not None and mentee.experience_years > limit:
        allowed = plural_ru(limit, "допустимого", "допустимых", "допустимых")
        text = (
            f"Стаж наставляемого {_years(mentee.experience_years)} — больше {_years_genitive(limit)}, {allowed} формой"
        )
        found.append(Reason("mentee_experience", text))
    if rules.require_problem_match and not mentee.problems:
        text = "У наставляемого не указаны проблемы (запрос), а форма требует совпадения с возможностями наставника"
        found.append(Reason("no_request", text))
    return tuple(found)


def _mentor_experience_failure(mentor: MentorProfile, rules: Rules) -> Reason | None:
    minimum = rules.mentor_min_experience_years
    if minimum is None:
        return None
    if mentor.experience_years is None:
        return Reason(
            "mentor_experience", f"Стаж наставника не указан, а форма требует не меньше {_years_genitive(minimum)}"
        )
    if mentor.experience_years >= minimum:
        return None
    required = plural_ru(minimum, "требуемого", "требуемых", "требуемых")
    text = f"Стаж наставника {_years(mentor.experience_years)} — меньше {_years_genitive(minimum)}, {required} формой"
    return Reason("mentor_experience", text)


def _grade_failure(mentee: MenteeProfile, mentor: MentorProfile, rules: Rules) -> Reason | None:
    minimum = rules.min_grade_gap
    if minimum is None:
        return None
    if minimum > 0:
        tail = f"а наставник должен быть старше не меньше чем на {_grades(minimum)}"
    else:
        tail = "а наставник не должен быть младше наставляемого"
    if mentor.grade is None or mentee.grade is None:
        missing = [
            who for who, grade in (("наставника", mentor.grade), ("наставляемого", mentee.grade)) if grade is None
        ]
        return Reason("grade_gap", f"Не указан класс {' и '.join(missing)}, {tail}")
    gap = mentor.grade - mentee.grade
    if gap >= minimum:
        return None
    if gap > 0:
        return Reason("grade_gap", f"Наставник старше наставляемого на {_grades(gap)}, требуется не меньше {minimum}")
    if gap == 0:
        return Reason("grade_gap", f"Наставник и наставляемый из одной параллели, {tail}")
    return Reason("grade_gap", f"Наставник младше наставляемого на {_grades(-gap)}, {tail}")


def _same_class(first: str | None, second: str | None) -> bool:
    """An empty class name counts as unknown, like ``None``."""
    return bool(first) and first == second


# --- score -------------------------------------------------------------------------------


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
    return Reason(code, f"{prefix}: {_names(shared, labels)} (+{_number(points)})", points)


def _shared_interests(mentee: MenteeProfile, mentor: MentorProfile) -> list[str]:
    """Mentee's spelling of each interest both share, compared folded (ё = е, any case)."""
    theirs = {_fold(word) for word in mentor.interests}
    shown: dict[str, str] = {}
    for word in sorted(mentee.interests):
        key = _fold(word)
        if key in theirs:
            shown.setdefault(key, word)
    return list(shown.values())


def _organisation_reason(mentee: MenteeProfile, mentor: MentorProfile, weights: Weights) -> Reason | None:
    if weights.same_organisation == 0:
        return None
    if mentee.organisation != mentor.organisation:
        return Reason("different_organisation", "Наставник из другой организации")
    points = weights.same_organisation
    return Reason("same_organisation", f"Наставник из той же организации (+{_number(points)})", points)


def _grade_bonus(mentee: MenteeProfile, mentor: MentorProfile, weights: Weights, rules: Rules) -> Reason | None:
    if rules.min_grade_gap is None or mentor.grade is None or mentee.grade is None or weights.grade_gap == 0:
        return None
    gap = mentor.grade - mentee.grade
    extra = min(gap - rules.min_grade_gap, weights.grade_gap_cap)
    if extra <= 0:
        return None
    points = weights.grade_gap * extra
    return Reason("grade_gap_bonus", f"Наставник старше наставляемого на {_grades(gap)} (+{_number(points)})", points)


def _priority_reason(mentee: MenteeProfile, weights: Weights) -> Reason | None:
    if not mentee.priority or weights.priority == 0:
        return None
    points = weights.priority
    return Reason("priority", f"Приоритет: повторный подбор наставника (+{_number(points)})", points)


# --- unmatched mentees -----------------------------------------------------------------------


def no_eligible_reason(counts: Mapping[str, int], total: int, own_texts: Mapping[str, str]) -> Reason:
    """«Нет подходящих наставников: <the most common failure> (k из n)».

    ``counts`` = how many of the ``total`` mentors fail each hard rule (a
    mentor failing two rules counts for both); the rule failed by most mentors
    wins, ties go to the earlier rule of ``HARD_RULES``. Mentee-level rules are
    named by their own text (``own_texts``), the others by
    ``FAILURE_SUMMARIES``. Without any counted failure (no mentors at all) the
    text is just «Нет подходящих наставников».
    """
    failed = [code for code in HARD_RULES if counts.get(code, 0) > 0]
    if not failed:
        return Reason(NO_ELIGIBLE, "Нет подходящих наставников")
    code = max(failed, key=lambda rule: (counts[rule], -HARD_RULES.index(rule)))
    summary = _lower_first(own_texts[code]) if code in own_texts else FAILURE_SUMMARIES[code]
    return Reason(NO_ELIGIBLE, f"Нет подходящих наставников: {summary} ({counts[code]} из {total})")


def explain_unmatched(
    mentee_id: str,
    evaluations_for_mentee: Sequence[Evaluation],
    matched_mentors_load: Mapping[str, int],
    capacities: Mapping[str, int],
) -> Reason:
    """Why a mentee got no mentor in a proposal. The rule, in order:

    1. No eligible evaluation → ``no_eligible_mentor``: «Нет подходящих
       наставников: …» naming the hard rule failed by most of the evaluated
       mentors (see ``no_eligible_reason``; pass the evaluations of all
       mentors, eligible or not, to get it named).
    2. Every eligible mentor is full (load ≥ capacity; a missing load is 0, a
       missing capacity is 0) → ``all_mentors_full``: «Все подходящие
       наставники заняты (N)», N = number of eligible mentors. This is the
       answer after ``solve_optimal`` with the default policy, which never
       leaves a free eligible seat unused.
    3. Otherwise (a suitable mentor still has a seat: the max_score policy
       left a zero-score pair out, or the group-meeting scheme paired by
       mutual choice) → ``not_chosen``: «Не выбран: лучший вариант отдан
       другому наставляемому с более высоким суммарным результатом».
    """
    for item in evaluations_for_mentee:
        if item.mentee != mentee_id:
            raise ValueError(f"evaluation for {item.mentee!r} passed to explain {mentee_id!r}")
    eligible = [item for item in evaluations_for_mentee if item.eligible]
    if not eligible:
        return _no_eligible_from(evaluations_for_mentee)
    if all(matched_mentors_load.get(item.mentor, 0) >= capacities.get(item.mentor, 0) for item in eligible):
        return Reason(ALL_FULL, f"Все подходящие наставники заняты ({len(eligible)})")
    return Reason(
        NOT_CHOSEN, "Не выбран: лучший вариант отдан другому наставляемому с более высоким суммарным результатом"
    )


def _no_eligible_from(evaluations: Sequence[Evaluation]) -> Reason:
    counts: Counter[str] = Counter()
    own_texts: dict[str, str] = {}
    for item in evaluations:
        for reason in item.reasons:
            if reason.code in HARD_RULES:
                counts[reason.code] += 1
            if reason.code in MENTEE_LEVEL_RULES:
                own_texts.setdefault(reason.code, reason.text)
    return no_eligible_reason(counts, len(evaluations), own_texts)


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


# --- all pairs, indexed ----------------------------------------------------------------------------


def build_edges(
    mentees: Sequence[MenteeProfile],
    mentors: Sequence[MentorProfile],
    weights: Weights,
    rules: Rules,
    labels: Mapping[str, str] | None = None,
    *,
    max_candidates_per_mentee: int | None = None,
) -> ScoredEdges:
    """Every eligible pair with its evaluation, or the top K per mentee.

    Equal to evaluating all pairs and keeping the eligible ones (see the
    module docstring for how it avoids doing so). ``no_eligible`` gives, for
    each mentee without an eligible mentor, the reason counted over all
    mentors (as ``explain_unmatched`` would from every evaluation). Repeated
    ids, a negative capacity or a K below 1 raise ``MatchingInputError``.
    """
    index_ids((mentee.id for mentee in mentees), "mentees")
    index_ids((mentor.id for mentor in mentors), "mentors")
    check_capacities([mentor.capacity for mentor in mentors])
    if max_candidates_per_mentee is not None and max_candidates_per_mentee < 1:
        raise MatchingInputError(
            "max_candidates_per_mentee", f"ожидается число не меньше 1, получено {max_candidates_per_mentee}"
        )
    pool = _MentorPool(mentors, mentees, rules)
    evaluations: list[Evaluation] = []
    no_eligible: dict[str, Reason] = {}
    for mentee in mentees:
        chosen = pool.best(mentee, weights, max_candidates_per_mentee)
        if chosen.size == 0:
            own = {reason.code: reason.text for reason in mentee_failures(mentee, rules)}
            no_eligible[mentee.id] = no_eligible_reason(pool.failure_counts(mentee), len(mentors), own)
        evaluations.extend(evaluate(mentee, mentors[position], weights, rules, labels) for position in chosen)
    return ScoredEdges(tuple(evaluations), no_eligible)


_NONE = np.zeros(0, dtype=np.int64)


class _Tokens:
    """Which mentors have which token: a dense boolean matrix, one row a token.

    Only tokens some mentee also has get a row, which keeps free-text
    interests small.
    """

    def __init__(self, mentor_sets: Sequence[Iterable[str]], wanted: set[str]) -> None:
        self.rows: dict[str, int] = {}
        cells: list[tuple[int, int]] = []
        for column, tokens in enumerate(mentor_sets):
            for token in tokens:
                if token in wanted:
                    cells.append((self.rows.setdefault(token, len(self.rows)), column))
        self.matrix = np.zeros((len(self.rows), len(mentor_sets)), dtype=np.bool_)
        if cells:
            rows, columns = zip(*cells, strict=True)
            self.matrix[list(rows), list(columns)] = True

    def count(self, tokens: Iterable[str], positions: Ints) -> Ints:
        """How many of ``tokens`` each mentor at ``positions`` has."""
        rows = [self.rows[token] for token in tokens if token in self.rows]
        if not rows:
            return np.zeros(len(positions), dtype=np.int64)
        return self.matrix[np.ix_(np.array(rows, dtype=np.int64), positions)].sum(axis=0, dtype=np.int64)

    def covering(self, tokens: Iterable[str]) -> int:
        """How many mentors have at least one of ``tokens``."""
        rows = [self.rows[token] for token in tokens if token in self.rows]
        return int(self.matrix[rows].any(axis=0).sum()) if rows else 0


class _MentorPool:
    """Mentors as numpy columns plus the candidate indexes of ``build_edges``."""

    def __init__(self, mentors: Sequence[MentorProfile], mentees: Sequence[MenteeProfile], rules: Rules) -> None:
        self.rules = rules
        self.size = len(mentors)
        self.organisations = {name: code for code, name in enumerate(sorted({m.organisation for m in mentors}))}
        self.organisation = np.array([self.organisations[m.organisation] for m in mentors], dtype=np.int64)
        self.classes: dict[tuple[str, str], int] = {}
        classes = [self._class_code(m.organisation, m.class_name) for m in mentors]
        self.class_code = np.array(classes, dtype=np.int64)
        self.grade = np.array([m.grade or 0 for m in mentors], dtype=np.int64)
        self.has_grade = np.array([m.grade is not None for m in mentors], dtype=np.bool_)
        self.id_rank = np.argsort(np.argsort(np.array([m.id for m in mentors], dtype=object), kind="stable"))
        self.experienced = np.array([_mentor_experience_failure(m, rules) is None for m in mentors], dtype=np.bool_)
        self._index_tokens(mentors, mentees)
        self._index_candidates(mentors)

    def _class_code(self, organisation: str, class_name: str | None) -> int:
        if not class_name:
            return -1
        return self.classes.setdefault((organisation, class_name), len(self.classes))

    def _index_tokens(self, mentors: Sequence[MentorProfile], mentees: Sequence[MenteeProfile]) -> None:
        def wanted(attribute: str) -> set[str]:
            return {token for mentee in mentees for token in getattr(mentee, attribute)}

        self.capabilities = _Tokens([m.capabilities for m in mentors], wanted("problems"))
        self.subjects = _Tokens([m.subjects for m in mentors], wanted("subjects"))
        self.slots = _Tokens([m.slots for m in mentors], wanted("slots"))
        folded = {fold(word) for word in wanted("interests")}
        self.interests = _Tokens([{fold(word) for word in m.interests} for m in mentors], folded)

    def _index_candidates(self, mentors: Sequence[MentorProfile]) -> None:
        """Blocks (one per organisation, or one in all) of mentors passing the
        mentor-only rules, and per block the mentors of each capability."""
        usable = self.experienced.copy()
        if self.rules.min_grade_gap is not None:
            usable &= self.has_grade
        blocks: dict[str | None, list[int]] = {}
        postings: dict[tuple[str | None, str], list[int]] = {}
        for position in np.flatnonzero(usable).tolist():
            key = self._block_key(mentors[position].organisation)
            blocks.setdefault(key, []).append(position)
            if self.rules.require_problem_match:
                for capability in mentors[position].capabilities:
                    postings.setdefault((key, capability), []).append(position)
        self.blocks = {key: np.array(items, dtype=np.int64) for key, items in blocks.items()}
        self.postings = {key: np.array(items, dtype=np.int64) for key, items in postings.items()}

    def _block_key(self, organisation: str) -> str | None:
        return organisation if self.rules.same_organisation_only else None

    def best(self, mentee: MenteeProfile, weights: Weights, limit: int | None) -> Ints:
        """Positions of the mentee's eligible mentors, best first, at most ``limit``."""
        if mentee_failures(mentee, self.rules) or (self.rules.min_grade_gap is not None and mentee.grade is None):
            return _NONE
        positions, problems = self._candidates(mentee)
        keep = self._pair_rules(mentee, positions)
        positions, problems = positions[keep], problems[keep]
        scores = self._scores(mentee, positions, problems, weights)
        order = np.lexsort((self.id_rank[positions], -scores))
        return positions[order[:limit]]

    def _candidates(self, mentee: MenteeProfile) -> tuple[Ints, Ints]:
        """Mentors in the mentee's block (covering one of its problems when
        required) and how many of its problems each covers."""
        key = self._block_key(mentee.organisation)
        if not self.rules.require_problem_match:
            positions = self.blocks.get(key, _NONE)
            return positions, self.capabilities.count(mentee.problems, positions)
        parts = [self.postings[(key, problem)] for problem in mentee.problems if (key, problem) in self.postings]
        if not parts:
            return _NONE, _NONE
        positions, counts = np.unique(np.concatenate(parts), return_counts=True)
        return positions, counts.astype(np.int64)

    def _pair_rules(self, mentee: MenteeProfile, positions: Ints) -> Bools:
        keep = np.ones(len(positions), dtype=np.bool_)
        if self.rules.min_grade_gap is not None and mentee.grade is not None:
            keep &= self.grade[positions] - mentee.grade >= self.rules.min_grade_gap
        if self.rules.forbid_same_class:
            keep &= ~self._same_class(mentee, positions)
        return keep

    def _same_class(self, mentee: MenteeProfile, positions: Ints | slice) -> Bools:
        code = self.classes.get((mentee.organisation, mentee.class_name), -1) if mentee.class_name else -1
        if code < 0:
            return np.zeros(self.size, dtype=np.bool_)[positions]
        return np.asarray(self.class_code[positions] == code)

    def _scores(self, mentee: MenteeProfile, positions: Ints, problems: Ints, weights: Weights) -> Floats:
        """The score of ``evaluate``: the same terms added in the same order."""
        organisation = self.organisations.get(mentee.organisation, -1)
        total = np.zeros(len(positions), dtype=np.float64)
        total = total + weights.problems * problems
        total = total + weights.subjects * self.subjects.count(mentee.subjects, positions)
        interests = {fold(word) for word in mentee.interests}
        total = total + weights.interests * self.interests.count(interests, positions)
        total = total + weights.schedule * self.slots.count(mentee.slots, positions)
        total = total + weights.same_organisation * (self.organisation[positions] == organisation)
        if self.rules.min_grade_gap is not None and mentee.grade is not None:
            extra = np.minimum(self.grade[positions] - mentee.grade - self.rules.min_grade_gap, weights.grade_gap_cap)
            total = total + weights.grade_gap * np.maximum(extra, 0)
        if mentee.priority:
            total = total + weights.priority
        return total

    def failure_counts(self, mentee: MenteeProfile) -> Counter[str]:
        """How many mentors fail each hard rule for this mentee (all mentors)."""
        counts: Counter[str] = Counter()
        for reason in mentee_failures(mentee, self.rules):
            counts[reason.code] = self.size
        counts["mentor_experience"] = int((~self.experienced).sum())
        counts["grade_gap"] = self._grade_failures(mentee)
        if self.rules.same_organisation_only:
            counts["other_organisation"] = int(
                (self.organisation != self.organisations.get(mentee.organisation, -1)).sum()
            )
        if self.rules.forbid_same_class:
            counts["same_class"] = int(self._same_class(mentee, slice(None)).sum())
        if self.rules.require_problem_match and mentee.problems:
            counts["no_problem_match"] = self.size - self.capabilities.covering(mentee.problems)
        return +counts

    def _grade_failures(self, mentee: MenteeProfile) -> int:
        minimum = self.rules.min_grade_gap
        if minimum is None:
            return 0
        if mentee.grade is None:
            return self.size
        return int((~self.has_grade | (self.grade - mentee.grade < minimum)).sum())
