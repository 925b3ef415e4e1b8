"""The trainee's own pages: milestones and submissions, the logbook, the ИОМ; the host school's list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.courses.models import LogEntry, RouteItem, Submission, SubmissionStatus
from tests.conftest import World
from tests.courses.support import Course

pytestmark = pytest.mark.django_db


def test_trainee_sees_his_course_and_submits_work(world: World, course: Course) -> None:
    client = world.client_for("teacher")
    page = client.get(reverse("courses:my")).content.decode()
    assert "Эссе о тьюторской позиции" in page and "Навигаторы" in page
    course.submission.status = SubmissionStatus.RETURNED
    course.submission.save()
    url = reverse("courses:submit", kwargs={"pk": course.enrolment.pk, "milestone_pk": course.milestone.pk})
    assert client.post(url, {"text": "Исправленное эссе"}).status_code == 302
    submission = Submission.objects.get(pk=course.submission.pk)
    assert (submission.text, submission.status) == ("Исправленное эссе", SubmissionStatus.SUBMITTED)


def test_accepted_work_cannot_be_resubmitted(world: World, course: Course) -> None:
    course.submission.status = SubmissionStatus.ACCEPTED
    course.submission.save()
    url = reverse("courses:submit", kwargs={"pk": course.enrolment.pk, "milestone_pk": course.milestone.pk})
    response = world.client_for("teacher").post(url, {"text": "ещё раз"}, follow=True)
    assert "Работа уже принята тьютором." in response.content.decode()
    assert Submission.objects.get(pk=course.submission.pk).text == "Эссе"


def test_trainee_writes_his_logbook(world: World, course: Course) -> None:
    client = world.client_for("teacher")
    url = reverse("courses:log_add", kwargs={"pk": course.enrolment.pk})
    client.post(url, {"day": "2026-10-02", "text": "Посетил тьюториал", "hours": "2"})
    assert LogEntry.objects.get(enrolment=course.enrolment).text == "Посетил тьюториал"
    assert "Посетил тьюториал" in client.get(reverse("courses:my")).content.decode()


def test_another_trainee_cannot_write_into_someone_elses_logbook(world: World, course: Course) -> None:
    url = reverse("courses:log_add", kwargs={"pk": course.enrolment.pk})
    response = world.client_for("mentee").post(url, {"day": "2026-10-02", "text": "x", "hours": "1"})
    assert response.status_code == 404
    assert not LogEntry.objects.exists()


def test_route_counts_done_hours_of_credited_courses_and_completed_items(world: World, course: Course) -> None:
    client = world.client_for("teacher")
    person = world.people["teacher"]
    client.post(
        reverse("courses:route_add", kwargs={"pk": person.pk}), {"kind": "event", "title": "Семинар ВСОКО", "hours": 6}
    )
    item = RouteItem.objects.get(person=person)
    client.post(reverse("courses:route_done", kwargs={"pk": item.pk}))
    course.enrolment.credit = "passed"
    course.enrolment.save()
    page = client.get(reverse("courses:route", kwargs={"pk": person.pk})).content.decode()
    assert "выполнено 150 часов из 150" in page


def test_host_school_head_sees_the_trainees_placed_there(world: World, course: Course) -> None:
    course.enrolment.host = course.host
    course.enrolment.save()
    page = world.client_for("director").get(reverse("courses:hosting")).content.decode()
    assert world.people["teacher"].full_name in page
    assert (
        world.people["teacher"].full_name
        not in world.client_for("other_curator").get(reverse("courses:hosting")).content.decode()
    )
