"""Scoring model: indexed edges equal to brute force, the candidate cap, why a mentee stays unmatched,
and the ranking of mentors for a curator's appointment."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.engines.matching import Mentor, solve_optimal
from nastavnik.engines.matching.errors import MatchingInputError
from nastavnik.engines.matching.scoring import (
    Evaluation,
    MenteeProfile,
    MentorProfile,
    Reason,
    Rules,
    Weights,
    build_edges,
    evaluate,
    explain_unmatched,
    rank_mentors,
)
from tests.engines.matching.scoring_support import (
    LABELS,
    PROBLEMS_ONLY,
    mentee,
    mentor,
)

# --- build_edges against brute force ------------------------------------------------------

TOKENS = st.frozensets(st.sampled_from(["a", "b", "c", "d"]), max_size=3)
WORDS = st.frozensets(st.sampled_from(["Шахматы", "шахматы", "ёж", "Еж", "театр"]), max_size=3)
MAYBE_GRADE = st.none() | st.integers(1, 11)
MAYBE_YEARS = st.none() | st.integers(0, 8)
CLASS = st.none() | st.sampled_from(["А", "Б"])
ORGANISATION = st.sampled_from(["s1", "s2"])


@st.composite
def mentee_profiles(draw: st.DrawFn, number: int) -> MenteeProfile:
    return MenteeProfile(
        f"e{number}", draw(TOKENS), draw(TOKENS), draw(WORDS), draw(TOKENS), draw(MAYBE_GRADE),
        draw(CLASS), draw(MAYBE_YEARS), draw(ORGANISATION), draw(st.booleans()),
    )  # fmt: skip


@st.composite
def mentor_profiles(draw: st.DrawFn, name: str) -> MentorProfile:
    return MentorProfile(
        name, draw(TOKENS), draw(TOKENS), draw(WORDS), draw(TOKENS), draw(MAYBE_GRADE),
        draw(CLASS), draw(MAYBE_YEARS), draw(ORGANISATION), draw(st.integers(0, 2)),
    )  # fmt: skip


@st.composite
def instances(draw: st.DrawFn) -> tuple[list[MenteeProfile], list[MentorProfile], Weights, Rules]:
    mentees = [draw(mentee_profiles(number)) for number in range(draw(st.integers(0, 5)))]
    # Ids whose string order differs from the input order, to test tie-breaking.
    names = draw(st.permutations(["m1", "m10", "m2", "m3", "m20", "x"]))[: draw(st.integers(0, 6))]
    mentors = [draw(mentor_profiles(name)) for name in names]
    weight = st.sampled_from([0.0, 0.5, 1.0, 1 / 3, 2.0, 3.0])
    weights = Weights(
        draw(weight), draw(weight), draw(weight), draw(weight), draw(weight), draw(weight), draw(st.integers(0, 3)),
        draw(weight),
    )  # fmt: skip
    limit = st.none() | st.integers(0, 4)
    rules = Rules(draw(limit), draw(limit), draw(limit), draw(st.booleans()), draw(st.booleans()), draw(st.booleans()))
    return mentees, mentors, weights, rules


def brute_force(
    mentees: list[MenteeProfile], mentors: list[MentorProfile], weights: Weights, rules: Rules
) -> dict[str, list[Evaluation]]:
    """Every pair evaluated; per mentee, all evaluations in mentor input order."""
    return {e.id: [evaluate(e, m, weights, rules, LABELS) for m in mentors] for e in mentees}


def best_first(evaluations: list[Evaluation]) -> list[Evaluation]:
    return sorted((item for item in evaluations if item.eligible), key=lambda item: (-item.score, item.mentor))


@settings(max_examples=300)
@given(instances())
def test_build_edges_equals_evaluating_every_pair(instance: tuple[Any, ...]) -> None:
    mentees, mentors, weights, rules = instance
    result = build_edges(mentees, mentors, weights, rules, LABELS)
    everything = brute_force(mentees, mentors, weights, rules)
    expected = [item for e in mentees for item in best_first(everything[e.id])]
    assert list(result.evaluations) == expected
    for e in mentees:
        if best_first(everything[e.id]):
            assert e.id not in result.no_eligible
        else:
            assert result.no_eligible[e.id] == explain_unmatched(e.id, everything[e.id], {}, {})


@settings(max_examples=200)
@given(instances(), st.integers(1, 3))
def test_candidate_cap_keeps_the_best_k_per_mentee(instance: tuple[Any, ...], k: int) -> None:
    mentees, mentors, weights, rules = instance
    result = build_edges(mentees, mentors, weights, rules, LABELS, max_candidates_per_mentee=k)
    everything = brute_force(mentees, mentors, weights, rules)
    assert list(result.evaluations) == [item for e in mentees for item in best_first(everything[e.id])[:k]]


def test_cap_breaks_ties_by_mentor_id() -> None:
    mentors = [mentor(id="m3"), mentor(id="m1"), mentor(id="m2")]
    result = build_edges([mentee()], mentors, Weights(), Rules(), max_candidates_per_mentee=2)
    assert [item.mentor for item in result.evaluations] == ["m1", "m2"]


def test_edges_feed_the_optimal_solver_and_unmatched_mentees_get_a_reason() -> None:
    mentees = [
        mentee(id="e1", experience_years=1),
        mentee(id="e2", experience_years=0, priority=True),
        mentee(id="e3", experience_years=9),
    ]
    mentors = [mentor(id="m1", experience_years=6)]
    rules = Rules(mentee_max_experience_years=5)
    scored = build_edges(mentees, mentors, Weights(), rules)
    result = solve_optimal([Mentor(m.id, m.capacity) for m in mentors], [e.id for e in mentees], scored.edges())
    assert [(pair.mentor, pair.mentee) for pair in result.pairs] == [("m1", "e2")]
    load = {"m1": 1}
    capacity = {"m1": 1}
    by_mentee = scored.by_mentee()
    assert explain_unmatched("e1", by_mentee["e1"], load, capacity).text == "Все подходящие наставники заняты (1)"
    assert scored.no_eligible["e3"].text == (
        "Нет подходящих наставников: стаж наставляемого 9 лет — больше 5 лет, допустимых формой (1 из 1)"
    )


@pytest.mark.parametrize(
    ("mentees", "mentors", "options", "message"),
    [
        ([mentee(), mentee()], [mentor()], {}, "mentees[1].id: повторяющийся идентификатор «e1»"),
        ([mentee()], [mentor(), mentor()], {}, "mentors[1].id: повторяющийся идентификатор «m1»"),
        ([mentee()], [mentor(capacity=-1)], {}, "mentors[0].capacity: отрицательная вместимость -1"),
        ([mentee()], [mentor()], {"max_candidates_per_mentee": 0}, "max_candidates_per_mentee: ожидается"),
    ],
)
def test_build_edges_rejects_bad_input(
    mentees: list[MenteeProfile], mentors: list[MentorProfile], options: dict[str, Any], message: str
) -> None:
    with pytest.raises(MatchingInputError, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        build_edges(mentees, mentors, Weights(), Rules(), **options)


# --- unmatched mentees ----------------------------------------------------------------------


def test_no_eligible_mentor_names_the_most_common_failure() -> None:
    rules = Rules(mentor_min_experience_years=5, same_organisation_only=True)
    mentors = [
        mentor(id="m1", experience_years=1),
        mentor(id="m2", experience_years=2, organisation="school-2"),
        mentor(id="m3", experience_years=3, organisation="school-2"),
    ]
    evaluations = [evaluate(mentee(), m, Weights(), rules) for m in mentors]
    reason = explain_unmatched("e1", evaluations, {}, {})
    assert reason == Reason(
        "no_eligible_mentor",
        "Нет подходящих наставников: стаж наставника меньше требуемого формой или не указан (3 из 3)",
    )


def test_equally_common_failures_name_the_earlier_rule() -> None:
    rules = Rules(min_grade_gap=2, same_organisation_only=True)
    mentors = [mentor(id="m1", grade=7), mentor(id="m2", grade=11, organisation="school-2")]
    evaluations = [evaluate(mentee(grade=7), m, Weights(), rules) for m in mentors]
    assert explain_unmatched("e1", evaluations, {}, {}).text == (
        "Нет подходящих наставников: наставник старше наставляемого меньше, чем требует форма, "
        "или класс не указан (1 из 2)"
    )


def test_no_eligible_mentor_without_evaluations_is_said_plainly() -> None:
    assert explain_unmatched("e1", [], {}, {}) == Reason("no_eligible_mentor", "Нет подходящих наставников")
    assert build_edges([mentee()], [], Weights(), Rules()).no_eligible["e1"].text == "Нет подходящих наставников"


def test_all_eligible_mentors_full() -> None:
    evaluations = [evaluate(mentee(), mentor(id=name), Weights(), Rules()) for name in ("m1", "m2")]
    reason = explain_unmatched("e1", evaluations, {"m1": 2, "m2": 1}, {"m1": 2, "m2": 1})
    assert reason == Reason("all_mentors_full", "Все подходящие наставники заняты (2)")


def test_a_free_eligible_mentor_means_the_mentee_was_not_chosen() -> None:
    evaluations = [evaluate(mentee(), mentor(id=name), Weights(), Rules()) for name in ("m1", "m2")]
    reason = explain_unmatched("e1", evaluations, {"m1": 1}, {"m1": 1, "m2": 1})
    assert reason == Reason(
        "not_chosen", "Не выбран: лучший вариант отдан другому наставляемому с более высоким суммарным результатом"
    )


def test_explain_unmatched_rejects_another_mentee_evaluations() -> None:
    evaluation = evaluate(mentee(id="e2"), mentor(), Weights(), Rules())
    with pytest.raises(ValueError, match="e2"):
        explain_unmatched("e1", [evaluation], {}, {})


# --- curator appointment --------------------------------------------------------------------


def test_rank_lists_free_mentors_by_score_then_full_then_ineligible() -> None:
    e = mentee(problems=frozenset({"conflict", "career_guidance"}))
    mentors = [
        mentor(id="m4", capabilities=frozenset({"conflict"})),
        mentor(id="m2", capabilities=frozenset({"conflict", "career_guidance"})),
        mentor(id="m3", capabilities=frozenset({"conflict"})),
        mentor(id="m1", capabilities=frozenset({"conflict", "career_guidance"}), capacity=2),
        mentor(id="m0", capabilities=frozenset({"talent_development"})),
        mentor(id="m5", capabilities=frozenset(), experience_years=1),
    ]
    rules = Rules(mentor_min_experience_years=None)
    loads = {"m1": 2, "m3": 0}
    ranked = rank_mentors(e, mentors, PROBLEMS_ONLY, rules, loads=loads, include_ineligible=True)
    assert [(item.mentor, item.score) for item in ranked] == [
        ("m2", 6.0), ("m3", 3.0), ("m4", 3.0), ("m1", 6.0), ("m0", 0.0), ("m5", 0.0),
    ]  # fmt: skip
    assert ranked[3].reasons[-1] == Reason("no_free_seats", "Нет свободных мест")
    assert ranked[4].failed_rules == ("no_problem_match",)
    assert [item.mentor for item in rank_mentors(e, mentors, PROBLEMS_ONLY, rules, loads=loads)] == [
        "m2",
        "m3",
        "m4",
        "m1",
    ]


def test_rank_puts_ineligible_mentors_with_fewer_failures_first() -> None:
    rules = Rules(mentor_min_experience_years=5)
    mentors = [
        mentor(id="a", experience_years=1, capabilities=frozenset()),
        mentor(id="b", experience_years=1),
    ]
    ranked = rank_mentors(mentee(), mentors, Weights(), rules, include_ineligible=True)
    assert [(item.mentor, item.failed_rules) for item in ranked] == [
        ("b", ("mentor_experience",)),
        ("a", ("mentor_experience", "no_problem_match")),
    ]
