"""The individual plan (ИОМ): goals from the request, tasks, overdue ones, who changes what."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.diary import log as diary
from nastavnik.diary.models import IndividualPlan, PlanTask, TaskStatus
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from nastavnik.programmes.models import ProblemCategory
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.pairs.matrix_diary import active_pair

TODAY = timezone.localdate


def _member(world: World) -> PairMentee:
    return active_pair(world).members.get()


def _task(plan: IndividualPlan, title: str, due_in: int | None, status: str = TaskStatus.TODO) -> PlanTask:
    due_on = None if due_in is None else TODAY() + datetime.timedelta(days=due_in)
    return plan.tasks.create(title=title, due_on=due_on, status=status)


def test_first_open_creates_the_plan_with_goals_from_the_request(world: World) -> None:
    entry = world.mentee_entry
    entry.area, entry.desired_result, entry.interests = "Учеба", "Четвертная оценка не ниже «4»", "шахматы"
    entry.save()
    member = _member(world)
    assert not IndividualPlan.objects.exists()
    page = world.client_for("mentee").get(reverse("pairs:plan", args=[member.pk]))
    assert page.status_code == 200
    plan = IndividualPlan.objects.get(member=member)
    problems = "; ".join(p.name for p in entry.problems.all())
    assert plan.goals == (
        "Сфера запроса: Учеба\nЦель: Подтянуть математику\nЖелаемый результат: Четвертная оценка не ниже «4»\n"
        f"С чем нужна помощь: {problems}\nИнтересы: шахматы"
    )
    assert "Подтянуть математику" in page.content.decode()
    # The mentee reads the plan; the form is for the mentor and the staff.
    assert "<textarea" not in page.content.decode()


def test_edited_goals_are_not_overwritten_by_the_request(world: World) -> None:
    member = _member(world)
    client = world.client_for("mentor")
    client.get(reverse("pairs:plan", args=[member.pk]))
    response = client.post(
        reverse("pairs:plan", args=[member.pk]), {"goals": "Пройти на муниципальный этап", "results": "Решено 40 задач"}
    )
    assert response.status_code == 302
    client.get(reverse("pairs:plan", args=[member.pk]))
    plan = IndividualPlan.objects.get(member=member)
    assert (plan.goals, plan.results) == ("Пройти на муниципальный этап", "Решено 40 задач")
    assert diary.ensure_plan(member).pk == plan.pk and IndividualPlan.objects.count() == 1


@pytest.mark.parametrize("role", ["mentee", "region", "district"])
def test_readers_cannot_change_the_plan(world: World, role: str) -> None:
    member = _member(world)
    client = world.client_for(role)
    assert client.post(reverse("pairs:plan", args=[member.pk]), {"goals": "x"}).status_code == 403
    assert client.post(reverse("pairs:plan_task_add", args=[member.pk]), {"title": "x"}).status_code == 403
    assert not PlanTask.objects.exists()
    assert diary.ensure_plan(member).goals != "x"


def test_mentor_adds_and_edits_tasks(world: World) -> None:
    member = _member(world)
    client = world.client_for("mentor")
    due = TODAY() + datetime.timedelta(days=14)
    response = client.post(
        reverse("pairs:plan_task_add", args=[member.pk]),
        {"title": "Решить задачи муниципального этапа 2024 года", "due_on": due.isoformat(), "status": "todo"},
    )
    assert response.status_code == 302
    task = PlanTask.objects.get()
    assert (task.plan.member, task.due_on, task.order) == (member, due, 1)
    response = client.post(
        reverse("pairs:plan_task_edit", args=[task.pk]),
        {"title": task.title, "due_on": due.strftime("%d.%m.%Y"), "status": "done", "result": "Решено 7 из 8"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.result, task.done_on) == (TaskStatus.DONE, "Решено 7 из 8", TODAY())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "  ", "status": "todo"}, "Опишите задачу"),
        ({"title": "Задача", "due_on": "31.02.2026", "status": "todo"}, "Такой даты не существует: 31.02.2026"),
        ({"title": "Задача", "due_on": "в пятницу", "status": "todo"}, "Срок в формате ДД.ММ.ГГГГ"),
        ({"title": "Задача", "due_on": "01.01.2099", "status": "todo"}, "Срок выглядит ошибочным"),
        ({"title": "Задача", "status": "lost"}, "Выберите корректный вариант"),
    ],
)
def test_bad_task_input_gets_russian_field_errors(world: World, data: dict[str, str], message: str) -> None:
    member = _member(world)
    response = world.client_for("curator").post(reverse("pairs:plan_task_add", args=[member.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PlanTask.objects.exists()


def test_overdue_tasks_are_highlighted(world: World) -> None:
    member = _member(world)
    plan = diary.ensure_plan(member)
    _task(plan, "Просроченная задача", -1)
    _task(plan, "Срок сегодня", 0)
    _task(plan, "Выполнена поздно", -5, TaskStatus.DONE)
    _task(plan, "Отменена", -5, TaskStatus.CANCELLED)
    _task(plan, "Без срока", None, TaskStatus.IN_PROGRESS)
    page = world.client_for("mentor").get(reverse("pairs:plan", args=[member.pk])).content.decode()
    assert page.count('badge bad">просрочена') == 1
    assert "Выполнено 1 из 4 задач" in page and "просрочено: 1" in page


def test_overdue_task_logic(world: World) -> None:
    pair = active_pair(world)
    plan = diary.ensure_plan(pair.members.get())
    late = _task(plan, "Просрочена", -1)
    late_in_work = _task(plan, "Просрочена в работе", -30, TaskStatus.IN_PROGRESS)
    _task(plan, "Сегодня", 0)
    _task(plan, "Сделана", -3, TaskStatus.DONE)
    _task(plan, "Отменена", -3, TaskStatus.CANCELLED)
    _task(plan, "Без срока", None)
    found = list(diary.overdue_tasks(Pair.objects.filter(pk=pair.pk)))
    assert found == [late_in_work, late]
    assert [t.is_overdue() for t in found] == [True, True]
    # A day later the task due today is late too; other pairs' plans are not counted.
    tomorrow = TODAY() + datetime.timedelta(days=1)
    assert len(diary.overdue_tasks(Pair.objects.filter(pk=pair.pk), today=tomorrow)) == 3
    assert not diary.overdue_tasks(Pair.objects.exclude(pk=pair.pk)).exists()


def test_status_change_through_htmx_returns_the_row(world: World) -> None:
    member = _member(world)
    task = _task(diary.ensure_plan(member), "Прочитать разбор задач", -2)
    url = reverse("pairs:plan_task_status", args=[task.pk])
    response = world.client_for("mentor").post(url, {"status": "in_progress"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div class="plan-task overdue"') and f'id="task-{task.pk}"' in html
    assert "<html" not in html
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    response = world.client_for("mentor").post(url, {"status": "done"}, HTTP_HX_REQUEST="true")
    task.refresh_from_db()
    assert (task.status, task.done_on) == (TaskStatus.DONE, TODAY())
    assert "просрочена" not in response.content.decode()


def test_mentee_marks_own_task_in_progress_or_done_but_not_cancelled(world: World) -> None:
    member = _member(world)
    task = _task(diary.ensure_plan(member), "Решить 5 задач", 3)
    client = world.client_for("mentee")
    url = reverse("pairs:plan_task_status", args=[task.pk])
    assert client.post(url, {"status": "done"}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    response = client.post(url, {"status": "cancelled"}, HTTP_HX_REQUEST="true")
    assert "может отметить задачу «В работе» или «Выполнена»" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    # Coordinators see the plan but do not change it.
    assert world.client_for("region").post(url, {"status": "todo"}).status_code == 403
    page = client.get(reverse("pairs:plan", args=[member.pk])).content.decode()
    assert reverse("pairs:plan_task_edit", args=[task.pk]) not in page
    assert 'value="cancelled"' not in page and 'value="in_progress"' in page


def test_a_group_mentee_sees_only_their_own_plan(world: World) -> None:
    pair = active_pair(world)
    other = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    other_member = PairMentee.objects.create(pair=pair, mentee=other, is_current=True)
    client = world.client_for("mentee")
    assert client.get(reverse("pairs:plan", args=[other_member.pk])).status_code == 403
    assert client.get(reverse("pairs:plan", args=[_member_of(pair, world).pk])).status_code == 200
    assert world.client_for("mentor").get(reverse("pairs:plan", args=[other_member.pk])).status_code == 200


def _member_of(pair: Pair, world: World) -> PairMentee:
    return pair.members.get(mentee=world.mentee_entry)


def test_a_finished_pair_plan_is_read_only_and_not_created_on_the_fly(world: World) -> None:
    member = _member(world)
    Pair.objects.filter(pk=member.pair_id).update(status=PairStatus.COMPLETED)
    client = world.client_for("curator")
    page = client.get(reverse("pairs:plan", args=[member.pk]))
    assert page.status_code == 200 and "План открыт только для чтения" in page.content.decode()
    assert "Подтянуть математику" in page.content.decode()
    assert not IndividualPlan.objects.exists()
    response = client.get(reverse("pairs:plan_task_add", args=[member.pk]))
    assert response.status_code == 302 and not PlanTask.objects.exists()


def test_goals_list_the_request_problems(world: World) -> None:
    member = _member(world)
    member.mentee.problems.set(ProblemCategory.objects.filter(code="talent_development"))
    goals = diary.goals_from_request(member)
    assert "Цель: Подтянуть математику" in goals
    assert ProblemCategory.objects.get(code="talent_development").name in goals


def test_plan_card_shows_progress_per_member(world: World, rf: Any) -> None:
    from django.template.loader import render_to_string

    from nastavnik.diary import cards

    pair = active_pair(world)
    plan = diary.ensure_plan(pair.members.get())
    _task(plan, "a", -1)
    _task(plan, "b", 5, TaskStatus.DONE)
    _task(plan, "c", 5, TaskStatus.CANCELLED)
    request = rf.get("/")
    request.user = world.people["curator"].user
    context = {"pair": pair, "p": cards.plans_card(request.user, pair)}
    html = render_to_string("pairs/includes/plan_card.html", context, request=request)
    assert "выполнено 1 из 2 задач" in html and "просрочено: 1" in html
    assert reverse("pairs:plan", args=[plan.member_id]) in html
