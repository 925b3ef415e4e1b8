"""Bad input on every form of the communities, the reserve and the lab: a Russian error and nothing saved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.communities.models import Competence, LabPair, LabParticipant
from tests.communities.conftest import Centre
from tests.conftest import World

REQUIRED = "Обязательное поле."
NOT_A_CHOICE = "Выберите корректный вариант."
NO_SUCH_DATE = "Такой даты не существует: 31.02.2026"


def _state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model of the app: what «nothing saved» compares."""
    config = apps.get_app_config("communities")
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in config.get_models()}


@dataclass
class Form:
    name: str
    kwargs: Callable[[Centre], dict[str, int]]
    valid: Callable[[World, Centre], dict[str, Any]]


def _community(c: Centre) -> dict[str, int]:
    return {"pk": c.community.pk}


def _lab_pair_data(w: World, c: Centre) -> dict[str, Any]:
    mentor, mentee = _participants(c)
    return {"mentor": mentor.pk, "mentee": mentee.pk, "form": "consultation"}


def _participants(c: Centre) -> tuple[LabParticipant, LabParticipant]:
    first, _, third, _ = c.educators
    mentor = LabParticipant.objects.get_or_create(
        lab=c.lab, person=first, role="mentor", topic="Речь", organisation=first.organisation
    )[0]
    mentee = LabParticipant.objects.get_or_create(
        lab=c.lab, person=third, role="mentee", topic="Речь", organisation=third.organisation
    )[0]
    return mentor, mentee


FORMS = {
    "create": Form(
        "communities:create",
        lambda c: {},
        lambda w, c: {
            "organisation": c.centre.pk,
            "name": "Новое",
            "leader": w.people["mentor"].pk,
            "curator": w.people["working_group"].pk,
        },
    ),
    "edit": Form(
        "communities:edit",
        _community,
        lambda w, c: {"name": "Лидеры", "leader": w.people["mentor"].pk, "curator": w.people["working_group"].pk},
    ),
    "member": Form("communities:member_add", _community, lambda w, c: {"person": w.people["curator"].pk}),
    "event": Form(
        "communities:event_add",
        _community,
        lambda w, c: {"title": "Семинар", "held_on": "05.11.2026", "format": "online"},
    ),
    "material": Form("communities:material_add", _community, lambda w, c: {"title": "Памятка", "description": "Текст"}),
    "report": Form("communities:report_add", _community, lambda w, c: {"period": "I полугодие", "text": "Сделано"}),
    "training": Form(
        "communities:training_add",
        _community,
        lambda w, c: {
            "trainer": w.people["teacher"].pk,
            "trainee": w.people["curator"].pk,
            "topic": "Кейсы",
            "held_on": "01.12.2026",
        },
    ),
    "cycle": Form("communities:reserve", lambda c: {}, lambda w, c: {"organisation": c.centre.pk}),
    "entry_add": Form(
        "communities:reserve_entry_add",
        lambda c: {"pk": c.cycle.pk},
        lambda w, c: {"person": w.people["curator"].pk, "position": "завуч"},
    ),
    "entry": Form(
        "communities:reserve_entry",
        lambda c: {"pk": c.entry.pk},
        lambda w, c: {"position": "директор", "status": "candidate", "strengths": "Слушает"},
    ),
    "competence": Form("communities:competences", lambda c: {}, lambda w, c: {"name": "Лидерство", "order": 3}),
    "lab": Form("communities:labs", lambda c: {}, lambda w, c: {"organisation": c.centre.pk}),
    "lab_pair": Form("communities:lab_pair_add", lambda c: {"pk": c.lab.pk}, _lab_pair_data),
    "lab_report": Form("communities:lab_report", lambda c: {"pk": c.lab.pk}, lambda w, c: {"report": "Итоги года"}),
}

LONG = "Я" * 301

