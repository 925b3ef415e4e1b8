"""Mentee requests get a form of mentoring that fits the mentee; every waiting request has a way to a mentor."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from nastavnik.bases.models import MenteeEntry
from nastavnik.orgs.models import Role
from nastavnik.programmes.models import MentoringFormat, ProblemCategory, Programme, ProgrammeFormat
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person, make_programme


def _add_form(programme: Programme, code: str) -> ProgrammeFormat:
    return ProgrammeFormat.objects.create(programme=programme, form=MentoringFormat.objects.get(code=code))


def _curator_data(world: World, person_pk: int, **extra: Any) -> dict[str, Any]:
    data = {
        "person": person_pk,
        "programme": world.programme.pk,
        "problems": [p.pk for p in ProblemCategory.objects.all()[:2]],
        "goal": "Подтянуть алгебру",
        "preferred_format": "offline",
        "activity": "active",
        "referred_by": "teacher",
    }
    return {**data, **extra}


def _own_data(programme: Programme, **extra: Any) -> dict[str, Any]:
    data = {
        "programme": programme.pk,
        "problems": [ProblemCategory.objects.first().pk],  # type: ignore[union-attr]
        "goal": "Хочу разобраться в физике",
        "preferred_format": "online",
    }
    return {**data, **extra}


def test_a_programme_with_several_forms_needs_the_form_chosen(world: World) -> None:
    _add_form(world.programme, "teacher_student")
    student = make_person(world.school, Role.STUDENT, grade=6)
    response = world.client_for("curator").post(reverse("bases:mentee_create"), _curator_data(world, student.pk))
    assert response.status_code == 200
    assert "Выберите форму наставничества программы" in response.content.decode()
    assert not MenteeEntry.objects.filter(person=student).exists()


def test_the_only_form_of_a_programme_is_preselected_and_saved(world: World) -> None:
    only = world.programme.forms.get()
    student = make_person(world.school, Role.STUDENT, grade=6)
    client = world.client_for("curator")
    page = client.get(reverse("bases:mentee_create"))
    assert page.context["form"]["programme_form"].value() == only.pk
    client.post(reverse("bases:mentee_create"), _curator_data(world, student.pk))
    assert MenteeEntry.objects.get(person=student).programme_form == only


def test_a_student_is_not_offered_the_teachers_programme(world: World) -> None:
    world.mentee_entry.delete()
    young_teachers = make_programme(world.school, "teacher_teacher")
    page = world.client_for("mentee").get(reverse("bases:my_request"))
    offered = set(page.context["form"].fields["programme"].queryset)
    assert world.programme in offered and young_teachers not in offered


def test_a_tampered_post_to_the_teachers_programme_is_refused(world: World) -> None:
    world.mentee_entry.delete()
    young_teachers = make_programme(world.school, "teacher_teacher")
    response = world.client_for("mentee").post(reverse("bases:my_request"), _own_data(young_teachers))
    assert response.status_code == 200
    assert "нет формы наставничества для вас" in response.content.decode()
    assert not MenteeEntry.objects.filter(person=world.people["mentee"]).exists()


def test_a_student_sees_only_the_student_form_of_a_mixed_programme(world: World) -> None:
    world.mentee_entry.delete()
    teachers_form = _add_form(world.programme, "teacher_teacher")
    client = world.client_for("mentee")
    page = client.get(reverse("bases:my_request"))
    choices = list(page.context["form"].fields["programme_form"].queryset)
    assert choices == [world.programme.forms.get(form__code="student_student")]
    tampered = client.post(reverse("bases:my_request"), _own_data(world.programme, programme_form=teachers_form.pk))
    assert "Эта форма наставничества здесь недоступна" in tampered.content.decode()
    client.post(reverse("bases:my_request"), _own_data(world.programme))
    assert MenteeEntry.objects.get(person=world.people["mentee"]).programme_form == choices[0]


def test_a_teacher_may_apply_to_the_teachers_programme(world: World) -> None:
    young_teachers = make_programme(world.school, "teacher_teacher")
    response = world.client_for("teacher").post(reverse("bases:my_request"), _own_data(young_teachers))
    assert response.status_code == 302
    entry = MenteeEntry.objects.get(person=world.people["teacher"])
    assert entry.programme_form == young_teachers.forms.get()


def test_every_waiting_request_links_to_the_mentor_search(world: World) -> None:
    appoint = reverse("pairs:appoint", args=[world.mentee_entry.pk])
    client = world.client_for("curator")
    listing = client.get(reverse("bases:mentee_list")).content.decode()
    detail = client.get(reverse("bases:mentee_detail", args=[world.mentee_entry.pk])).content.decode()
    assert f'href="{appoint}">Подобрать наставника' in listing
    assert f'href="{appoint}">Подобрать наставника' in detail


def test_a_request_without_a_form_gets_one_on_the_appointment_page(world: World) -> None:
    _add_form(world.programme, "teacher_student")
    stranded = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=8), world.programme)
    MenteeEntry.objects.filter(pk=stranded.pk).update(programme_form=None)
    client = world.client_for("curator")
    url = reverse("pairs:appoint", args=[stranded.pk])
    page = client.get(url)
    assert "Выберите её" in page.content.decode()
    assert client.post(url, {"programme_form": world.other_programme.forms.get().pk}).status_code == 400
    chosen = world.programme.forms.get(form__code="student_student")
    assert client.post(url, {"programme_form": chosen.pk})["Location"] == url
    stranded.refresh_from_db()
    assert stranded.programme_form == chosen
    assert "pairs/appoint.html" in [template.name for template in client.get(url).templates]
