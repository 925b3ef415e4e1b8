"""Bad input on the growth workshops forms: a Russian error (or 404 for an id not there), nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.workshops.models import PartnershipItem, QuestTask, QuestTeam
from tests.conftest import World
from tests.workshops.matrix_workshops import (
    _quest,
    make_conference,
    make_partnership,
    make_shift,
    make_workshop,
)

NOT_A_CHOICE = "Выберите корректный вариант."
NO_SUCH_DATE = "Такой даты не существует: 31.02.2026"
REQUIRED = "Обязательное поле."
NOT_FOUND = 404


def _state() -> dict[str, list[dict[str, Any]]]:
    config = apps.get_app_config("workshops")
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in config.get_models()}


def _school(w: World) -> dict[str, int]:
    return {"org_pk": w.school.pk}


def _school_with_workshop(w: World) -> dict[str, int]:
    make_workshop(w)
    return _school(w)


def _workshop(w: World) -> dict[str, int]:
    return {"pk": make_workshop(w).pk}


def _partnership(w: World) -> dict[str, int]:
    pair = make_partnership(w)
    PartnershipItem.objects.get_or_create(partnership=pair, title="План на четверть", due_on="2026-12-20")
    return {"pk": pair.pk}


def _quest_with_team(w: World) -> dict[str, int]:
    kwargs = _quest(w)
    QuestTeam.objects.get_or_create(quest_id=kwargs["pk"], name="Совы")
    QuestTask.objects.get_or_create(quest_id=kwargs["pk"], title="Прочитать главу")
    return kwargs


Case = tuple[str, Callable[[World], dict[str, int]], str, dict[str, Any], Any]

# (url, its kwargs, role, posted data, the Russian message shown — or 404)
CASES: list[Case] = [
    ("workshops:create", _school, "curator", {"name": "Я" * 201}, "не более 200 символов"),
    ("workshops:create", _school, "curator", {"name": "Кино", "catalogue": "abc"}, NOT_A_CHOICE),
    ("workshops:create", _school, "curator", {"name": "Кино", "master": "9" * 25}, NOT_A_CHOICE),
    (
        "workshops:create",
        _school_with_workshop,
        "curator",
        {"name": "Театр историй"},
        "уже есть мастерская с таким названием",
    ),
    ("workshops:edit", _workshop, "curator", {"name": ""}, "Укажите название мастерской"),
    ("workshops:status", _workshop, "curator", {"status": "king"}, "Выберите статус из списка."),
    ("workshops:member_add", _workshop, "curator", {"person": "abc"}, "Выберите участника из списка людей школы."),
    ("workshops:meeting_add", _workshop, "curator", {"held_on": "31.02.2026", "topic": "Т"}, NO_SUCH_DATE),
    ("workshops:meeting_add", _workshop, "curator", {"held_on": "2026-11-20", "topic": ""}, REQUIRED),
    (
        "workshops:meeting_add",
        _workshop,
        "curator",
        {"held_on": "2026-11-20", "topic": "Т", "attendees": ["abc"]},
        "является неверным значением",
    ),
    ("workshops:project_add", _workshop, "curator", {"title": ""}, "Укажите название"),
    (
        "workshops:pd_enrol",
        _school,
        "curator",
        {"person": "abc", "trajectory": "x"},
        "Выберите педагога школы и траекторию",
    ),
    ("workshops:shifts", _school, "curator", {"code": "vybor", "starts_on": "31.02.2026"}, NO_SUCH_DATE),
    ("workshops:shifts", _school, "curator", {"code": "отпуск"}, NOT_A_CHOICE),
    (
        "workshops:partnership",
        _partnership,
        "curator",
        {"action": "item", "title": "П", "due_on": "31.02.2026"},
        NO_SUCH_DATE,
    ),
    ("workshops:partnership", _partnership, "curator", {"action": "done", "item": "abc"}, NOT_FOUND),
    ("workshops:partnership", _partnership, "curator", {"action": "done", "item": "9" * 25}, NOT_FOUND),
    ("workshops:quest", _quest_with_team, "curator", {"action": "team", "title": "Лисы", "keeper": "abc"}, "Выберите"),
    ("workshops:quest", _quest_with_team, "curator", {"action": "done", "team": "abc"}, NOT_FOUND),
    ("workshops:quest", _quest_with_team, "curator", {"action": "done", "team": "-1"}, NOT_FOUND),
    ("workshops:quest", _quest_with_team, "curator", {"action": "task", "title": ""}, "Укажите название."),
    (
        "workshops:conference",
        lambda w: {"pk": make_conference(w).pk},
        "region",
        {"action": "decide", "application": "abc", "status": "accepted"},
        NOT_FOUND,
    ),
    (
        "workshops:conference",
        lambda w: {"pk": make_conference(w).pk},
        "region",
        {"action": "item", "starts_at": "31.02.2026 10:00", "title": "Открытие"},
        "Укажите время",
    ),
    (
        "workshops:conference",
        lambda w: {"pk": make_conference(w).pk},
        "director",
        {"action": "participant", "person": "abc"},
        "Выберите участника из людей школы.",
    ),
]


def _id(case: Case) -> str:
    return f"{case[0].split(':')[1]}-{'-'.join(f'{k}' for k in case[3])}"


@pytest.mark.parametrize(("url", "kwargs", "role", "data", "expected"), CASES, ids=[_id(c) for c in CASES])
def test_bad_input_is_refused_in_russian_and_nothing_is_saved(
    world: World, url: str, kwargs: Callable[[World], dict[str, int]], role: str, data: dict[str, Any], expected: Any
) -> None:
    path = reverse(url, kwargs=kwargs(world))
    make_shift(world)
    before = _state()
    response = world.client_for(role).post(path, data, follow=True)
    text = response.content.decode()
    if expected == NOT_FOUND:
        assert response.status_code == 404
        assert "не найден" in text.lower()
    else:
        assert response.status_code in (200, 400), response.status_code
        assert expected in text
    assert _state() == before


FREE_TEXT = [
    ("workshops:create", _school, {"name": None, "description": None}),
    ("workshops:meeting_add", _workshop, {"held_on": "2026-11-20", "topic": None}),
    ("workshops:project_add", _workshop, {"title": None}),
    ("workshops:quest", _quest_with_team, {"action": "task", "title": None}),
]
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)


@pytest.mark.parametrize(("url", "kwargs", "data"), FREE_TEXT, ids=[f[0] for f in FREE_TEXT])
@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_any_text_never_gives_a_server_error(
    world: World, url: str, kwargs: Callable[[World], dict[str, int]], data: dict[str, Any], text: str
) -> None:
    posted = {k: text if v is None else v for k, v in data.items()}
    response = world.client_for("curator").post(reverse(url, kwargs=kwargs(world)), posted)
    assert response.status_code in (200, 302, 400)
