"""The curator's settings of the scoring: ``Weights``, ``Rules`` and the codes of the hard rules."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from nastavnik.engines.matching.errors import MatchingInputError

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