# (form, fields to change (None: leave out), a Russian message the page must show)
CASES: list[tuple[str, dict[str, Any], str]] = [
    ("create", {"name": None}, REQUIRED),
    ("create", {"name": "Я" * 201}, "не более 200 символов"),
    ("create", {"organisation": "abc"}, NOT_A_CHOICE),
    ("create", {"organisation": "99999999999999999999"}, NOT_A_CHOICE),
    ("create", {"organisation": "-1"}, NOT_A_CHOICE),
    ("create", {"leader": "other_curator"}, NOT_A_CHOICE),
    ("create", {"meeting_link": "javascript:alert(1)"}, "Введите правильный URL."),
    ("edit", {"name": ""}, REQUIRED),
    ("edit", {"curator": "other_curator"}, NOT_A_CHOICE),
    ("edit", {"topic": LONG}, "не более 300 символов"),
    ("member", {"person": "abc"}, NOT_A_CHOICE),
    ("member", {"person": "other_curator"}, NOT_A_CHOICE),
    ("member", {"person": "teacher"}, "уже участник сообщества"),
    ("member", {"asset_role": "президент"}, NOT_A_CHOICE),
    ("event", {"held_on": "31.02.2026"}, NO_SUCH_DATE),
    ("event", {"held_on": "завтра"}, "Введите правильную дату."),
    ("event", {"title": None}, REQUIRED),
    ("event", {"title": LONG}, "не более 300 символов"),
    ("event", {"format": "телепатия"}, NOT_A_CHOICE),
    ("material", {"title": ""}, REQUIRED),
    ("material", {"link": "не ссылка"}, "Введите правильный URL."),
    ("report", {"period": "П" * 101}, "не более 100 символов"),
    ("report", {"text": "   "}, REQUIRED),
    ("training", {"trainer": "curator"}, NOT_A_CHOICE),
    ("training", {"trainee": "teacher"}, "не может обучить сам себя"),
    ("training", {"held_on": "31.02.2026"}, NO_SUCH_DATE),
    ("training", {"trainee": "1" * 30}, NOT_A_CHOICE),
    ("cycle", {"organisation": "other_school"}, NOT_A_CHOICE),
    ("cycle", {}, "уже начат"),
    ("entry_add", {"person": "teacher"}, "уже в списке этого года"),
    ("entry_add", {"person": "x"}, NOT_A_CHOICE),
    ("entry_add", {"position": ""}, REQUIRED),
    ("entry", {"status": "king"}, NOT_A_CHOICE),
    ("entry", {"position": "Д" * 201}, "не более 200 символов"),
    ("entry", {"level": "7"}, NOT_A_CHOICE),
    ("entry", {"level": "abc"}, NOT_A_CHOICE),
    ("competence", {"name": ""}, REQUIRED),
    ("competence", {"name": "existing"}, "уже существует"),
    ("competence", {"order": "-1"}, "больше либо равно 0"),
    ("competence", {"order": "99999999999"}, "меньше либо равно 999"),
    ("competence", {"order": "два"}, "Введите целое число."),
    ("lab", {}, "уже начат"),
    ("lab", {"organisation": ""}, REQUIRED),
    ("lab_pair", {"mentor": "abc"}, NOT_A_CHOICE),
    ("lab_pair", {"mentee": "mentor"}, NOT_A_CHOICE),
    ("lab_pair", {"form": "пикник"}, NOT_A_CHOICE),
    ("lab_pair", {"mentor": None, "mentee": None}, REQUIRED),
    ("lab_pair", {"again": True}, "Такая пара уже есть."),
    ("lab_report", {"report": "   "}, "Напишите текст отчёта."),
]


def _resolve(world: World, centre: Centre, form: str, changes: dict[str, Any]) -> dict[str, Any]:
    data = FORMS[form].valid(world, centre)
    for field, value in changes.items():
        if field == "again":  # the same pair once more
            mentor, mentee = _participants(centre)
            LabPair.objects.create(lab=centre.lab, mentor=mentor, mentee=mentee)
        elif field == "level":
            data[f"level_{Competence.objects.order_by('pk').first().pk}"] = value  # type: ignore[union-attr]
        elif value is None:
            data.pop(field, None)
        elif value in world.people:
            data[field] = world.people[value].pk
        elif value == "other_school":
            data[field] = world.other_school.pk
        elif value == "mentor":  # a mentor's row where a mentee is asked for
            data[field] = _participants(centre)[0].pk
        elif value == "existing":
            data[field] = Competence.objects.create(name="Уже в списке", order=1).name
        else:
            data[field] = value
    return data


def _post(client: Client, world: World, centre: Centre, form: str, data: dict[str, Any]) -> Any:
    return client.post(reverse(FORMS[form].name, kwargs=FORMS[form].kwargs(centre)), data)


@pytest.mark.parametrize(("form", "changes", "message"), CASES, ids=[f"{c[0]}-{'-'.join(c[1])}" for c in CASES])
def test_bad_input_is_shown_in_russian_and_nothing_is_saved(
    world: World, centre: Centre, form: str, changes: dict[str, Any], message: str
) -> None:
    data = _resolve(world, centre, form, changes)
    before = _state()
    response = _post(world.client_for("district"), world, centre, form, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_valid_data_of_each_case_table_is_accepted(world: World, centre: Centre, form: str) -> None:
    """The table's base data is good, so each bad case fails by its one bad field."""
    if form in ("cycle", "lab"):  # the fixture has started this year's cycle and lab already
        (centre.cycle if form == "cycle" else centre.lab).delete()
    before = _state()
    response = _post(world.client_for("district"), world, centre, form, FORMS[form].valid(world, centre))
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert _state() != before


def test_attendance_ignores_ids_that_are_not_members_or_not_numbers(world: World, centre: Centre) -> None:
    event = centre.community.events.create(title="Семинар", held_on="2026-11-05")
    url = reverse("communities:event", kwargs={"pk": centre.community.pk, "event_pk": event.pk})
    present = ["abc", "-3", "9" * 25, str(world.people["other_curator"].pk), str(world.people["teacher"].pk)]
    response = world.client_for("district").post(url, {"present": present})
    assert response.status_code == 302
    assert list(event.attendance.values_list("person_id", flat=True)) == [world.people["teacher"].pk]


TEXT_FIELDS = [
    ("create", "name"),
    ("create", "charter"),
    ("edit", "goals"),
    ("event", "title"),
    ("material", "description"),
    ("report", "text"),
    ("training", "topic"),
    ("entry_add", "position"),
    ("entry", "plan"),
    ("competence", "name"),
    ("lab_report", "report"),
]
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=400)


@pytest.mark.parametrize(("form", "field"), TEXT_FIELDS)
@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=ANY_TEXT)
def test_any_text_in_a_free_text_field_never_gives_a_server_error(
    world: World, centre: Centre, form: str, field: str, text: str
) -> None:
    data = {**FORMS[form].valid(world, centre), field: text}
    if form == "competence":
        data["name"] = text
    response = _post(world.client_for("district"), world, centre, form, data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert "ошибк" in response.content.decode().lower() or '<ul class="errorlist' in response.content.decode()
