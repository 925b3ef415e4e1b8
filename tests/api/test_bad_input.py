"""Bad input to the three writes of the API: 4xx with a Russian message and nothing saved."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.bases.models import MenteeEntry
from nastavnik.diary.models import MeetingRating, PairMeeting
from nastavnik.programmes.models import ProblemCategory
from tests.api.conftest import API, call
from tests.conftest import World
from tests.pairs.matrix_diary import active_pair, meeting_of

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _state() -> tuple[list[dict[str, Any]], ...]:
    return tuple(list(m.objects.order_by("pk").values()) for m in (MenteeEntry, PairMeeting, MeetingRating))


def _russian(data: Any) -> list[str]:
    """Every message of a 4xx answer; each must be Russian."""
    detail = data["detail"]
    messages = [detail] if isinstance(detail, str) else [str(e["msg"]) for e in detail]
    assert messages and all(CYRILLIC.search(m) for m in messages), messages
    return messages


@pytest.fixture
def no_throttle(settings: Any) -> None:
    settings.API_RATE_PER_MINUTE = 100_000


def _request(world: World, **extra: object) -> dict[str, object]:
    return {
        "programme": world.programme.pk,
        "problems": list(ProblemCategory.objects.values_list("pk", flat=True)[:1]),
        "goal": "Научиться выступать",
        **extra,
    }


def _meeting(**extra: object) -> dict[str, object]:
    held = timezone.localdate() - datetime.timedelta(days=2)
    return {"held_on": held.isoformat(), "topic": "Подготовка", "duration_minutes": 60, **extra}


REQUEST_CASES: list[tuple[dict[str, object], str]] = [
    ({"problems": ["abc"]}, "Нужно целое число."),
    ({"problems": [999_999]}, "Выберите корректный вариант"),
    ({"problems": []}, "Нужно не меньше 1 элементов."),
    ({"programme": -1}, "Значение должно быть не меньше 1."),
    ({"programme": 10**15}, "Значение должно быть не больше 2147483647."),
    ({"programme": "первая"}, "Нужно целое число."),
    ({"programme": None}, "Нужно целое число."),
    ({"goal": "Ц" * 5001}, "Не больше 5000 символов."),
    ({"goal": ""}, "Опишите цель"),
    ({"goal": "до\x00после"}, "запрещённый символ: ноль-байт"),
    ({"goal": 42}, "Нужна строка."),
    ({"preferred_format": "телепатия"}, "Выберите корректный вариант"),
    ({"programme_form": 999_999}, "форма наставничества здесь недоступна"),
]


@pytest.mark.parametrize(("changes", "message"), REQUEST_CASES, ids=[next(iter(c)) for c, _ in REQUEST_CASES])
def test_a_bad_mentee_request_is_refused_in_russian(
    world: World, keys: dict[str, str], changes: dict[str, object], message: str
) -> None:
    world.mentee_entry.delete()
    before = _state()
    answer = call("post", "/mentee-requests", keys["mentee"], _request(world, **changes))
    assert answer.status == 422, answer.data
    messages = _russian(answer.data)
    assert any(message in m for m in messages), messages
    assert _state() == before


def test_a_request_missing_its_goal_names_the_field_in_russian(world: World, keys: dict[str, str]) -> None:
    world.mentee_entry.delete()
    body = _request(world)
    del body["goal"]
    answer = call("post", "/mentee-requests", keys["mentee"], body)
    assert answer.status == 422
    assert answer.data["detail"] == [{"type": "missing", "loc": ["body", "body", "goal"], "msg": "Обязательное поле."}]
    assert not MenteeEntry.objects.filter(person=world.people["mentee"]).exists()


MEETING_CASES: list[tuple[dict[str, object], str]] = [
    ({"held_on": "2026-02-31"}, "Такой даты не существует"),
    ({"held_on": "31.02.2026"}, "ГГГГ-ММ-ДД"),
    ({"held_on": "вчера"}, "ГГГГ-ММ-ДД"),
    ({"duration_minutes": -5}, "Значение должно быть не меньше 1."),
    ({"duration_minutes": 10**12}, "Значение должно быть не больше 10000."),
    ({"duration_minutes": 2}, "не меньше 5"),
    ({"duration_minutes": "час"}, "Нужно целое число."),
    ({"topic": "Т" * 301}, "Не больше 300 символов."),
    ({"topic": ""}, "Укажите тему встречи."),
    ({"format": "голубиная почта"}, "Выберите корректный вариант"),
    ({"notes": None}, "Нужна строка."),
]


@pytest.mark.parametrize(("changes", "message"), MEETING_CASES, ids=[next(iter(c)) for c, _ in MEETING_CASES])
def test_a_bad_meeting_is_refused_in_russian(
    world: World, keys: dict[str, str], changes: dict[str, object], message: str
) -> None:
    pair = active_pair(world)
    before = _state()
    answer = call("post", f"/pairs/{pair.pk}/meetings", keys["mentor"], _meeting(**changes))
    assert answer.status == 422, answer.data
    messages = _russian(answer.data)
    assert any(message in m for m in messages), messages
    assert _state() == before


@pytest.mark.parametrize("pk", ["0", "abc", "99999999999999"])
def test_a_meeting_for_an_impossible_pair_id_is_refused_in_russian(world: World, keys: dict[str, str], pk: str) -> None:
    answer = call("post", f"/pairs/{pk}/meetings", keys["mentor"], _meeting())
    assert answer.status in (404, 422)
    _russian(answer.data)
    assert not PairMeeting.objects.exists()


RATING_CASES: list[tuple[dict[str, object], str]] = [
    ({"score": "пять"}, "Нужно целое число."),
    ({"score": 3.5}, "Нужно целое число."),
    ({"score": 0}, "Значение должно быть не меньше 1."),
    ({"score": 10**20}, "Значение должно быть не больше 5."),
    ({"score": 5, "comment": "К" * 2001}, "Не больше 2000 символов."),
    ({"score": 5, "comment": None}, "Нужна строка."),
    ({}, "Обязательное поле."),
]


@pytest.mark.parametrize(("body", "message"), RATING_CASES, ids=[",".join(b) or "empty" for b, _ in RATING_CASES])
def test_a_bad_rating_is_refused_in_russian(
    world: World, keys: dict[str, str], body: dict[str, Any], message: str
) -> None:
    meeting = meeting_of(world)
    answer = call("put", f"/meetings/{meeting.pk}/rating", keys["mentee"], body)
    assert answer.status == 422, answer.data
    messages = _russian(answer.data)
    assert any(message in m for m in messages), messages
    assert not MeetingRating.objects.exists()


@pytest.mark.parametrize("raw", ["{", "[]", '"текст"', "null", "\xff\xfe"])
def test_a_body_that_is_not_a_json_object_gets_a_russian_4xx(world: World, keys: dict[str, str], raw: str) -> None:
    meeting = meeting_of(world)
    response = Client().put(
        f"{API}/meetings/{meeting.pk}/rating",
        data=raw.encode("latin-1") if raw.startswith("\xff") else raw,
        content_type="application/json",
        headers={"Authorization": f"Bearer {keys['mentee']}"},
    )
    assert response.status_code in (400, 422)
    _russian(json.loads(response.content))
    assert not MeetingRating.objects.exists()


ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=350)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(goal=ANY_TEXT, area=ANY_TEXT)
def test_any_text_in_a_request_never_gives_a_server_error(
    world: World, keys: dict[str, str], no_throttle: None, goal: str, area: str
) -> None:
    MenteeEntry.objects.filter(person=world.people["mentee"]).delete()
    answer = call("post", "/mentee-requests", keys["mentee"], _request(world, goal=goal, area=area))
    assert answer.status in (201, 422), answer.data
    if answer.status == 422:
        _russian(answer.data)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(topic=ANY_TEXT, notes=ANY_TEXT, comment=ANY_TEXT)
def test_any_text_in_a_meeting_or_a_rating_never_gives_a_server_error(
    world: World, keys: dict[str, str], no_throttle: None, topic: str, notes: str, comment: str
) -> None:
    pair = active_pair(world)
    answer = call(
        "post", f"/pairs/{pair.pk}/meetings", keys["mentor"], _meeting(topic=topic, notes=notes, kind="regular")
    )
    assert answer.status in (201, 409, 422), answer.data
    if answer.status != 201:
        _russian(answer.data)
    meeting = meeting_of(world)
    rated = call("put", f"/meetings/{meeting.pk}/rating", keys["mentee"], {"score": 4, "comment": comment})
    assert rated.status in (200, 422), rated.data
    if rated.status == 422:
        _russian(rated.data)
