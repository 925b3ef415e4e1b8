"""Optimal assignment: hand-computed examples, errors, properties, references."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.engines.matching import Edge, Link, MatchingInputError, Mentor, Result, solve_optimal
from nastavnik.engines.matching.model import EdgeColumns
from nastavnik.engines.matching.optimal import MAX_ABS_SCORE, POLICIES, Policy

from .helpers import brute_force, milp_optimum, objective, scaled

Instance = tuple[list[Mentor], list[str], list[Edge], list[Link], list[Link]]


def pairs_of(result: Result) -> list[tuple[str, str, float | None]]:
    return [(p.mentor, p.mentee, p.score) for p in result.pairs]


# --- exact examples --------------------------------------------------------


def test_more_pairs_beat_a_higher_score() -> None:
    # m1 could take e1 for 10, but then e2 has nobody: 2 pairs (1 + 1) win.
    result = solve_optimal(
        [Mentor("m1", 1), Mentor("m2", 1)],
        ["e1", "e2"],
        [Edge("m1", "e1", 10), Edge("m1", "e2", 1), Edge("m2", "e1", 1)],
    )
    assert pairs_of(result) == [("m1", "e2", 1.0), ("m2", "e1", 1.0)]
    assert result.unmatched == ()
    assert result.total_score == 2.0


def test_max_score_policy_prefers_the_higher_score() -> None:
    result = solve_optimal(
        [Mentor("m1", 1), Mentor("m2", 1)],
        ["e1", "e2"],
        [Edge("m1", "e1", 10), Edge("m1", "e2", 1), Edge("m2", "e1", 1)],
        policy="max_score",
    )
    assert pairs_of(result) == [("m1", "e1", 10.0)]
    assert result.unmatched == ("e2",)


def test_max_score_policy_never_uses_a_negative_pair_but_uses_zero() -> None:
    result = solve_optimal(
        [Mentor("m1", 2)],
        ["e1", "e2", "e3"],
        [Edge("m1", "e1", -1), Edge("m1", "e2", 0), Edge("m1", "e3", 5)],
        policy="max_score",
    )
    assert pairs_of(result) == [("m1", "e2", 0.0), ("m1", "e3", 5.0)]


def test_default_policy_uses_a_negative_pair_to_match_more() -> None:
    result = solve_optimal([Mentor("m1", 1)], ["e1"], [Edge("m1", "e1", -2.5)])
    assert pairs_of(result) == [("m1", "e1", -2.5)]
    assert result.total_score == -2.5


def test_among_equal_cardinality_the_best_total_wins() -> None:
    # Capacity 2 for three mentees: keep the two best scores.
    result = solve_optimal(
        [Mentor("m1", 2)],
        ["e1", "e2", "e3"],
        [Edge("m1", "e1", 3.5), Edge("m1", "e2", 7.25), Edge("m1", "e3", 5)],
    )
    assert pairs_of(result) == [("m1", "e2", 7.25), ("m1", "e3", 5.0)]
    assert result.unmatched == ("e1",)
    assert result.total_score == 12.25


def test_specification_example() -> None:
    result = solve_optimal(
        [Mentor("m1", 2), Mentor("m2", 1)],
        ["e1", "e7"],
        [Edge("m1", "e1", 7.5)],
        locked=[Link("m1", "e1")],
        forbidden=[Link("m2", "e1")],
    )
    assert pairs_of(result) == [("m1", "e1", 7.5)]
    assert result.unmatched == ("e7",)
    assert result.total_score == 7.5


def test_locked_pair_outside_edges_counts_zero_and_takes_capacity() -> None:
    result = solve_optimal(
        [Mentor("m1", 1), Mentor("m2", 1)],
        ["e1", "e2"],
        [Edge("m1", "e2", 9), Edge("m2", "e2", 1)],
        locked=[Link("m1", "e1")],
    )
    assert pairs_of(result) == [("m1", "e1", 0.0), ("m2", "e2", 1.0)]


def test_locked_pair_keeps_its_best_edge_score() -> None:
    result = solve_optimal(
        [Mentor("m1", 1)],
        ["e1"],
        [Edge("m1", "e1", 2), Edge("m1", "e1", 4)],
        locked=[Link("m1", "e1")],
    )
    assert pairs_of(result) == [("m1", "e1", 4.0)]


def test_duplicate_edges_keep_the_highest_score() -> None:
    result = solve_optimal([Mentor("m1", 1)], ["e1"], [Edge("m1", "e1", 2), Edge("m1", "e1", 6), Edge("m1", "e1", 1)])
    assert pairs_of(result) == [("m1", "e1", 6.0)]


def test_forbidden_edge_is_never_used_even_if_listed() -> None:
    result = solve_optimal([Mentor("m1", 1)], ["e1"], [Edge("m1", "e1", 5)], forbidden=[Link("m1", "e1")] * 2)
    assert result.pairs == ()
    assert result.unmatched == ("e1",)


def test_pairs_are_sorted_by_mentor_then_mentee_in_input_order() -> None:
    result = solve_optimal(
        [Mentor("zeta", 2), Mentor("alpha", 2)],
        ["e3", "e1", "e2", "e0"],
        [Edge(m, e, 1) for m in ("zeta", "alpha") for e in ("e0", "e1", "e2", "e3")],
    )
    order = [(p.mentor, p.mentee) for p in result.pairs]
    mentor_pos = {"zeta": 0, "alpha": 1}
    mentee_pos = {"e3": 0, "e1": 1, "e2": 2, "e0": 3}
    assert order == sorted(order, key=lambda k: (mentor_pos[k[0]], mentee_pos[k[1]]))
    assert result.matched == 4


def test_empty_inputs_give_an_empty_result() -> None:
    assert solve_optimal([], [], []).pairs == ()
    result = solve_optimal([Mentor("m1", 0)], ["e1"], [Edge("m1", "e1", 1)])
    assert result.pairs == () and result.unmatched == ("e1",) and result.total_score == 0


def test_total_score_reads_cleanly() -> None:
    result = solve_optimal([Mentor("m1", 2)], ["e1", "e2"], [Edge("m1", "e1", 0.1), Edge("m1", "e2", 0.2)])
    assert result.total_score == 0.3


def test_scores_are_optimal_to_three_decimals() -> None:
    result = solve_optimal([Mentor("m1", 1)], ["e1", "e2"], [Edge("m1", "e1", 1.001), Edge("m1", "e2", 1.002)])
    assert pairs_of(result) == [("m1", "e2", 1.002)]


# --- input errors ----------------------------------------------------------

ERRORS = [
    pytest.param(
        dict(mentors=[Mentor("m1", 1), Mentor("m1", 2)]),
        "mentors[1].id: повторяющийся идентификатор «m1» (уже есть в mentors[0])",
        id="duplicate-mentor",
    ),
    pytest.param(
        dict(mentees=["e1", "e2", "e1"]),
        "mentees[2].id: повторяющийся идентификатор «e1» (уже есть в mentees[0])",
        id="duplicate-mentee",
    ),
    pytest.param(
        dict(mentors=[Mentor("m1", 1), Mentor("m2", -1)]),
        "mentors[1].capacity: отрицательная вместимость -1",
        id="negative-capacity",
    ),
    pytest.param(
        dict(edges=[Edge("m1", "e1", 1), Edge("m9", "e1", 1)]),
        "edges[1]: неизвестный наставник «m9»",
        id="edge-unknown-mentor",
    ),
    pytest.param(
        dict(edges=[Edge("m1", "e1", 1), Edge("m1", "e9", 1), Edge("m9", "e1", 1)]),
        "edges[1]: неизвестный наставляемый «e9»",
        id="edge-unknown-mentee",
    ),
    pytest.param(
        dict(edges=[Edge("m1", "e1", float("nan"))]),
        "edges[0].score: оценка nan вне допустимого диапазона",
        id="nan-score",
    ),
    pytest.param(
        dict(edges=[Edge("m1", "e1", 2 * MAX_ABS_SCORE)]),
        "edges[0].score: оценка 2000000.0 вне допустимого диапазона",
        id="huge-score",
    ),
    pytest.param(
        dict(locked=[Link("m9", "e1")]),
        "locked[0]: неизвестный наставник «m9»",
        id="locked-unknown-mentor",
    ),
    pytest.param(
        dict(locked=[Link("m1", "e9")]),
        "locked[0]: неизвестный наставляемый «e9»",
        id="locked-unknown-mentee",
    ),
    pytest.param(
        dict(locked=[Link("m1", "e1")], forbidden=[Link("m2", "e2"), Link("m1", "e1")]),
        "locked[0]: пара «m1» – «e1» запрещена (forbidden[1])",
        id="locked-forbidden",
    ),
    pytest.param(
        dict(locked=[Link("m1", "e1"), Link("m2", "e1")]),
        "locked[1]: наставляемый «e1» уже закреплён в locked[0]",
        id="locked-twice",
    ),
    pytest.param(
        dict(locked=[Link("m2", "e1"), Link("m2", "e2")]),
        "locked[1]: закреплённых пар у наставника «m2» больше, чем его вместимость 1",
        id="locked-over-capacity",
    ),
    pytest.param(
        dict(forbidden=[Link("m1", "e9")]),
        "forbidden[0]: неизвестный наставляемый «e9»",
        id="forbidden-unknown",
    ),
]


@pytest.mark.parametrize(("change", "message"), ERRORS)
def test_bad_input_raises_an_error_naming_the_element(change: dict[str, Any], message: str) -> None:
    arguments = dict(
        mentors=[Mentor("m1", 2), Mentor("m2", 1)],
        mentees=["e1", "e2"],
        edges=[Edge("m1", "e1", 1)],
        locked=[],
        forbidden=[],
    )
    arguments.update(change)
    with pytest.raises(MatchingInputError) as caught:
        solve_optimal(**arguments)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message)


def test_unknown_policy_is_rejected() -> None:
    with pytest.raises(ValueError, match="policy"):
        solve_optimal([], [], [], policy="best")  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------


@st.composite
def instances(draw: st.DrawFn, max_mentors: int = 3, max_mentees: int = 6, max_edges: int = 12) -> Instance:
    """Small instances with duplicates, forbidden pairs and feasible locks."""
    n_mentors = draw(st.integers(1, max_mentors))
    n_mentees = draw(st.integers(1, max_mentees))
    mentors = [Mentor(f"m{i}", draw(st.integers(0, 3))) for i in range(n_mentors)]
    mentees = [f"e{j}" for j in range(n_mentees)]
    index = st.tuples(st.integers(0, n_mentors - 1), st.integers(0, n_mentees - 1))
    edges = [
        Edge(f"m{i}", f"e{j}", draw(st.integers(-5, 20)) / 4) for i, j in draw(st.lists(index, max_size=max_edges))
    ]
    forbidden = [Link(f"m{i}", f"e{j}") for i, j in draw(st.lists(index, max_size=3))]
    banned = {(f.mentor, f.mentee) for f in forbidden}
    load: Counter[str] = Counter()
    locked: list[Link] = []
    for j in draw(st.lists(st.integers(0, n_mentees - 1), unique=True, max_size=2)):
        i = draw(st.integers(0, n_mentors - 1))
        mentor = mentors[i]
        if (mentor.id, f"e{j}") not in banned and load[mentor.id] < mentor.capacity:
            load[mentor.id] += 1
            locked.append(Link(mentor.id, f"e{j}"))
    return mentors, mentees, edges, locked, forbidden


@settings(max_examples=150)
@given(instances())
def test_result_respects_every_hard_constraint(instance: Instance) -> None:
    mentors, mentees, edges, locked, forbidden = instance
    result = solve_optimal(mentors, mentees, edges, locked, forbidden)
    used = Counter(p.mentor for p in result.pairs)
    assert all(used[m.id] <= m.capacity for m in mentors)
    pairs = {(p.mentor, p.mentee) for p in result.pairs}
    assert {(link.mentor, link.mentee) for link in locked} <= pairs
    assert not pairs & {(f.mentor, f.mentee) for f in forbidden}
    listed = {(e.mentor, e.mentee) for e in edges} | {(k.mentor, k.mentee) for k in locked}
    assert pairs <= listed
    matched = [p.mentee for p in result.pairs]
    assert len(matched) == len(set(matched))
    assert sorted(matched + list(result.unmatched)) == sorted(mentees)
    assert result.total_score == pytest.approx(sum(p.score or 0 for p in result.pairs))


@settings(max_examples=150)
@given(instances())
def test_optimum_equals_brute_force(instance: Instance) -> None:
    result = solve_optimal(*instance)
    assert objective(result) == brute_force(*instance)


@settings(max_examples=100)
@given(instances(), st.sampled_from(POLICIES))
def test_edge_columns_give_the_same_result_as_edge_objects(instance: Instance, policy: Policy) -> None:
    """The JSON reader hands the engine columns; the web app hands it Edge objects."""
    mentors, mentees, edges, locked, forbidden = instance
    columns = EdgeColumns([e.mentor for e in edges], [e.mentee for e in edges], [e.score for e in edges])
    assert list(columns) == edges
    expected = solve_optimal(mentors, mentees, edges, locked, forbidden, policy=policy)
    assert solve_optimal(mentors, mentees, columns, locked, forbidden, policy=policy) == expected


def test_edge_columns_name_the_first_unknown_id_like_edge_objects() -> None:
    columns = EdgeColumns(["m1", "m1", "m9"], ["e1", "e2", "e1"], [1.0, 2.0, 3.0])
    with pytest.raises(MatchingInputError, match=r"edges\[2\]"):
        solve_optimal([Mentor("m1", 2)], ["e1", "e2"], columns)


@settings(max_examples=100)
@given(instances())
def test_max_score_policy_equals_brute_force(instance: Instance) -> None:
    mentors, mentees, edges, locked, forbidden = instance
    result = solve_optimal(mentors, mentees, edges, locked, forbidden, policy="max_score")
    assert objective(result) == brute_force(mentors, mentees, edges, locked, forbidden, score_first=True)
    fixed = {(k.mentor, k.mentee) for k in locked}
    assert all((p.score or 0) >= 0 for p in result.pairs if (p.mentor, p.mentee) not in fixed)


def random_instance(seed: int, n_mentors: int, n_mentees: int, degree: int) -> Instance:
    rng = np.random.default_rng(seed)
    mentors = [Mentor(f"m{i}", int(c)) for i, c in enumerate(rng.integers(0, 6, n_mentors))]
    mentees = [f"e{j}" for j in range(n_mentees)]
    edges = [
        Edge(f"m{i}", f"e{j}", round(float(rng.normal(5, 3)), 3))
        for j in range(n_mentees)
        for i in rng.choice(n_mentors, size=degree, replace=False)
    ]
    forbidden = [Link(e.mentor, e.mentee) for e in edges[::17]]
    locked: list[Link] = []
    load: Counter[str] = Counter()
    banned = {(f.mentor, f.mentee) for f in forbidden}
    for edge in edges[3::29]:
        capacity = mentors[int(edge.mentor[1:])].capacity
        if (edge.mentor, edge.mentee) in banned or load[edge.mentor] >= capacity:
            continue
        if any(k.mentee == edge.mentee for k in locked):
            continue
        load[edge.mentor] += 1
        locked.append(Link(edge.mentor, edge.mentee))
    return mentors, mentees, edges, locked, forbidden


@pytest.mark.parametrize("seed", range(6))
def test_optimum_equals_an_independent_milp(seed: int) -> None:
    instance = random_instance(seed, n_mentors=12, n_mentees=40, degree=4)
    assert objective(solve_optimal(*instance)) == milp_optimum(*instance)


def test_lexicographic_objective_is_exact_with_large_scores() -> None:
    # With ±1e6 scores a naive big-M would overflow; one extra pair still wins.
    mentors = [Mentor("m1", 1), Mentor("m2", 1)]
    edges = [Edge("m1", "e1", MAX_ABS_SCORE), Edge("m1", "e2", -MAX_ABS_SCORE), Edge("m2", "e1", -MAX_ABS_SCORE)]
    result = solve_optimal(mentors, ["e1", "e2"], edges)
    assert result.matched == 2
    assert result.total_score == -2 * MAX_ABS_SCORE
    assert objective(result)[1] == scaled(-2 * MAX_ABS_SCORE)
