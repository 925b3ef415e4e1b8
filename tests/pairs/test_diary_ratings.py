"""The mentee's rating of a meeting and the figures other features read from the log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.diary import log as diary
from nastavnik.diary.models import MeetingRating, PairMeeting
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from tests.conftest import World
from tests.pairs.matrix_diary import active_pair, meeting_of

TODAY = timezone.localdate


def _rate(world: World, role: str, meeting: PairMeeting, score: Any, comment: str = "") -> Any:
    return world.client_for(role).post(
        reverse("pairs:meeting_rate", args=[meeting.pk]), {"score": score, "comment": comment}
    )


def test_mentee_rates_a_meeting_and_may_change_the_rating(world: World) -> None:
    meeting = meeting_of(world)
    page = world.client_for("mentee").get(reverse("pairs:meeting_rate", args=[meeting.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('type="radio"') == 5 and "Как прошла встреча?" in html
    response = _rate(world, "mentee", meeting, 5, "Очень полезно")
    assert response.status_code == 302 and response.url == reverse("pairs:diary", args=[meeting.pair_id])
    response = _rate(world, "mentee", meeting, 3, "Передумала")
    assert response.status_code == 302
    rating = MeetingRating.objects.get()
    assert (rating.person, rating.score, rating.comment) == (world.people["mentee"], 3, "Передумала")
    page = world.client_for("mentee").get(reverse("pairs:meeting_rate", args=[meeting.pk])).content.decode()
    assert "Вы уже оценили эту встречу на 3" in page and 'value="3" aria-label="3 — нормально" checked' in page


@pytest.mark.parametrize("score", [0, 6, "", "пять", 4.5])
def test_a_score_outside_one_to_five_is_refused(world: World, score: Any) -> None:
    meeting = meeting_of(world)
    response = _rate(world, "mentee", meeting, score)
    assert response.status_code == 400
    assert "Выберите оценку от 1 до 5" in response.content.decode() or "Оценка — число от 1 до 5" in (
        response.content.decode()
    )
    assert not MeetingRating.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "curator", "director", "working_group", "region", "admin"])
def test_nobody_but_the_mentee_rates(world: World, role: str) -> None:
    meeting = meeting_of(world)
    assert world.client_for(role).get(reverse("pairs:meeting_rate", args=[meeting.pk])).status_code == 403
    assert _rate(world, role, meeting, 5).status_code == 403
    assert not MeetingRating.objects.exists()
    with pytest.raises(diary.PairError):
        diary.rate(meeting, world.people[role].user if role != "admin" else _admin(), 5)


def _admin() -> Any:
    from django.contrib.auth.models import User

    return User.objects.get(username="admin")


def test_outsiders_do_not_see_the_meeting(world: World) -> None:
    meeting = meeting_of(world)
    for role in ("other_curator", "teacher", "parent"):
        assert _rate(world, role, meeting, 5).status_code == 404


def test_mentee_of_a_dissolved_pair_no_longer_rates_but_of_a_completed_one_does(world: World) -> None:
    meeting = meeting_of(world)
    pair = meeting.pair
    PairMentee.objects.filter(pair=pair).update(is_current=False)
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.DISSOLVED)
    response = _rate(world, "mentee", meeting, 4)
    assert response.status_code == 403
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED)
    assert _rate(world, "mentee", meeting, 4).status_code == 302
    assert MeetingRating.objects.get().score == 4


def test_rating_is_unique_per_meeting_and_person_in_the_database(world: World) -> None:
    from django.db import IntegrityError, transaction

    meeting = meeting_of(world)
    MeetingRating.objects.create(meeting=meeting, person=world.people["mentee"], score=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingRating.objects.create(meeting=meeting, person=world.people["mentee"], score=5)


def test_meeting_stats(world: World) -> None:
    pair = active_pair(world)
    assert diary.meeting_stats(pair) == diary.MeetingStats()
    mentee = world.people["mentee"]
    first = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=20), duration_minutes=30)
    second = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=10), duration_minutes=60)
    third = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=3), duration_minutes=45)
    MeetingRating.objects.create(meeting=third, person=mentee, score=3)
    MeetingRating.objects.create(meeting=first, person=mentee, score=5)
    MeetingRating.objects.create(meeting=second, person=mentee, score=5)
    stats = diary.meeting_stats(pair)
    assert (stats.count, stats.minutes, stats.hours, stats.last_held_on) == (3, 135, 2.2, third.held_on)
    assert (stats.average_rating, stats.ratings_count, stats.last_ratings) == (4.33, 3, [3, 5])
    assert stats.rating_dropped and stats.count_text == "3 встречи" and stats.hours_text == "2,2 ч"
    assert stats.average_text == "4,3"


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    meetings=st.lists(
        st.tuples(st.integers(0, 200), st.integers(5, 600), st.one_of(st.none(), st.integers(1, 5))),
        max_size=8,
    )
)
def test_meeting_stats_match_a_plain_count(world: World, meetings: list[tuple[int, int, int | None]]) -> None:
    pair = active_pair(world)
    PairMeeting.objects.filter(pair=pair).delete()
    mentee = world.people["mentee"]
    created = []
    for days_ago, minutes, score in meetings:
        meeting = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=days_ago), duration_minutes=minutes)
        created.append((meeting, score))
        if score is not None:
            MeetingRating.objects.create(meeting=meeting, person=mentee, score=score)
    stats = diary.meeting_stats(pair)
    scores = [s for _, s in created if s is not None]
    assert stats.count == len(meetings)
    assert stats.minutes == sum(m for _, m, _ in meetings)
    assert stats.last_held_on == max((m.held_on for m, _ in created), default=None)
    assert stats.ratings_count == len(scores)
    assert stats.average_rating == (round(sum(scores) / len(scores), 2) if scores else None)
    rated = sorted(((m.held_on, m.pk, s) for m, s in created if s is not None), reverse=True)
    assert stats.last_ratings == [s for _, _, s in rated[:2]]


def test_stats_for_many_pairs_in_a_fixed_number_of_queries(world: World, django_assert_max_num_queries: Any) -> None:
    pair = active_pair(world)
    meeting_of(world)
    with django_assert_max_num_queries(2):
        stats = diary.meeting_stats_for([pair.pk, 999_999])
    assert stats[pair.pk].count == 1 and stats[999_999].count == 0


def test_log_shows_the_rate_button_only_to_the_mentee(world: World) -> None:
    meeting = meeting_of(world)
    url = reverse("pairs:diary", args=[meeting.pair_id])
    rate_url = reverse("pairs:meeting_rate", args=[meeting.pk])
    assert rate_url in world.client_for("mentee").get(url).content.decode()
    assert rate_url not in world.client_for("mentor").get(url).content.decode()
    assert rate_url not in world.client_for("curator").get(url).content.decode()
    _rate(world, "mentee", meeting, 4)
    assert "Изменить мою оценку (4)" in world.client_for("mentee").get(url).content.decode()
