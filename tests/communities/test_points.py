"""The points rule: exact examples and properties (more contribution never means fewer points or badges)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nastavnik.communities.points import Contribution, badges, leaderboard, points, rule_lines

counts = st.integers(min_value=0, max_value=60)
contributions = st.builds(Contribution, counts, counts, counts)


def test_points_follow_the_published_rule() -> None:
    assert points(Contribution(events=3, materials=2, trainees=1)) == 3 * 2 + 2 * 3 + 5


def test_badges_come_at_their_thresholds() -> None:
    assert badges(Contribution(events=4)) == ()
    assert badges(Contribution(events=5)) == ("Активный участник",)
    assert badges(Contribution(trainees=3, materials=3)) == (
        "Активный участник",
        "Каскадный тренер",
        "Автор банка материалов",
    )


def test_the_rule_shown_on_the_page_names_every_weight() -> None:
    text = " ".join(rule_lines())
    assert "2 балла" in text and "3 балла" in text and "5 баллов" in text and "от 10 баллов" in text


@given(contributions, st.sampled_from(["events", "materials", "trainees"]))
def test_more_contribution_never_loses_points_or_badges(c: Contribution, field: str) -> None:
    more = Contribution(**{**c.__dict__, field: getattr(c, field) + 1})
    assert points(more) > points(c)
    assert set(badges(c)) <= set(badges(more))


@given(st.lists(contributions, max_size=8))
def test_leaderboard_is_sorted_by_points(items: list[Contribution]) -> None:
    board = leaderboard([(i, f"П{i}", c) for i, c in enumerate(items)])
    assert [s.points for s in board] == sorted((points(c) for c in items), reverse=True)
