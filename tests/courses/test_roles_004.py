"""The roles of source 004 on the course pages, beyond the permission matrix.

The matrix world has no methodological centre: here the district gets one, with its administration
(the centre's director) running a cohort of the centre. The matrix's `mentor` (tutor), `teacher`
(trainee), `director` (school head) and `other_district` (another district's methodologist) are
checked per URL there; what the matrix cannot see — what a list page shows — is checked here.
"""

from __future__ import annotations

import datetime

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.courses.models import Cohort, Enrolment, MiniTeam
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind, Role
from tests.conftest import World
from tests.courses.support import Course
from tests.factories import PASSWORD, OrganisationFactory, make_person

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=PASSWORD)
    return client


def _centre(world: World, username: str, role: str = Role.DIRECTOR) -> Organisation:
    centre = OrganisationFactory(parent=world.district, kind=OrganisationKind.METHODOLOGICAL_CENTRE)
    make_person(centre, role, username=username)
    return centre


def _centre_cohort(world: World, centre: Organisation) -> Cohort:
    return Cohort.objects.create(
        organisation=centre,
        academic_year=AcademicYear.current(),
        title="Тьютор в федеральном проекте «Демография»",
        hours=72,
        tutor=world.people["mentor"],
        starts_on=datetime.date(2027, 1, 15),
        ends_on=datetime.date(2027, 3, 15),
    )


def test_centre_administration_starts_a_cohort_of_its_centre(world: World) -> None:
    centre = _centre(world, "centre_head")
    client = _login("centre_head")
    assert "Новая группа курса" in client.get(reverse("courses:index")).content.decode()
    form = client.get(reverse("courses:cohort_create")).context["form"]
    assert list(form.fields["organisation"].queryset) == [centre]
    assert world.people["mentor"] in form.fields["tutor"].queryset
    response = client.post(
        reverse("courses:cohort_create"),
        {
            "organisation": centre.pk,
            "title": "Тьютор в федеральном проекте «Демография»",
            "name": "Группа 1",
            "hours": 72,
            "tutor": world.people["mentor"].pk,
            "starts_on": "2027-01-15",
            "ends_on": "2027-03-15",
        },
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(organisation=centre)
    assert cohort.tutor == world.people["mentor"]
    # Not the district's own organisations: the centre's administration is not the district's coordinator.
    refused = client.post(
        reverse("courses:cohort_create"),
        {
            "organisation": world.district.pk,
            "title": "Чужой курс",
            "name": "Г",
            "hours": 36,
            "starts_on": "2027-01-15",
            "ends_on": "2027-03-15",
        },
    )
    assert refused.status_code == 400
    assert not Cohort.objects.filter(title="Чужой курс").exists()


def test_centre_administration_runs_its_cohort_and_no_other(world: World, course: Course) -> None:
    centre = _centre(world, "centre_curator", Role.CURATOR)
    cohort = _centre_cohort(world, centre)
    client = _login("centre_curator")
    page = client.get(reverse("courses:cohort", kwargs={"pk": cohort.pk})).content.decode()
    assert reverse("courses:cohort_edit", kwargs={"pk": cohort.pk}) in page
    enrol = client.post(reverse("courses:enrol", kwargs={"pk": cohort.pk}), {"person": world.people["teacher"].pk})
    assert enrol.status_code == 302
    assert Enrolment.objects.filter(cohort=cohort, person=world.people["teacher"]).exists()
    assert client.get(reverse("courses:cohort_edit", kwargs={"pk": cohort.pk})).status_code == 200
    # The district's own cohort is not the centre's: 404, and the list does not show it.
    assert client.get(reverse("courses:cohort", kwargs={"pk": course.cohort.pk})).status_code == 404
    index = client.get(reverse("courses:index")).content.decode()
    assert cohort.title in index and course.cohort.title not in index


def test_a_school_head_is_not_the_centre_administration(world: World) -> None:
    cohort = _centre_cohort(world, _centre(world, "centre_head"))
    client = world.client_for("director")
    assert client.get(reverse("courses:cohort", kwargs={"pk": cohort.pk})).status_code == 404
    assert client.get(reverse("courses:cohort_create")).status_code == 403
    assert "Новая группа курса" not in client.get(reverse("courses:index")).content.decode()


def test_the_district_methodologist_runs_the_centre_cohort_too(world: World) -> None:
    cohort = _centre_cohort(world, _centre(world, "centre_head"))
    client = world.client_for("district")
    url = reverse("courses:team_add", kwargs={"pk": cohort.pk})
    assert client.post(url, {"name": "Демография"}).status_code == 302
    assert MiniTeam.objects.filter(cohort=cohort, name="Демография").exists()


def test_another_districts_methodologist_sees_nothing_of_this_district(world: World, course: Course) -> None:
    centre_cohort = _centre_cohort(world, _centre(world, "centre_head"))
    client = world.client_for("other_district")
    index = client.get(reverse("courses:index")).content.decode()
    assert course.cohort.title not in index and centre_cohort.title not in index
    assert course.weak_school.short_name not in client.get(reverse("courses:pairs")).content.decode()
    for pk in (course.cohort.pk, centre_cohort.pk):
        assert client.get(reverse("courses:cohort", kwargs={"pk": pk})).status_code == 404
        assert client.get(reverse("courses:cohort_edit", kwargs={"pk": pk})).status_code == 404
    form = client.get(reverse("courses:cohort_create")).context["form"]
    assert world.district not in form.fields["organisation"].queryset
    assert centre_cohort.organisation not in form.fields["organisation"].queryset
    assert world.people["mentor"] not in form.fields["tutor"].queryset


def test_a_tutor_of_another_cohort_gets_404(world: World, course: Course) -> None:
    other_tutor = make_person(world.school, Role.TEACHER, username="other_tutor")
    Cohort.objects.filter(pk=course.cohort.pk).update(tutor=world.people["mentor"])
    _centre_cohort(world, _centre(world, "centre_head"))
    Cohort.objects.filter(organisation__kind=OrganisationKind.METHODOLOGICAL_CENTRE).update(tutor=other_tutor)
    client = _login("other_tutor")
    assert client.get(reverse("courses:cohort", kwargs={"pk": course.cohort.pk})).status_code == 404
    url = reverse("courses:milestone_edit", kwargs={"pk": course.milestone.pk})
    assert client.get(url).status_code == 404
