"""A pair's page and transitions: each step, each refusal, the history with who and when."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.diary.models import PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.pairs import lifecycle, orders, services
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import InteractionStage, MeetingKind, Pair, PairOrder, PairStatus, PairTransition
from tests.conftest import World
from tests.pairs.matrix_lifecycle import admitted_mentor, confirmed_pair, new_mentee


def _fixed(world: World, pair: Pair, number: str = "7-од") -> PairOrder:
    order = orders.create_draft(world.programme, None, [pair])
    order.number, order.order_date = number, datetime.date(2026, 12, 1)
    order.save()
    lifecycle.register_order(order, world.people["director"].user)
    return order


def _page(world: World, role: str, pair: Pair) -> str:
    response = world.client_for(role).get(reverse("pairs:detail", args=[pair.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _messages(response: object) -> list[str]:
    return [str(m) for m in response.context["messages"]]  # type: ignore[attr-defined]


# -- the service ------------------------------------------------------------------------


def test_the_main_road_is_recorded_step_by_step(world: World) -> None:
    curator, director = world.people["curator"].user, world.people["director"].user
    admitted_mentor(world)
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, curator)
    pair = services.confirm(pair, curator)
    _fixed(world, pair)
    lifecycle.activate(pair, curator, datetime.date(2026, 12, 5))
    PairMeeting.objects.create(pair=pair, held_on=datetime.date(2027, 5, 20), kind=MeetingKind.FINAL, topic="Итоги")
    lifecycle.complete(pair, curator, "stop")
    steps = list(PairTransition.objects.filter(pair=pair).values_list("from_status", "to_status", "by"))
    assert steps == [
        ("", "proposed", curator.pk),
        ("proposed", "confirmed", curator.pk),
        ("confirmed", "fixed", director.pk),
        ("fixed", "active", curator.pk),
        ("active", "completed", curator.pk),
    ]
    pair.refresh_from_db()
    assert pair.started_on == datetime.date(2026, 12, 5)
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 0
    assert MenteeEntry.objects.get(pk=world.mentee_entry.pk).status == MenteeStatus.COMPLETED


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (PairStatus.PROPOSED, "«Предложена» не может стать «работает»"),
        (PairStatus.CONFIRMED, "ещё не закреплена приказом"),
        (PairStatus.ACTIVE, "не может стать «работает»"),
        (PairStatus.COMPLETED, "не может стать «работает»"),
        (PairStatus.DISSOLVED, "не может стать «работает»"),
    ],
)
def test_only_a_fixed_pair_starts_work(world: World, status: str, message: str) -> None:
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, None)
    Pair.objects.filter(pk=pair.pk).update(status=status)
    before = PairTransition.objects.count()
    with pytest.raises(PairError, match=message):
        lifecycle.activate(pair, None)
    assert PairTransition.objects.count() == before
    assert Pair.objects.get(pk=pair.pk).status == status


def test_dissolve_needs_a_reason_and_a_living_pair(world: World) -> None:
    pair = confirmed_pair(world)
    with pytest.raises(PairError, match="Укажите причину"):
        lifecycle.dissolve(pair, "   ", None)
    proposed = services.propose(world.mentor_entry, [new_mentee(world)], Scheme.APPOINTMENT, None)
    with pytest.raises(PairError, match="просто не подтверждать"):
        lifecycle.dissolve(proposed, "причина", None)
    lifecycle.dissolve(pair, "Переезд наставляемого", None)
    with pytest.raises(PairError, match="уже расформирована"):
        lifecycle.dissolve(pair, "ещё раз", None)
    assert MentorEntry.objects.get(pk=world.mentor_entry.pk).load == 0


def test_completion_without_a_final_meeting_needs_the_curators_reason(world: World) -> None:
    pair = confirmed_pair(world)
    _fixed(world, pair)
    lifecycle.activate(pair, None)
    with pytest.raises(PairError, match="Нет итоговой встречи"):
        lifecycle.complete(pair, None, "stop")
    with pytest.raises(PairError, match="Выберите решение"):
        lifecycle.complete(pair, None, "maybe", "причина")
    lifecycle.complete(pair, None, "continue", "Наставляемый переведён в другую школу")
    assert PairTransition.objects.filter(pair=pair, to_status="completed", reason__contains="без итоговой").exists()


def test_a_dissolved_pair_leaves_its_draft_order(world: World) -> None:
    pair, other = confirmed_pair(world), confirmed_pair(world)
    order = orders.create_draft(world.programme, None, [pair, other])
    lifecycle.dissolve(pair, "Наставник уволился", None)
    assert list(order.pairs.all()) == [other]
    order.number, order.order_date = "3", datetime.date(2026, 12, 1)
    order.save()
    assert lifecycle.register_order(order, None) == 1


# -- the pair's page ----------------------------------------------------------------------


def test_page_shows_steps_history_with_names_and_minutes(world: World) -> None:
    pair = confirmed_pair(world)
    _fixed(world, pair, number="15-од")
    html = _page(world, "curator", pair)
    assert re.search(r'class="step-done"[^>]*>Предложена<', html)
    assert re.search(r'class="step-current" aria-current="step">Закреплена приказом<', html)
    assert re.search(r'class="step-todo"[^>]*>Работает<', html)
    director = world.people["director"].full_name
    history = html.split('id="history"')[1]
    assert director in history and "Приказ № 15-од от 01.12.2026" in history
    assert re.search(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", history)
    assert "Начать работу" in html


def test_page_explains_why_a_step_is_not_available(world: World) -> None:
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, None)
    html = _page(world, "curator", pair)
    assert "Сначала куратор подтверждает пару" in html
    assert "Работа начинается после регистрации приказа" in html
    assert "просто не подтверждать" in html


def test_confirmed_pair_links_to_the_orders_of_its_programme(world: World) -> None:
    pair = confirmed_pair(world)
    html = _page(world, "director", pair)
    assert reverse("pairs:orders", args=[world.programme.pk]) in html
    order = orders.create_draft(world.programme, None, [pair])
    assert reverse("pairs:order", args=[order.pk]) in _page(world, "director", pair)


def test_the_mentee_sees_the_road_but_no_buttons(world: World) -> None:
    pair = confirmed_pair(world, [world.mentee_entry])
    html = _page(world, "mentee", pair)
    assert "Подтверждена куратором" in html and 'id="history"' in html
    assert "Расформировать пару" not in html and "Начать работу" not in html
    assert reverse("pairs:stage", args=[pair.pk]) not in html


def test_meeting_guide_counts_meetings_by_kind(world: World) -> None:
    pair = confirmed_pair(world)
    for day, kind in [(1, MeetingKind.INTRO), (8, MeetingKind.REGULAR), (15, MeetingKind.REGULAR)]:
        PairMeeting.objects.create(pair=pair, held_on=datetime.date(2026, 12, day), kind=kind, topic="Тема")
    response = world.client_for("mentor").get(reverse("pairs:detail", args=[pair.pk]))
    guide = {g["value"]: g for g in response.context["meeting_guide"]}
    assert guide[MeetingKind.INTRO]["count"] == 1 and guide[MeetingKind.REGULAR]["count"] == 2
    assert guide[MeetingKind.TRIAL]["is_next"] and not guide[MeetingKind.FINAL]["is_next"]
    html = response.content.decode().split('id="meeting-guide"')[1]
    assert "проведено: 2" in html and "следующая" in html


def test_detail_context_tells_who_the_viewer_is(world: World) -> None:
    pair = confirmed_pair(world, [world.mentee_entry])
    for role, mentor, mentee in [("mentor", True, False), ("mentee", False, True), ("curator", False, False)]:
        context = world.client_for(role).get(reverse("pairs:detail", args=[pair.pk])).context
        assert (context["is_mentor"], context["is_mentee"]) == (mentor, mentee), role
        assert [m.mentee_id for m in context["members"]] == [world.mentee_entry.pk]


# -- the views ----------------------------------------------------------------------------


def test_activate_view_takes_an_optional_start_date(world: World) -> None:
    pair = confirmed_pair(world)
    _fixed(world, pair)
    client = world.client_for("curator")
    response = client.post(reverse("pairs:activate", args=[pair.pk]), {"started_on": "2026-12-10"}, follow=True)
    assert "Пара начала работу." in _messages(response)
    pair.refresh_from_db()
    assert (pair.status, pair.started_on) == (PairStatus.ACTIVE, datetime.date(2026, 12, 10))
    again = client.post(reverse("pairs:activate", args=[pair.pk]), follow=True)
    assert "Пара в статусе «Работает» не может стать «работает»." in _messages(again)


def test_activate_view_refuses_a_pair_without_an_order_and_a_bad_date(world: World) -> None:
    pair = confirmed_pair(world)
    client = world.client_for("director")
    response = client.post(reverse("pairs:activate", args=[pair.pk]), follow=True)
    assert "сначала зарегистрируйте приказ" in " ".join(_messages(response))
    bad = client.post(reverse("pairs:activate", args=[pair.pk]), {"started_on": "31.02.2026"}, follow=True)
    assert "Дата начала работы указана неверно" in " ".join(_messages(bad))
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.CONFIRMED


def test_dissolve_view_without_reason_changes_nothing(world: World) -> None:
    pair = confirmed_pair(world)
    response = world.client_for("curator").post(reverse("pairs:dissolve", args=[pair.pk]), {"reason": ""}, follow=True)
    assert "Укажите причину расформирования." in _messages(response)
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.CONFIRMED


def test_mentor_sets_the_stage_and_bad_values_are_refused(world: World) -> None:
    pair = confirmed_pair(world)
    client = world.client_for("mentor")
    url = reverse("pairs:stage", args=[pair.pk])
    response = client.post(url, {"stage": "3"}, follow=True)
    assert "Текущий этап: «Сделаем вместе!»." in _messages(response)
    assert Pair.objects.get(pk=pair.pk).stage == InteractionStage.TOGETHER
    for bad in ("9", "abc", ""):
        refused = client.post(url, {"stage": bad}, follow=True)
        assert "Выберите один из пяти этапов взаимодействия." in _messages(refused)
    assert Pair.objects.get(pk=pair.pk).stage == InteractionStage.TOGETHER
    assert 'aria-current="step"' in _page(world, "mentor", pair).split('id="stages"')[1]


def test_stage_is_not_changed_on_a_finished_pair(world: World) -> None:
    pair = confirmed_pair(world)
    lifecycle.dissolve(pair, "Причина", None)
    response = world.client_for("curator").post(reverse("pairs:stage", args=[pair.pk]), {"stage": "2"}, follow=True)
    assert "Этап не меняют у пары в статусе «Расформирована»." in _messages(response)
    assert Pair.objects.get(pk=pair.pk).stage is None


def test_the_mentee_may_not_set_the_stage(world: World) -> None:
    pair = confirmed_pair(world, [world.mentee_entry])
    response = world.client_for("mentee").post(reverse("pairs:stage", args=[pair.pk]), {"stage": "2"})
    assert response.status_code == 403
    assert Pair.objects.get(pk=pair.pk).stage is None


def test_other_schools_curator_cannot_touch_the_pair(world: World) -> None:
    pair = confirmed_pair(world)
    client = world.client_for("other_curator")
    assert client.post(reverse("pairs:activate", args=[pair.pk])).status_code == 404
    assert client.post(reverse("pairs:stage", args=[pair.pk]), {"stage": "1"}).status_code == 404


# -- the page asks the lifecycle -----------------------------------------------------------


@pytest.mark.parametrize("status", [s.value for s in PairStatus])
def test_the_page_offers_exactly_the_steps_the_transition_table_allows(world: World, status: str) -> None:
    from nastavnik.access.rules import access_for
    from nastavnik.pairs.views_lifecycle import _actions

    admitted_mentor(world)
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, world.people["curator"].user)
    Pair.objects.filter(pk=pair.pk).update(status=status)
    pair.refresh_from_db()
    targets = {"confirm": PairStatus.CONFIRMED, "order": PairStatus.FIXED, "activate": PairStatus.ACTIVE}
    targets["dissolve"] = PairStatus.DISSOLVED
    actions = {a.code: a for a in _actions(pair, access_for(world.people["curator"].user))}
    for key, target in targets.items():
        allowed = target in lifecycle.ALLOWED[status]
        assert actions[key].available == allowed, (status, key)
        assert (actions[key].why == lifecycle.refusal(pair, target)) != allowed, (status, key)
        assert actions[key].why
