"""All eligible pairs at once: candidate indexes and numpy scores instead of evaluating every pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from nastavnik.engines.matching.errors import MatchingInputError
from nastavnik.engines.matching.model import check_capacities, index_ids
from nastavnik.engines.matching.scoring.eligibility import mentee_failures, mentor_experience_failure
from nastavnik.engines.matching.scoring.evaluation import evaluate
from nastavnik.engines.matching.scoring.profiles import Evaluation, MenteeProfile, MentorProfile, Reason, ScoredEdges
from nastavnik.engines.matching.scoring.settings import Rules, Weights
from nastavnik.engines.matching.scoring.unmatched import no_eligible_reason
from nastavnik.engines.text import fold

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


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
        counts: Ints = self.matrix[np.ix_(np.array(rows, dtype=np.int64), positions)].sum(axis=0, dtype=np.int64)
        return counts

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
        self.experienced = np.array([mentor_experience_failure(m, rules) is None for m in mentors], dtype=np.bool_)
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
        total: Floats = np.zeros(len(positions), dtype=np.float64)
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
