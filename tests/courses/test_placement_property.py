"""Internship placement on plain data: capacities hold, as many are placed as the places allow, and
the shared interests are the most any assignment reaches (brute force on small cases)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from nastavnik.courses.services import assign

TAGS = ["проекты", "инклюзия", "ИОМ", "цифровые технологии"]
tags = st.sets(st.sampled_from(TAGS), max_size=3)
hosts_st = st.lists(st.tuples(st.integers(1, 3), tags), min_size=1, max_size=3)
trainees_st = st.lists(tags, max_size=5)


def _inputs(hosts: list[tuple[int, set[str]]], trainees: list[set[str]]) -> tuple[list, list]:
    return (
        [(f"h{i}", cap, offers) for i, (cap, offers) in enumerate(hosts)],
        [(f"t{i}", interests) for i, interests in enumerate(trainees)],
    )


def _overlap(chosen: dict[str, str], hosts: list, trainees: list) -> int:
    offers = {h: o for h, _, o in hosts}
    interests = dict(trainees)
    return sum(len(interests[t] & offers[h]) for t, h in chosen.items())


def _best_overlap(hosts: list, trainees: list) -> int:
    """Brute force: every trainee to a host or to nobody, within capacities, most placed first."""
    options = [None, *[h for h, _, _ in hosts]]
    capacity = {h: c for h, c, _ in hosts}
    best = (-1, -1)
    for choice in itertools.product(options, repeat=len(trainees)):
        used = [h for h in choice if h is not None]
        if any(used.count(h) > capacity[h] for h in capacity):
            continue
        chosen = {t: h for (t, _), h in zip(trainees, choice, strict=True) if h is not None}
        best = max(best, (len(chosen), _overlap(chosen, hosts, trainees)))
    return best[1]


@given(hosts_st, trainees_st)
def test_no_host_takes_more_trainees_than_its_places(hosts: list, trainees: list) -> None:
    h, t = _inputs(hosts, trainees)
    chosen = assign(h, t)
    for host_id, capacity, _ in h:
        assert list(chosen.values()).count(host_id) <= capacity


@given(hosts_st, trainees_st)
def test_everyone_is_placed_while_places_last(hosts: list, trainees: list) -> None:
    h, t = _inputs(hosts, trainees)
    assert len(assign(h, t)) == min(len(t), sum(c for _, c, _ in h))


@given(hosts_st, trainees_st)
def test_shared_interests_are_the_most_possible(hosts: list, trainees: list) -> None:
    h, t = _inputs(hosts, trainees)
    assert _overlap(assign(h, t), h, t) == _best_overlap(h, t)


def test_a_trainee_goes_where_his_interest_is_offered() -> None:
    chosen = assign(
        [("лицей", 1, {"цифровые технологии"}), ("школа", 1, {"инклюзия"})],
        [("a", {"инклюзия"}), ("b", {"цифровые технологии"})],
    )
    assert chosen == {"a": "школа", "b": "лицей"}
