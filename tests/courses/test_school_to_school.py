"""«Школа – Школе» after pairing: deficits into the ИОМ, observations, the annual cycle, the hours roll-up."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from nastavnik.courses import cycle
from nastavnik.courses.figures import completed_hours
from nastavnik.courses.models import (
    TARGETED_PD_TITLE,
    CycleEvent,
    CycleStage,
    Deficit,
    Observation,
    RouteItem,
    RouteKind,
)
from nastavnik.orgs.models import AcademicYear
from tests.conftest import World
from tests.courses.support import Course
from tests.sources import source_file

pytestmark = pytest.mark.django_db


def _source_004() -> str:
    text = source_file("004").read_text(encoding="utf-8")
    return " ".join(text.split())


def test_a_deficit_puts_the_36_hour_targeted_programme_into_the_teachers_route(world: World, course: Course) -> None:
    client = world.client_for("district")
    response = client.post(
        reverse("courses:deficit_add", kwargs={"pk": course.pairing.pk}),
        {
            "person": course.weak_teacher.pk,
            "audience": "teacher",
            "area": "Формирующее оценивание",
            "identified_on": "2026-10-01",
            "targeted_pd": "on",
        },
    )
    assert response.status_code == 302
    item = RouteItem.objects.get(person=course.weak_teacher)
    assert (item.kind, item.hours, item.deficit) == (RouteKind.TARGETED_PD, 36, Deficit.objects.get())
    assert item.title.startswith(TARGETED_PD_TITLE)
    route = client.get(reverse("courses:route", kwargs={"pk": course.weak_teacher.pk})).content.decode()
    assert "Формирующее оценивание" in route


def test_a_teacher_of_another_school_cannot_be_named_in_a_deficit(world: World, course: Course) -> None:
    client = world.client_for("district")
    response = client.post(
        reverse("courses:deficit_add", kwargs={"pk": course.pairing.pk}),
        {"person": world.people["other_curator"].pk, "audience": "teacher", "area": "x", "identified_on": "2026-10-01"},
        follow=True,
    )
    assert "Не сохранено. Педагог:" in response.content.decode()
    assert not Deficit.objects.exists()


def test_school_head_records_a_lesson_observation(world: World, course: Course) -> None:
    client = world.client_for("director")
    client.post(
        reverse("courses:observation_add", kwargs={"pk": course.pairing.pk}),
        {
            "kind": "lesson",
            "teacher": course.weak_teacher.pk,
            "day": "2026-11-12",
            "subject": "Математика",
            "class_label": "7А",
            "strengths": "Чёткая постановка цели",
        },
    )
    assert Observation.objects.get().subject == "Математика"
    page = client.get(reverse("courses:pair", kwargs={"pk": course.pairing.pk})).content.decode()
    assert "Анализ работы учителя на уроке" in page and "Чёткая постановка цели" in page


def test_another_districts_methodologist_gets_404_on_the_pair(world: World, course: Course) -> None:
    response = world.client_for("other_district").get(reverse("courses:pair", kwargs={"pk": course.pairing.pk}))
    assert response.status_code == 404


def test_the_annual_plan_is_seeded_once_from_the_source_table(world: World, course: Course) -> None:
    client = world.client_for("district")
    url = reverse("courses:cycle_add", kwargs={"pk": course.pairing.pk})
    client.post(url, {"seed": "1"})
    client.post(url, {"seed": "1"})
    events = CycleEvent.objects.filter(pairing=course.pairing)
    assert events.count() == sum(len(stage.activities) for stage in cycle.STAGES)
    first = events.order_by("day").first()
    assert first is not None and first.stage == CycleStage.PLAN and first.day.month == 9
    report = events.get(title="Отчет по реализации Проекта")
    assert report.stage == CycleStage.EVALUATION and report.day.year == AcademicYear.current().start_year + 1


def test_cycle_activities_and_stage_names_are_verbatim_from_source_004() -> None:
    source = _source_004()
    for stage in cycle.STAGES:
        for title, _, _ in stage.activities:
            assert " ".join(title.split()) in source, title
    for code in (CycleStage.PLAN, CycleStage.PD, CycleStage.EVALUATION):
        assert code.label in source
    assert re.search(r"Обмен опытом в формате семинаров и мастер - классов", source)


@pytest.mark.parametrize(
    ("month", "stage"),
    [
        (9, CycleStage.PLAN),
        (10, CycleStage.PD),
        (11, CycleStage.PD),
        (12, CycleStage.EXCHANGE),
        (5, CycleStage.EXCHANGE),
        (6, CycleStage.EVALUATION),
        (8, CycleStage.EVALUATION),
    ],
)
def test_the_stage_of_the_year_follows_the_source_months(month: int, stage: CycleStage) -> None:
    assert cycle.stage_on(datetime.date(2026, month, 1)) == stage


def test_completed_hours_roll_up_credited_courses_and_completed_route_items(world: World, course: Course) -> None:
    year = AcademicYear.current()
    assert completed_hours([world.school.pk], year).hours == 0
    course.enrolment.credit = "passed"
    course.enrolment.save()
    RouteItem.objects.create(
        person=course.weak_teacher,
        academic_year=year,
        kind=RouteKind.TARGETED_PD,
        title="ПК",
        hours=36,
        completed_on=datetime.date(2026, 11, 30),
    )
    RouteItem.objects.create(
        person=course.weak_teacher, academic_year=year, kind=RouteKind.EVENT, title="Семинар", hours=4
    )
    figure = completed_hours([world.school.pk, course.weak_school.pk], year)
    assert (figure.teachers, figure.hours, figure.credited) == (2, 144 + 36, 1)
    assert completed_hours([world.other_school.pk], year).hours == 0
