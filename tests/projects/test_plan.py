"""Activities with timing rules → dated items, the cyclogram, marks, «Внимание по проектам», iCal, reminders."""

from __future__ import annotations

import datetime

from django.core import mail
from django.urls import reverse

from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes.models import CalendarFeed
from nastavnik.projects import services
from nastavnik.projects.models import Activity, ActivityItem
from nastavnik.projects.reminders import send_reminders
from tests.conftest import World
from tests.projects.factories import make_project


def _year() -> AcademicYear:
    return AcademicYear.objects.get_or_create(start_year=2026)[0]


def test_an_annual_window_expands_into_one_item_of_the_year(world: World) -> None:
    project = make_project(world)
    contest = project.activities.get(number="2.5")
    items = services.sync_items(contest, _year())
    assert [(i.starts_on, i.due_on) for i in items] == [(datetime.date(2026, 10, 1), datetime.date(2027, 2, 28))]
    # Expanding again neither duplicates nor loses a mark.
    services.mark_item(items[0], True, None, datetime.date(2026, 12, 1))
    again = services.sync_items(contest, _year())
    assert len(again) == 1 and again[0].done_on == datetime.date(2026, 12, 1)


def test_adding_an_activity_with_a_frequency_in_the_ui(world: World) -> None:
    project = make_project(world)
    data = {
        "number": "6",
        "title": "Организация и проведение образовательных интенсивов для педагогов",
        "timing_text": "не менее 1 раза в учебном полугодии",
        "kind": "frequency",
        "period": "semester",
        "times": "1",
    }
    response = world.client_for("teacher").post(reverse("projects:activities", args=[project.pk]), data)
    assert response.status_code == 302
    activity = Activity.objects.get(project=project, number="6")
    assert activity.items.filter(academic_year__start_year=2026).count() == 2


def test_a_frequency_without_a_period_is_refused_in_russian(world: World) -> None:
    project = make_project(world)
    data = {"number": "6", "title": "Интенсив", "kind": "frequency", "times": "1"}
    response = world.client_for("district").post(reverse("projects:activities", args=[project.pk]), data)
    assert response.status_code == 400
    assert "Укажите период повторения" in response.content.decode()


def test_a_bad_number_is_refused(world: World) -> None:
    project = make_project(world)
    data = {"number": "2.x", "title": "Т", "kind": "exact", "starts_on": "2026-12-01", "times": "1"}
    response = world.client_for("district").post(reverse("projects:activities", args=[project.pk]), data)
    assert response.status_code == 400
    assert "Номер — числа через точку" in response.content.decode()


def test_the_cyclogram_shows_the_window_across_months(world: World) -> None:
    project = make_project(world)
    response = world.client_for("district").get(reverse("projects:cyclogram", args=[project.pk]) + "?year=2026")
    assert response.status_code == 200
    rows = response.context["rows"]
    contest = next(r for r in rows if r.activity.number == "2.5")
    active_months = [index for index, cell in enumerate(contest.cells) if cell]
    assert active_months == [1, 2, 3, 4, 5]  # October … February
    assert [due for index, cell in enumerate(contest.cells) for _, due in cell if due] == [True]
    assert "сен 2026" in response.context["headers"][0]


def test_a_bad_year_is_a_400_not_a_500(world: World) -> None:
    project = make_project(world)
    response = world.client_for("district").get(reverse("projects:cyclogram", args=[project.pk]) + "?year=abc")
    assert response.status_code == 400


def test_overdue_items_are_on_the_attention_board_until_marked(world: World) -> None:
    project = make_project(world)
    client = world.client_for("district")
    response = client.get(reverse("projects:attention"))
    overdue = response.context["items"]
    # On 07.12.2026 the September–October window is past; the October–February one is not.
    assert [i.activity.number for i in overdue] == ["2.4"]
    client.post(reverse("projects:item_mark", args=[overdue[0].pk]), {"done": "1", "back": "attention"})
    assert client.get(reverse("projects:attention")).context["items"] == []
    assert ActivityItem.objects.get(pk=overdue[0].pk).done_by.username == "district"
    assert project.log.filter(text__contains="выполнено").exists()


def test_the_ical_feed_holds_the_leaders_items(world: World) -> None:
    project = make_project(world)
    services.sync_project(project, _year())
    feed = CalendarFeed.objects.create(person=world.people["teacher"], token="secret-token-123")
    response = world.client_for("anonymous").get(reverse("projects:ical", args=[feed.token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "BEGIN:VEVENT" in body and "2.5. Профессиональный конкурс" in body
    assert "DTSTART;VALUE=DATE:20261001" in body


def test_reminders_go_once_to_the_responsible_person(world: World) -> None:
    make_project(world)
    teacher = world.people["teacher"]
    teacher.email = "teacher@example.org"
    teacher.save()
    sent = send_reminders(datetime.date(2026, 12, 7), 7, _year())
    assert sent == 1
    assert mail.outbox[0].to == ["teacher@example.org"]
    assert "Просрочено" in mail.outbox[0].subject or "Срок" in mail.outbox[0].subject
    assert send_reminders(datetime.date(2026, 12, 7), 7, _year()) == 0
