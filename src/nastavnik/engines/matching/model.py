"""Plain data shared by the matching engines: inputs, pairs, results.

All classes are frozen dataclasses so that a result can be cached, compared in
tests and passed between threads without copying.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nastavnik.engines.matching.errors import MatchingInputError, quote


@dataclass(frozen=True, slots=True)
class Mentor:
    """A mentor who can take up to ``capacity`` mentees."""

    id: str
    capacity: int


@dataclass(frozen=True, slots=True)
class Edge:
    """An allowed mentor–mentee pair with its suitability score."""

    mentor: str
    mentee: str
    score: float


@dataclass(frozen=True, slots=True)
class EdgeColumns(Sequence[Edge]):
    """Edges stored as three parallel lists, as the JSON reader builds them.

    At district size (400 000 edges) this saves building an ``Edge`` object per
    edge and reading it back; indexing still yields ``Edge`` values, so the
    engines' error paths name ``edges[i]`` the same way.
    """

    mentor: list[str]
    mentee: list[str]
    score: list[float]

    def __len__(self) -> int:
        return len(self.mentor)

    def __getitem__(self, position: int) -> Edge:  # type: ignore[override]  # no slices needed
        return Edge(self.mentor[position], self.mentee[position], self.score[position])


@dataclass(frozen=True, slots=True)
class Link:
    """A mentor–mentee pair without a score: a locked or a forbidden pair."""

    mentor: str
    mentee: str


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed pair.

    Optimal mode fills ``score``; stable mode leaves it ``None`` and fills the
    1-based ranks instead (``mentee_rank`` = place of the mentor in the
    mentee's list, ``mentor_rank`` = place of the mentee in the mentor's list;
    ``None`` for a locked pair one side did not list).
    """

    mentor: str
    mentee: str
    score: float | None = None
    mentee_rank: int | None = None
    mentor_rank: int | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """Pairs sorted by mentor then mentee (input order), unmatched mentees in
    input order, and the sum of pair scores (0 in stable mode)."""

    pairs: tuple[Pair, ...]
    unmatched: tuple[str, ...]
    total_score: float

    @property
    def matched(self) -> int:
        """Number of matched mentees."""
        return len(self.pairs)


def index_ids(ids: Iterable[str], where: str) -> dict[str, int]:
    """Map each id to its position; a repeated id is an input error.

    ``where`` is the name of the list (``mentors``) used in the message.
    """
    index: dict[str, int] = {}
    for position, item in enumerate(ids):
        first = index.setdefault(item, position)
        if first != position:
            raise MatchingInputError(
                f"{where}[{position}].id",
                f"повторяющийся идентификатор {quote(item)} (уже есть в {where}[{first}])",
            )
    return index


def check_capacities(capacities: Sequence[int], where: str = "mentors") -> None:
    """Reject a negative (or non-integer) capacity, naming the mentor."""
    for position, capacity in enumerate(capacities):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise MatchingInputError(f"{where}[{position}].capacity", f"ожидается целое число, получено {capacity!r}")
        if capacity < 0:
            raise MatchingInputError(f"{where}[{position}].capacity", f"отрицательная вместимость {capacity}")


def lookup(index: dict[str, int], item: str, where: str, role: str) -> int:
    """Position of ``item`` in ``index``; an unknown id is an input error.

    ``role`` is the Russian noun for the message: «наставник» or «наставляемый».
    """
    position = index.get(item)
    if position is None:
        raise MatchingInputError(where, f"неизвестный {role} {quote(item)}")
    return position


def check_finite(value: float, where: str, limit: float) -> None:
    """Reject NaN, infinities and scores beyond ±``limit``."""
    if not math.isfinite(value) or abs(value) > limit:
        raise MatchingInputError(where, f"оценка {value!r} вне допустимого диапазона ±{limit:g}")


MENTOR = "наставник"
MENTEE = "наставляемый"
