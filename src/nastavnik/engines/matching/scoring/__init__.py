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

Import from this package; its modules are ``settings`` (weights, rules),
``profiles`` (what goes in and out), ``eligibility`` (hard rules),
``evaluation`` (one pair's score, the curator's ranking), ``unmatched``
(why a mentee got nobody), ``candidates`` (``build_edges``) and
``wording`` (the Russian words of the reasons).
"""

from __future__ import annotations

from nastavnik.engines.matching.scoring.candidates import build_edges
from nastavnik.engines.matching.scoring.eligibility import hard_rule_failures, mentee_failures
from nastavnik.engines.matching.scoring.evaluation import evaluate, rank_mentors
from nastavnik.engines.matching.scoring.profiles import Evaluation, MenteeProfile, MentorProfile, Reason, ScoredEdges
from nastavnik.engines.matching.scoring.settings import (
    ALL_FULL,
    FAILURE_SUMMARIES,
    GROUP_RULE_KEYS,
    HARD_RULES,
    MENTEE_LEVEL_RULES,
    NO_ELIGIBLE,
    NO_FREE_SEATS,
    NOT_CHOSEN,
    Rules,
    Weights,
)
from nastavnik.engines.matching.scoring.unmatched import explain_unmatched, no_eligible_reason

__all__ = [
    "ALL_FULL",
    "FAILURE_SUMMARIES",
    "GROUP_RULE_KEYS",
    "HARD_RULES",
    "MENTEE_LEVEL_RULES",
    "NOT_CHOSEN",
    "NO_ELIGIBLE",
    "NO_FREE_SEATS",
    "Evaluation",
    "MenteeProfile",
    "MentorProfile",
    "Reason",
    "Rules",
    "ScoredEdges",
    "Weights",
    "build_edges",
    "evaluate",
    "explain_unmatched",
    "hard_rule_failures",
    "mentee_failures",
    "no_eligible_reason",
    "rank_mentors",
]
