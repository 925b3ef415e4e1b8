"""The project card: viewing, editing with stages, status history, the DOCX."""

from __future__ import annotations

import io

from django.urls import reverse
from docx import Document

from nastavnik.projects.models import Project, Stage, Status, StatusChange
from tests.conftest import World
from tests.projects.factories import make_project


def test_the_leader_edits_the_card_and_adds_a_stage(world: World) -> None:
    project = make_project(world)
    data = {
        "level": "project",
        "name": project.name,
        "goal": "Новая цель",
        "tasks": "первая\nвторая",
        "mode": "plan",
        "leaders": [world.people["teacher"].pk],
        "schools": [world.school.pk],
        "stages-TOTAL_FORMS": "2",
        "stages-INITIAL_FORMS": "1",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-id": project.stages.get().pk,
        "stages-0-kind": "main",
        "stages-0-name": "основной",
        "stages-0-starts_on": "2024-09-01",
        "stages-0-ends_on": "2029-08-31",
        "stages-1-kind": "final",
        "stages-1-name": "заключительный",
        "stages-1-starts_on": "2029-09-01",
        "stages-1-ends_on": "2029-12-31",
    }
    response = world.client_for("teacher").post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.goal == "Новая цель"
    assert Project.lines(project.tasks) == ["первая", "вторая"]
    assert list(Stage.objects.filter(project=project).values_list("name", flat=True)) == ["основной", "заключительный"]
    assert project.log.filter(text="Карточка проекта изменена").exists()


def test_a_stage_ending_before_it_starts_is_refused_in_russian(world: World) -> None:
    project = make_project(world)
    data = {
        "level": "project",
        "name": project.name,
        "mode": "plan",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "1000",
        "stages-0-kind": "final",
        "stages-0-starts_on": "2029-09-01",
        "stages-0-ends_on": "2029-01-01",
    }
    response = world.client_for("district").post(reverse("projects:edit", args=[project.pk]), data)
    assert response.status_code == 400
    assert "Окончание этапа раньше начала" in response.content.decode()


def test_status_moves_forward_and_records_who_and_when(world: World) -> None:
    project = make_project(world, status=Status.IDEA)
    client = world.client_for("district")
    client.post(reverse("projects:status", args=[project.pk]), {"status": "approved", "comment": "совет"})
    project.refresh_from_db()
    assert project.status == Status.APPROVED
    change = StatusChange.objects.get(project=project)
    assert change.changed_by.username == "district" and change.comment == "совет"
    # Skipping a step is refused.
    client.post(reverse("projects:status", args=[project.pk]), {"status": "closed"})
    project.refresh_from_db()
    assert project.status == Status.APPROVED


def test_school_head_reads_but_may_not_change_the_status(world: World) -> None:
    project = make_project(world, status=Status.IDEA)
    client = world.client_for("director")
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    assert client.post(reverse("projects:status", args=[project.pk]), {"status": "approved"}).status_code == 403


def test_card_docx_holds_the_fields_and_the_activity_plan(world: World) -> None:
    project = make_project(world)
    project.expected_results = "актуализация базы данных"
    project.save()
    response = world.client_for("region").get(reverse("projects:card", args=[project.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "КАРТОЧКА ПРОЕКТА" in text and "«Школа Лидеров образования»" in text
    assert "ЦЕЛЬ:" in text and "1. актуализация базы данных" in text
    assert "1. Современная школа" in text
    plan = document.tables[1]
    assert [c.text for c in plan.rows[0].cells] == [
        "№",
        "Мероприятия",
        "Сроки реализации",
        "Прогнозируемый результат",
        "Ответственный",
    ]
    assert [row.cells[0].text for row in plan.rows[1:]] == ["2.4", "2.5"]
    assert plan.rows[2].cells[2].text == "ежегодно, октябрь-февраль"
    assert document.tables[0].rows[1].cells[1].text == "01.09.2024 – 31.08.2029"


def test_another_district_coordinator_gets_404_on_the_card(world: World) -> None:
    project = make_project(world)
    assert world.client_for("other_district").get(reverse("projects:detail", args=[project.pk])).status_code == 404
    assert world.client_for("other_district").get(reverse("projects:card", args=[project.pk])).status_code == 404
