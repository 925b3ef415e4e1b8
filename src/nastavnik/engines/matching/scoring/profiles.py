"""What the scoring takes (a mentee's and a mentor's profile) and gives (reasons, evaluations, edges)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from nastavnik.engines.matching.model import Edge
from nastavnik.engines.matching.scoring.settings import HARD_RULES


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
