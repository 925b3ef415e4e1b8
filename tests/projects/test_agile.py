"""Agile mode: the initiation checklist, sprints closed with a review and retrospective, the board."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from nastavnik.projects import services
from nastavnik.projects.models import Charter, Column, Mode, SprintStatus, Task
from tests.conftest import World
from tests.projects.factories import make_project

D = datetime.date


def test_the_next_sprint_waits_until_the_previous_one_is_closed(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    initial = services.start_sprint(project, "Начальный спринт", D(2026, 11, 1), D(2026, 11, 28), None)
    assert initial.number == 0
    with pytest.raises(services.Refused, match="только после закрытия"):
        services.start_sprint(project, "Спринт 1", D(2026, 12, 1), D(2027, 5, 31), None)
    with pytest.raises(services.Refused, match="итоги и ретроспективу"):
        services.close_sprint(initial, "итоги", " ", None)
    services.close_sprint(initial, "итоги", "ретро", None)
    first = services.start_sprint(project, "Спринт 1", D(2026, 12, 1), D(2027, 5, 31), None)
    assert first.number == 1


def test_the_sprint_count_of_the_initiation_caps_the_sprints(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    Charter.objects.create(project=project, sprint_count=1, sprint_weeks=4)
    for number in range(2):
        sprint = services.start_sprint(project, "c", D(2026, 1 + number * 2, 1), D(2026, 1 + number * 2, 20), None)
        services.close_sprint(sprint, "итоги", "ретро", None)
    with pytest.raises(services.Refused, match="Все спринты"):
        services.start_sprint(project, "c", D(2026, 6, 1), D(2026, 6, 20), None)


def test_closing_returns_unfinished_tasks_to_the_backlog(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    sprint = services.start_sprint(project, "c", D(2026, 11, 1), D(2026, 11, 28), None)
    done = services.add_task(project, "готово", None, None)
    open_task = services.add_task(project, "в работе", None, None)
    services.move_task(done, Column.DONE, sprint, None)
    services.move_task(open_task, Column.DOING, sprint, None)
    services.close_sprint(sprint, "итоги", "ретро", None)
    assert Task.objects.get(pk=done.pk).sprint_id == sprint.pk
    reopened = Task.objects.get(pk=open_task.pk)
    assert (reopened.sprint_id, reopened.column) == (None, Column.BACKLOG)


def test_the_board_moves_a_task_by_htmx_and_answers_the_fragment(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    sprint = services.start_sprint(project, "c", D(2026, 12, 1), D(2026, 12, 28), None)
    task = services.add_task(project, "Оформление ценностей", None, None)
    client = world.client_for("teacher")
    response = client.post(reverse("projects:task_move", args=[task.pk]), {"column": "doing"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode() and "Оформление ценностей" in response.content.decode()
    task.refresh_from_db()
    assert (task.column, task.sprint_id) == (Column.DOING, sprint.pk)
    assert project.log.filter(text__contains="→ В работе").exists()


def test_closing_in_the_ui_needs_both_notes(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    sprint = services.start_sprint(project, "c", D(2026, 12, 1), D(2026, 12, 28), None)
    client = world.client_for("district")
    client.post(reverse("projects:sprint_close", args=[sprint.pk]), {"review": "итоги"})
    sprint.refresh_from_db()
    assert sprint.status == SprintStatus.ACTIVE
    client.post(reverse("projects:sprint_close", args=[sprint.pk]), {"review": "итоги", "retrospective": "ретро"})
    sprint.refresh_from_db()
    assert sprint.status == SprintStatus.CLOSED


def test_the_checklist_is_saved_and_shown(world: World) -> None:
    project = make_project(world, mode=Mode.AGILE)
    client = world.client_for("teacher")
    data = {"vision": "видение", "team": "команда", "processes": "процессы", "sprint_count": "5", "sprint_weeks": "26"}
    assert client.post(reverse("projects:agile", args=[project.pk]), data).status_code == 302
    checklist = dict(client.get(reverse("projects:agile", args=[project.pk])).context["checklist"])
    assert checklist["Общее видение проекта"] and checklist["Число и длительность спринтов"]
    assert not checklist["Ожидаемые результаты"] and not checklist["Начальный спринт проведён"]
