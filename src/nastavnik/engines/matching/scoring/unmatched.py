"""Why a mentee got no mentor: no eligible one, all of them full, or not chosen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from nastavnik.engines.matching.scoring.profiles import Evaluation, Reason
from nastavnik.engines.matching.scoring.settings import (
    ALL_FULL,
    FAILURE_SUMMARIES,
    HARD_RULES,
    MENTEE_LEVEL_RULES,
    NO_ELIGIBLE,
    NOT_CHOSEN,
)
from nastavnik.engines.matching.scoring.wording import lower_first


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
    summary = lower_first(own_texts[code]) if code in own_texts else FAILURE_SUMMARIES[code]
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
