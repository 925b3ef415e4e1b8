"""The tutor's and the methodologist's work with a cohort: progress, checking, dropouts, credit, placement."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from nastavnik.courses import progress, services
from nastavnik.courses.models import Credit, Enrolment, EnrolmentStatus, HostSchool, SubmissionStatus
from nastavnik.orgs.models import OrganisationKind, Role
from tests.conftest import World
from tests.courses.support import Course
from tests.factories import OrganisationFactory, make_person

pytestmark = pytest.mark.django_db


def test_methodologist_creates_a_cohort_with_a_tutor(world: World) -> None:
    client = world.client_for("district")
    response = client.post(
        reverse("courses:cohort_create"),
        {
            "organisation": world.district.pk,
            "title": "Современная педагогика как пространство для самореализации",
            "name": "Группа 2",
            "hours": 144,
            "tutor": world.people["mentor"].pk,
            "starts_on": "2026-09-20",
            "ends_on": "2026-11-22",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Группа 2" in page.content.decode()
    assert world.people["mentor"].full_name in page.content.decode()


def test_a_cohort_ending_before_it_starts_is_refused_in_russian(world: World) -> None:
    response = world.client_for("district").post(
        reverse("courses:cohort_create"),
        {
            "organisation": world.district.pk,
            "title": "Курс",
            "name": "Г",
            "hours": 36,
            "starts_on": "2026-10-01",
            "ends_on": "2026-09-01",
        },
    )
    assert response.status_code == 400
    assert "Окончание раньше начала курса." in response.content.decode()


def test_tutor_sees_progress_and_accepts_a_submission(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    page = client.get(reverse("courses:cohort", kwargs={"pk": course.cohort.pk})).content.decode()
    assert "на проверке" in page and "Эссе о тьюторской позиции" in page
    response = client.post(
        reverse("courses:check", kwargs={"pk": course.submission.pk}), {"accepted": "1", "comment": "Хорошо"}
    )
    assert response.status_code == 302
    course.submission.refresh_from_db()
    assert course.submission.status == SubmissionStatus.ACCEPTED
    assert course.submission.comment == "Хорошо"


def test_a_missed_milestone_shows_as_overdue(course: Course) -> None:
    course.submission.delete()
    _, rows = progress.progress(course.cohort, datetime.date(2026, 12, 7))
    assert [cell.label for cell in rows[0].cells] == ["просрочено"]


def test_dropout_is_recorded_with_its_date_and_counted_in_the_funnel(world: World, course: Course) -> None:
    response = world.client_for("mentor").post(
        reverse("courses:dropout", kwargs={"pk": course.enrolment.pk}), {"day": "2026-10-01", "reason": "по болезни"}
    )
    assert response.status_code == 302
    course.enrolment.refresh_from_db()
    assert course.enrolment.status == EnrolmentStatus.DROPPED
    assert course.enrolment.dropped_on == datetime.date(2026, 10, 1)
    steps = {step.label: step.count for step in progress.funnel(course.cohort)}
    assert steps["Зачислено"] == 1
    assert steps["Эссе о тьюторской позиции (10.10.2026)"] == 0
    assert steps["Учатся сейчас"] == 0


def test_dropout_without_a_date_is_a_russian_error_not_a_500(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    response = client.post(reverse("courses:dropout", kwargs={"pk": course.enrolment.pk}), {"reason": "x"}, follow=True)
    assert response.status_code == 200
    assert "Дата выбытия: Обязательное поле." in response.content.decode()
    course.enrolment.refresh_from_db()
    assert course.enrolment.status == EnrolmentStatus.ACTIVE


def test_only_the_methodologist_records_the_commission_credit(world: World, course: Course) -> None:
    url = reverse("courses:credit", kwargs={"pk": course.enrolment.pk})
    assert world.client_for("mentor").post(url, {"passed": "1"}).status_code == 403
    assert world.client_for("district").post(url, {"passed": "1", "note": "протокол № 1"}).status_code == 302
    course.enrolment.refresh_from_db()
    assert course.enrolment.credit == Credit.PASSED


def test_a_dropped_trainee_gets_no_credit(course: Course) -> None:
    services.drop_out(course.enrolment, datetime.date(2026, 10, 1), "переезд")
    with pytest.raises(services.CourseError):
        services.give_credit(course.enrolment, True, "")


def test_placement_fills_host_capacity_and_prefers_shared_interests(world: World, course: Course) -> None:
    course.host.capacity = 1
    course.host.offers = "инклюзия"
    course.host.save()
    other = OrganisationFactory(parent=world.district)
    HostSchool.objects.create(cohort=course.cohort, organisation=other, capacity=1, offers="цифровые технологии")
    newcomer = Enrolment.objects.create(
        cohort=course.cohort, person=make_person(world.school, Role.TEACHER), interests="цифровые технологии"
    )
    result = services.place_trainees(course.cohort)
    assert result.placed == 2 and result.unplaced == []
    course.enrolment.refresh_from_db()
    newcomer.refresh_from_db()
    assert course.enrolment.host == course.host
    assert newcomer.host is not None and newcomer.host.organisation == other


def test_trainees_beyond_the_places_are_named_as_unplaced(world: World, course: Course) -> None:
    course.host.capacity = 1
    course.host.save()
    Enrolment.objects.create(cohort=course.cohort, person=make_person(world.school, Role.TEACHER))
    response = world.client_for("district").post(reverse("courses:place", kwargs={"pk": course.cohort.pk}), follow=True)
    assert "распределено — 1; не хватило мест — 1" in response.content.decode()
    assert Enrolment.objects.filter(cohort=course.cohort, host__isnull=False).count() == 1


def test_dropped_trainees_are_not_placed(course: Course) -> None:
    services.drop_out(course.enrolment, datetime.date(2026, 10, 1), "переезд")
    assert services.place_trainees(course.cohort).placed == 0


def test_another_districts_methodologist_gets_404(world: World, course: Course) -> None:
    response = world.client_for("other_district").get(reverse("courses:cohort", kwargs={"pk": course.cohort.pk}))
    assert response.status_code == 404


def test_a_methodological_centre_enrols_teachers_of_its_district(world: World, course: Course) -> None:
    centre = OrganisationFactory(parent=world.district, kind=OrganisationKind.METHODOLOGICAL_CENTRE)
    course.cohort.organisation = centre
    course.cohort.save()
    teacher = make_person(world.school, Role.TEACHER)
    response = world.client_for("district").post(
        reverse("courses:enrol", kwargs={"pk": course.cohort.pk}), {"person": teacher.pk, "interests": "проекты"}
    )
    assert response.status_code == 302
    assert Enrolment.objects.filter(cohort=course.cohort, person=teacher).exists()
