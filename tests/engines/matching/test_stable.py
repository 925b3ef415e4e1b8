"""Stable matching: examples, errors, stability and mentee-optimality."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.engines.matching import (
    Link,
    MatchingInputError,
    Result,
    StableMentee,
    StableMentor,
    solve_stable,
)

from .helpers import all_matchings, blocking_pairs, mutual

Market = tuple[list[StableMentor], list[StableMentee]]


def as_dict(result: Result) -> dict[str, str]:
    return {p.mentee: p.mentor for p in result.pairs}


# --- exact examples --------------------------------------------------------


def test_classic_example_gives_the_mentee_optimal_matching() -> None:
    # Two stable matchings exist: {e1-m1, e2-m2} (mentees' choice) and
    # {e1-m2, e2-m1} (mentors' choice); mentees propose, so they get theirs.
    mentors = [StableMentor("m1", 1, ("e2", "e1")), StableMentor("m2", 1, ("e1", "e2"))]
    mentees = [StableMentee("e1", ("m1", "m2")), StableMentee("e2", ("m2", "m1"))]
    result = solve_stable(mentors, mentees)
    assert as_dict(result) == {"e1": "m1", "e2": "m2"}
    assert [(p.mentee_rank, p.mentor_rank) for p in result.pairs] == [(1, 2), (1, 2)]
    assert result.total_score == 0 and all(p.score is None for p in result.pairs)


def test_capacity_keeps_the_best_proposals() -> None:
    mentors = [StableMentor("m1", 2, ("e3", "e1", "e2"))]
    mentees = [StableMentee(e, ("m1",)) for e in ("e1", "e2", "e3")]
    result = solve_stable(mentors, mentees)
    assert as_dict(result) == {"e1": "m1", "e3": "m1"}
    assert result.unmatched == ("e2",)


def test_pairs_form_only_by_mutual_choice() -> None:
    mentors = [StableMentor("m1", 3, ("e1",)), StableMentor("m2", 3, ("e2",))]
    mentees = [StableMentee("e1", ("m1", "m2")), StableMentee("e2", ("m1",))]
    result = solve_stable(mentors, mentees)
    assert as_dict(result) == {"e1": "m1"}
    assert result.unmatched == ("e2",)


def test_rejected_mentee_moves_down_the_list() -> None:
    mentors = [StableMentor("m1", 1, ("e2", "e1")), StableMentor("m2", 1, ("e1",))]
    mentees = [StableMentee("e1", ("m1", "m2")), StableMentee("e2", ("m1",))]
    result = solve_stable(mentors, mentees)
    assert as_dict(result) == {"e1": "m2", "e2": "m1"}
    assert [(p.mentor, p.mentee_rank, p.mentor_rank) for p in result.pairs] == [
        ("m1", 1, 1),
        ("m2", 2, 1),
    ]


def test_forbidden_pair_never_forms() -> None:
    mentors = [StableMentor("m1", 1, ("e1",)), StableMentor("m2", 1, ("e1",))]
    mentees = [StableMentee("e1", ("m1", "m2"))]
    result = solve_stable(mentors, mentees, forbidden=[Link("m1", "e1")])
    assert as_dict(result) == {"e1": "m2"}


def test_locked_pair_is_kept_and_uses_capacity() -> None:
    mentors = [StableMentor("m1", 1, ("e1", "e2"))]
    mentees = [StableMentee("e1", ("m1",)), StableMentee("e2", ())]
    result = solve_stable(mentors, mentees, locked=[Link("m1", "e2")])
    assert as_dict(result) == {"e2": "m1"}
    assert result.pairs[0].mentee_rank is None and result.pairs[0].mentor_rank == 2
    assert result.unmatched == ("e1",)


def test_pairs_are_sorted_by_mentor_then_mentee_input_order() -> None:
    mentors = [StableMentor("b", 2, ("y", "x")), StableMentor("a", 2, ("z",))]
    mentees = [StableMentee("z", ("a",)), StableMentee("y", ("b",)), StableMentee("x", ("b",))]
    result = solve_stable(mentors, mentees)
    assert [(p.mentor, p.mentee) for p in result.pairs] == [("b", "y"), ("b", "x"), ("a", "z")]


# --- input errors ----------------------------------------------------------

ERRORS = [
    pytest.param(
        [StableMentor("m1", 1, ("e9",))],
        [StableMentee("e1")],
        {},
        "mentors[0].prefs[0]: неизвестный наставляемый «e9»",
        id="unknown-in-mentor-prefs",
    ),
    pytest.param(
        [StableMentor("m1", 1)],
        [StableMentee("e1", ("m1", "m9"))],
        {},
        "mentees[0].prefs[1]: неизвестный наставник «m9»",
        id="unknown-in-mentee-prefs",
    ),
    pytest.param(
        [StableMentor("m1", 1)],
        [StableMentee("e1", ("m1", "m1"))],
        {},
        "mentees[0].prefs[1]: наставник «m1» уже указан в prefs[0]",
        id="repeated-pref",
    ),
    pytest.param(
        [StableMentor("m1", -3)],
        [StableMentee("e1")],
        {},
        "mentors[0].capacity: отрицательная вместимость -3",
        id="negative-capacity",
    ),
    pytest.param(
        [StableMentor("m1", 1), StableMentor("m1", 1)],
        [StableMentee("e1")],
        {},
        "mentors[1].id: повторяющийся идентификатор «m1»",
        id="duplicate-mentor",
    ),
    pytest.param(
        [StableMentor("m1", 1)],
        [StableMentee("e1")],
        {"locked": [Link("m1", "e1")], "forbidden": [Link("m1", "e1")]},
        "locked[0]: пара «m1» – «e1» запрещена (forbidden[0])",
        id="locked-forbidden",
    ),
    pytest.param(
        [StableMentor("m1", 0)],
        [StableMentee("e1")],
        {"locked": [Link("m1", "e1")]},
        "locked[0]: закреплённых пар у наставника «m1» больше, чем его вместимость 0",
        id="locked-over-capacity",
    ),
]


@pytest.mark.parametrize(("mentors", "mentees", "extra", "message"), ERRORS)
def test_bad_input_raises_an_error_naming_the_element(
    mentors: list[StableMentor], mentees: list[StableMentee], extra: dict[str, list[Link]], message: str
) -> None:
    with pytest.raises(MatchingInputError) as caught:
        solve_stable(mentors, mentees, **extra)
    assert str(caught.value).startswith(message)


# --- properties ------------------------------------------------------------


@st.composite
def markets(draw: st.DrawFn, max_mentors: int = 3, max_mentees: int = 5) -> Market:
    n_mentors = draw(st.integers(1, max_mentors))
    n_mentees = draw(st.integers(1, max_mentees))
    mentor_ids = [f"m{i}" for i in range(n_mentors)]
    mentee_ids = [f"e{j}" for j in range(n_mentees)]
    mentors = [
        StableMentor(
            m, draw(st.integers(0, 2)), tuple(draw(st.permutations(mentee_ids))[: draw(st.integers(0, n_mentees))])
        )
        for m in mentor_ids
    ]
    mentees = [
        StableMentee(e, tuple(draw(st.permutations(mentor_ids))[: draw(st.integers(0, n_mentors))])) for e in mentee_ids
    ]
    return mentors, mentees


def rank_of(mentee: StableMentee, mentor: str | None) -> int:
    return mentee.prefs.index(mentor) if mentor else len(mentee.prefs)


@settings(max_examples=200)
@given(markets())
def test_result_is_the_mentee_optimal_stable_matching(market: Market) -> None:
    mentors, mentees = market
    ours = as_dict(solve_stable(mentors, mentees))
    stable = [m for m in all_matchings(mentors, mentees) if not blocking_pairs(mentors, mentees, m)]
    assert ours in stable
    for other in stable:
        for mentee in mentees:
            assert rank_of(mentee, ours.get(mentee.id)) <= rank_of(mentee, other.get(mentee.id))


@settings(max_examples=100)
@given(markets(max_mentors=8, max_mentees=25))
def test_larger_markets_have_no_blocking_pair(market: Market) -> None:
    mentors, mentees = market
    result = solve_stable(mentors, mentees)
    ours = as_dict(result)
    assert blocking_pairs(mentors, mentees, ours) == []
    assert set(ours.items()) <= {(e, m) for m, e in mutual(mentors, mentees)}
    used = Counter(ours.values())
    assert all(used[m.id] <= m.capacity for m in mentors)
    assert sorted(list(ours) + list(result.unmatched)) == sorted(e.id for e in mentees)


@settings(max_examples=100)
@given(markets(max_mentors=5, max_mentees=12), st.data())
def test_with_locks_and_forbidden_pairs_the_rest_is_stable(market: Market, data: st.DataObject) -> None:
    mentors, mentees = market
    pairs = sorted(mutual(mentors, mentees))
    forbidden = [Link(m, e) for m, e in data.draw(st.lists(st.sampled_from(pairs), max_size=3))] if pairs else []
    banned = frozenset((f.mentor, f.mentee) for f in forbidden)
    locked: list[Link] = []
    load: Counter[str] = Counter()
    for mentor in mentors:
        for mentee in data.draw(st.lists(st.sampled_from([e.id for e in mentees]), max_size=2, unique=True)):
            taken = {k.mentee for k in locked}
            if (mentor.id, mentee) not in banned and load[mentor.id] < mentor.capacity and mentee not in taken:
                load[mentor.id] += 1
                locked.append(Link(mentor.id, mentee))
    result = solve_stable(mentors, mentees, locked, forbidden)
    ours = as_dict(result)
    fixed = {k.mentee: k.mentor for k in locked}
    assert all(ours[e] == m for e, m in fixed.items())
    free = {e: m for e, m in ours.items() if e not in fixed}
    assert not {(m, e) for e, m in free.items()} & banned
    residual = {m.id: m.capacity - load[m.id] for m in mentors}
    assert blocking_pairs(mentors, mentees, free, frozenset(fixed), residual, banned) == []
