"""The three writes: a mentee's request, a meeting log entry and a meeting rating — the domain's own rules."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from nastavnik.bases.models import MenteeEntry, ReferredBy
from nastavnik.diary.models import MeetingRating, PairMeeting
from nastavnik.pairs.models import PairStatus
from nastavnik.programmes.models import ProblemCategory
from tests.api.conftest import call
from tests.conftest import World
from tests.pairs.matrix_diary import active_pair, meeting_of


def _request_body(world: World, **extra: object) -> dict[str, object]:
    return {
        "programme": world.programme.pk,
        "problems": list(ProblemCategory.objects.values_list("pk", flat=True)[:1]),
        "goal": "Научиться выступать на конференциях",
        **extra,
    }


def test_a_student_files_their_own_request(world: World, keys: dict[str, str]) -> None:
    world.mentee_entry.delete()
    answer = call("post", "/mentee-requests", keys["mentee"], _request_body(world))
    assert answer.status == 201, answer.data
    entry = MenteeEntry.objects.get(person=world.people["mentee"])
    assert answer.data["id"] == entry.pk and answer.data["goal"] == "Научиться выступать на конференциях"
    assert entry.referred_by == ReferredBy.SELF and entry.programme_form == world.programme.forms.get()


def test_a_second_request_in_the_same_programme_is_refused_with_the_forms_message(
    world: World, keys: dict[str, str]
) -> None:
    answer = call("post", "/mentee-requests", keys["mentee"], _request_body(world))
    assert answer.status == 422
    assert answer.data["detail"][0]["loc"][-1] == "programme"
    assert "уже есть в этой базе программы" in answer.data["detail"][0]["msg"]
    assert MenteeEntry.objects.filter(person=world.people["mentee"]).count() == 1


def test_a_request_to_another_schools_programme_is_refused(world: World, keys: dict[str, str]) -> None:
    world.mentee_entry.delete()
    answer = call("post", "/mentee-requests", keys["mentee"], _request_body(world, programme=world.other_programme.pk))
    assert answer.status == 422 and answer.data["detail"][0]["loc"][-1] == "programme"
    assert not MenteeEntry.objects.filter(person=world.people["mentee"]).exists()


@pytest.mark.parametrize("role", ["curator", "director", "region", "parent", "admin"])
def test_staff_and_parents_cannot_file_a_request_for_themselves(world: World, keys: dict[str, str], role: str) -> None:
    answer = call("post", "/mentee-requests", keys[role], _request_body(world))
    assert answer.status == 403 and "Нет программы наставничества" in answer.data["detail"]


def test_a_request_without_a_goal_or_problems_gets_422(world: World, keys: dict[str, str]) -> None:
    body = _request_body(world)
    del body["goal"]
    answer = call("post", "/mentee-requests", keys["mentee"], {**body, "problems": []})
    assert answer.status == 422 and {e["loc"][-1] for e in answer.data["detail"]} >= {"goal", "problems"}


def _meeting(**extra: object) -> dict[str, object]:
    held = timezone.localdate() - datetime.timedelta(days=2)
    return {"held_on": held.isoformat(), "topic": "Подготовка к олимпиаде", "duration_minutes": 60, **extra}


@pytest.mark.parametrize("role", ["mentor", "curator", "working_group", "director"])
def test_the_mentor_and_the_schools_staff_log_a_meeting(world: World, keys: dict[str, str], role: str) -> None:
    pair = active_pair(world)
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys[role], _meeting())
    assert answer.status == 201, answer.data
    meeting = PairMeeting.objects.get(pk=answer.data["id"])
    assert (meeting.pair_id, meeting.topic, meeting.duration_minutes) == (pair.pk, "Подготовка к олимпиаде", 60)


@pytest.mark.parametrize(
    ("role", "status"), [("mentee", 403), ("district", 403), ("other_curator", 404), ("parent", 404)]
)
def test_others_cannot_log_a_meeting(world: World, keys: dict[str, str], role: str, status: int) -> None:
    pair = active_pair(world)
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys[role], _meeting())
    assert answer.status == status and answer.data["detail"]
    assert not PairMeeting.objects.exists()


def test_a_meeting_in_the_future_or_too_long_is_refused_in_russian(world: World, keys: dict[str, str]) -> None:
    pair = active_pair(world)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys["mentor"], _meeting(held_on=tomorrow))
    assert answer.status == 422 and "не может быть позже сегодняшнего дня" in answer.data["detail"][0]["msg"]
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys["mentor"], _meeting(duration_minutes=900))
    assert answer.status == 422 and answer.data["detail"][0]["loc"][-1] == "duration_minutes"
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys["mentor"], _meeting(kind="пикник"))
    assert answer.status == 422 and answer.data["detail"][0]["loc"][-1] == "kind"
    assert not PairMeeting.objects.exists()


def test_a_closed_log_answers_409(world: World, keys: dict[str, str]) -> None:
    pair = active_pair(world)
    type(pair).objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED)
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys["curator"], _meeting())
    assert answer.status == 409 and "дневник закрыт" in answer.data["detail"]


def test_the_mentee_rates_a_meeting_once_and_may_change_it(world: World, keys: dict[str, str]) -> None:
    meeting = meeting_of(world)
    first = call("put", f"/meetings/{meeting.pk}/rating", keys["mentee"], {"score": 5, "comment": "Полезно"})
    assert first.status == 200 and first.data == {"meeting_id": meeting.pk, "score": 5, "comment": "Полезно"}
    again = call("put", f"/meetings/{meeting.pk}/rating", keys["mentee"], {"score": 3})
    assert again.status == 200
    rating = MeetingRating.objects.get()
    assert (rating.person, rating.score) == (world.people["mentee"], 3)
    listed = call("get", f"/meetings?pair={meeting.pair_id}", keys["curator"]).data["results"][0]
    assert (listed["ratings_count"], listed["average_rating"]) == (1, 3.0)


@pytest.mark.parametrize(
    ("role", "status"), [("mentor", 403), ("curator", 403), ("region", 403), ("other_curator", 404), ("parent", 404)]
)
def test_nobody_but_the_mentee_rates(world: World, keys: dict[str, str], role: str, status: int) -> None:
    meeting = meeting_of(world)
    answer = call("put", f"/meetings/{meeting.pk}/rating", keys[role], {"score": 5})
    assert answer.status == status and answer.data["detail"]
    assert not MeetingRating.objects.exists()


@pytest.mark.parametrize("score", [0, 6, "пять", None])
def test_a_score_outside_one_to_five_gets_422(world: World, keys: dict[str, str], score: object) -> None:
    meeting = meeting_of(world)
    answer = call("put", f"/meetings/{meeting.pk}/rating", keys["mentee"], {"score": score})
    assert answer.status == 422 and answer.data["detail"][0]["loc"][-1] == "score"
    assert not MeetingRating.objects.exists()


def test_rating_a_missing_meeting_is_404(world: World, keys: dict[str, str]) -> None:
    answer = call("put", "/meetings/999999/rating", keys["mentee"], {"score": 5})
    assert answer.status == 404 and answer.data["detail"] == "Встреча не найдена"
