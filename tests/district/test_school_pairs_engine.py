"""The «Школа – Школе» scoring and pairing engine: exact values, the hard rule, capacities."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.engines.matching.school_pairs import School, SchoolRules, evaluate_schools, pair_schools

RULES = SchoolRules()


def school(sid: str, index: float, size: int = 400, rural: bool = False, district: str = "1", cap: int = 1) -> School:
    return School(sid, index, size, rural, district, cap)


def test_a_similar_leader_scores_each_criterion_exactly() -> None:
    found = evaluate_schools(school("L", 80, 400), school("S", 60, 200), RULES)
    assert found.eligible
    assert [(r.code, r.text, r.points) for r in found.reasons] == [
        ("same_settlement", "Схожий уклад: обе школы городские", 3.0),
        ("similar_size", "Схожий размер: 400 и 200 обучающихся", 1.5),
        ("results_gap", "Разрыв в результатах: 20", 1.33),
        ("same_district", "Один район", 2.0),
    ]
    assert found.score == 7.83


def test_a_rural_pair_of_equal_size_with_a_saturated_gap_gets_full_points() -> None:
    found = evaluate_schools(school("L", 90.5, 150, rural=True), school("S", 45, 150, rural=True), RULES)
    assert [r.text for r in found.reasons] == [
        "Схожий уклад: обе школы сельские",
        "Схожий размер: 150 и 150 обучающихся",
        "Разрыв в результатах: 45,5 (учитывается до 30)",
        "Один район",
    ]
    assert found.score == 10.0


def test_different_settlement_size_and_district_bring_no_points() -> None:
    found = evaluate_schools(
        school("L", 70, 1000, rural=False, district="1"), school("S", 55, 250, rural=True, district="2"), RULES
    )
    assert [(r.code, r.points) for r in found.reasons] == [
        ("other_settlement", 0.0),
        ("size_far", 0.0),
        ("results_gap", 1.0),
        ("other_district", 0.0),
    ]
    assert found.score == 1.0


def test_a_gap_below_the_minimum_is_a_hard_rule_not_a_low_score() -> None:
    found = evaluate_schools(school("L", 65, 400), school("S", 60, 400), RULES)
    assert not found.eligible
    assert found.score == 0.0
    assert [r.text for r in found.reasons] == [
        "Разрыв в результатах 5 меньше минимального 10: 65 у школы-лидера и 60 у поддерживаемой"
    ]


def test_a_gap_equal_to_the_minimum_is_allowed_and_the_minimum_is_configurable() -> None:
    assert evaluate_schools(school("L", 70, 400), school("S", 60, 400), RULES).eligible
    assert not evaluate_schools(school("L", 70, 400), school("S", 60, 400), SchoolRules(min_gap=15)).eligible


def test_a_leader_behind_the_supported_school_is_never_paired() -> None:
    result = pair_schools([school("L", 50)], [school("S", 70)], RULES)
    assert result.pairs == ()
    assert result.unmatched == {"S": "Нет школы-лидера с индексом результатов выше хотя бы на 10"}


def test_a_leader_supports_no_more_schools_than_its_capacity() -> None:
    leaders = [school("A", 90, 400, cap=1)]
    supported = [school("S1", 60, 400), school("S2", 60, 2000)]
    result = pair_schools(leaders, supported, RULES)
    assert [(p.leader, p.supported) for p in result.pairs] == [("A", "S1")]  # the closer size wins
    assert result.unmatched == {"S2": "Все подходящие школы-лидеры уже поддерживают столько школ, сколько могут"}


def test_capacities_are_used_to_pair_as_many_schools_as_possible() -> None:
    leaders = [school("A", 90, cap=2), school("B", 75, cap=1)]
    supported = [school("S1", 50), school("S2", 60), school("S3", 62)]
    result = pair_schools(leaders, supported, RULES)
    load = Counter(p.leader for p in result.pairs)
    assert len(result.pairs) == 3
    assert load == {"A": 2, "B": 1}
    assert ("B", "S1") in {(p.leader, p.supported) for p in result.pairs}  # B is 25 ahead of S1; 15/13 of S2/S3


schools = st.builds(
    School,
    id=st.just(""),
    results_index=st.integers(0, 100).map(float),
    students_count=st.integers(1, 3000),
    is_rural=st.booleans(),
    district=st.sampled_from(["1", "2"]),
    capacity=st.integers(1, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(schools, min_size=1, max_size=5), st.lists(schools, min_size=1, max_size=7))
def test_pairing_never_breaks_capacity_or_the_hard_rule(leaders: list[School], supported: list[School]) -> None:
    leaders = [
        School(f"L{i}", s.results_index, s.students_count, s.is_rural, s.district, s.capacity)
        for i, s in enumerate(leaders)
    ]
    supported = [
        School(f"S{i}", s.results_index, s.students_count, s.is_rural, s.district) for i, s in enumerate(supported)
    ]
    by_id = {s.id: s for s in [*leaders, *supported]}
    result = pair_schools(leaders, supported, RULES)
    load = Counter(p.leader for p in result.pairs)
    assert all(load[leader.id] <= leader.capacity for leader in leaders)
    assert all(by_id[p.leader].results_index - by_id[p.supported].results_index >= 10 for p in result.pairs)
    assert len({p.supported for p in result.pairs}) == len(result.pairs)
    assert set(result.unmatched) | {p.supported for p in result.pairs} == {s.id for s in supported}
