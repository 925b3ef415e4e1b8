"""Editing and deleting a cohort, its modules, mini-teams and milestones.

The course of `tests.courses.support`: its distance module has a milestone with a submission, the
in-person module is nobody's choice yet, the mini-team «Навигаторы» has the trainee as a member.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.courses.models import (
    Cohort,
    CourseModule,
    Enrolment,
    HostSchool,
    Milestone,
    MiniTeam,
    ModuleKind,
    Submission,
)
from tests.conftest import World
from tests.courses.support import Course

pytestmark = pytest.mark.django_db


def _messages(client: Client, response: Any) -> str:
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def _cohort_data(world: World, course: Course, **changes: Any) -> dict[str, Any]:
    data = {
        "organisation": world.district.pk,
        "title": course.cohort.title,
        "name": course.cohort.name,
        "hours": course.cohort.hours,
        "tutor": world.people["mentor"].pk,
        "starts_on": "2026-09-15",
        "ends_on": "2026-12-20",
        "credit_on": "2026-12-20",
        "commission": course.cohort.commission,
    }
    data.update(changes)
    return data


def _team(course: Course) -> MiniTeam:
    return MiniTeam.objects.get(cohort=course.cohort, name="Навигаторы")


def _module(course: Course, kind: str) -> CourseModule:
    return course.cohort.modules.get(kind=kind)


# -- editing --------------------------------------------------------------------------------------


def test_methodologist_edits_the_cohort_and_the_page_shows_it(world: World, course: Course) -> None:
    client = world.client_for("district")
    url = reverse("courses:cohort_edit", kwargs={"pk": course.cohort.pk})
    form = client.get(url).content.decode()
    assert "Сохранить" in form and course.cohort.title in form
    data = _cohort_data(world, course, name="Группа 7", hours=108, ends_on="2027-01-31")
    page = _messages(client, client.post(url, data))
    assert "Группа 7" in page and "108 ч" in page and "31.01.2027" in page and "сохранена" in page
    cohort = Cohort.objects.get(pk=course.cohort.pk)
    assert (cohort.name, cohort.hours, cohort.ends_on) == ("Группа 7", 108, datetime.date(2027, 1, 31))


def test_moving_a_cohort_to_next_year_moves_its_academic_year(world: World, course: Course) -> None:
    client = world.client_for("district")
    url = reverse("courses:cohort_edit", kwargs={"pk": course.cohort.pk})
    data = _cohort_data(world, course, starts_on="2027-09-15", ends_on="2027-12-20", credit_on="")
    assert client.post(url, data).status_code == 302
    assert Cohort.objects.get(pk=course.cohort.pk).academic_year.start_year == 2027


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"ends_on": "2026-09-01"}, "Окончание раньше начала курса."),
        ({"starts_on": "2026-02-30"}, "Такой даты не существует: 30.02.2026."),
        ({"hours": "0"}, "Убедитесь, что это значение больше либо равно 1."),
        ({"title": ""}, "Обязательное поле."),
    ],
)
def test_bad_cohort_input_is_a_russian_field_error_and_changes_nothing(
    world: World, course: Course, changes: dict[str, str], error: str
) -> None:
    client = world.client_for("district")
    url = reverse("courses:cohort_edit", kwargs={"pk": course.cohort.pk})
    response = client.post(url, _cohort_data(world, course, name="Другая", **changes))
    assert response.status_code == 400
    assert error in response.content.decode()
    cohort = Cohort.objects.get(pk=course.cohort.pk)
    assert (cohort.name, cohort.starts_on, cohort.ends_on, cohort.hours) == (
        "Группа 1",
        datetime.date(2026, 9, 15),
        datetime.date(2026, 12, 20),
        144,
    )


def test_methodologist_edits_a_module(world: World, course: Course) -> None:
    client = world.client_for("district")
    module = _module(course, ModuleKind.INTERNSHIP)
    url = reverse("courses:module_edit", kwargs={"pk": module.pk})
    data = {"order": 3, "title": "Стажировка в школе-лидере", "kind": ModuleKind.INTERNSHIP, "hours": 40}
    assert reverse("courses:module_delete", kwargs={"pk": module.pk}) in client.get(url).content.decode()
    page = _messages(client, client.post(url, data))
    assert "Стажировка в школе-лидере — Стажировка, 40 ч" in page
    assert "Модуль «Стажировка в школе-лидере» сохранён." in page
    bad = client.post(url, {**data, "title": "Другое", "hours": 1001})
    assert bad.status_code == 400
    assert "Убедитесь, что это значение меньше либо равно 1000." in bad.content.decode()
    module.refresh_from_db()
    assert (module.title, module.hours) == ("Стажировка в школе-лидере", 40)


def test_a_chosen_in_person_module_keeps_its_format(world: World, course: Course) -> None:
    module = _module(course, ModuleKind.IN_PERSON)
    Enrolment.objects.filter(pk=course.enrolment.pk).update(chosen_module=module)
    url = reverse("courses:module_edit", kwargs={"pk": module.pk})
    data = {"order": 2, "title": module.title, "kind": ModuleKind.DISTANCE, "hours": 36}
    response = world.client_for("district").post(url, data)
    assert response.status_code == 400
    assert "слушатели выбрали как очный" in response.content.decode()
    assert CourseModule.objects.get(pk=module.pk).kind == ModuleKind.IN_PERSON


def test_tutor_renames_a_mini_team_but_not_to_a_taken_name(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    team = MiniTeam.objects.get(cohort=course.cohort)
    other = MiniTeam.objects.create(cohort=course.cohort, name="Исследователи")
    url = reverse("courses:team_edit", kwargs={"pk": team.pk})
    page = _messages(client, client.post(url, {"name": "Первопроходцы", "function": "наставник"}))
    assert "Первопроходцы — наставник" in page
    taken = client.post(url, {"name": other.name, "function": ""})
    assert taken.status_code == 400
    assert "В группе уже есть мини-команда с таким названием." in taken.content.decode()
    assert MiniTeam.objects.get(pk=team.pk).name == "Первопроходцы"


def test_a_new_team_with_a_taken_name_is_refused_not_a_crash(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    url = reverse("courses:team_add", kwargs={"pk": course.cohort.pk})
    page = _messages(client, client.post(url, {"name": "Навигаторы"}))
    assert "В группе уже есть мини-команда с таким названием." in page
    assert MiniTeam.objects.filter(cohort=course.cohort).count() == 1


def test_tutor_moves_a_milestone_and_bad_dates_are_field_errors(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    url = reverse("courses:milestone_edit", kwargs={"pk": course.milestone.pk})
    data = {"title": "Эссе о позиции тьютора", "module": course.milestone.module_id, "due_on": "2026-10-20"}
    page = _messages(client, client.post(url, data))
    assert "Эссе о позиции тьютора" in page and "до 20.10.2026" in page
    for due_on, error in [("2026-10-32", "Такой даты не существует: 32.10.2026."), ("", "Обязательное поле.")]:
        bad = client.post(url, {**data, "title": "Другое", "due_on": due_on})
        assert bad.status_code == 400
        assert error in bad.content.decode()
    milestone = Milestone.objects.get(pk=course.milestone.pk)
    assert (milestone.title, milestone.due_on) == ("Эссе о позиции тьютора", datetime.date(2026, 10, 20))


def test_the_cohort_page_offers_the_changes_each_role_may_make(world: World, course: Course) -> None:
    url = reverse("courses:cohort", kwargs={"pk": course.cohort.pk})
    methodologist = world.client_for("district").get(url).content.decode()
    tutor = world.client_for("mentor").get(url).content.decode()
    module_url = reverse("courses:module_edit", kwargs={"pk": _module(course, ModuleKind.DISTANCE).pk})
    for page in (methodologist, tutor):
        assert reverse("courses:milestone_edit", kwargs={"pk": course.milestone.pk}) in page
        assert reverse("courses:team_edit", kwargs={"pk": _team(course).pk}) in page
    assert reverse("courses:cohort_edit", kwargs={"pk": course.cohort.pk}) in methodologist
    assert module_url in methodologist
    assert reverse("courses:cohort_edit", kwargs={"pk": course.cohort.pk}) not in tutor
    assert module_url not in tutor


# -- deleting -------------------------------------------------------------------------------------


def test_deleting_is_refused_when_work_would_be_lost(world: World, course: Course) -> None:
    client = world.client_for("district")
    distance = _module(course, ModuleKind.DISTANCE)
    in_person = _module(course, ModuleKind.IN_PERSON)
    Enrolment.objects.filter(pk=course.enrolment.pk).update(chosen_module=in_person)
    cases = [
        (
            "courses:milestone_delete",
            course.milestone.pk,
            "Реперную точку нельзя удалить: слушатели сдали по ней 1 работу.",
        ),
        ("courses:module_delete", distance.pk, "по его реперным точкам слушатели сдали 1 работу"),
        ("courses:module_delete", in_person.pk, "Модуль нельзя удалить: он выбран очным модулем у 1 слушателя."),
        ("courses:team_delete", _team(course).pk, "Мини-команду нельзя удалить: в ней 1 участник."),
        ("courses:cohort_delete", course.cohort.pk, "Группу нельзя удалить: в ней 1 слушатель (с выбывшими)."),
    ]
    for name, pk, refusal in cases:
        page = _messages(client, client.post(reverse(name, kwargs={"pk": pk})))
        assert refusal in page, name
    assert Cohort.objects.filter(pk=course.cohort.pk).exists()
    assert course.cohort.modules.count() == 3
    assert Milestone.objects.filter(pk=course.milestone.pk, module=distance).exists()
    assert Submission.objects.filter(pk=course.submission.pk).exists()
    assert Enrolment.objects.filter(pk=course.enrolment.pk, team=_team(course), chosen_module=in_person).exists()


def test_the_edit_page_says_why_it_cannot_be_deleted(world: World, course: Course) -> None:
    page = world.client_for("mentor").get(reverse("courses:milestone_edit", kwargs={"pk": course.milestone.pk}))
    text = page.content.decode()
    assert "слушатели сдали по ней 1 работу" in text
    assert reverse("courses:milestone_delete", kwargs={"pk": course.milestone.pk}) not in text


def test_tutor_deletes_an_empty_milestone_and_team_after_confirmation(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    milestone = Milestone.objects.create(cohort=course.cohort, title="Рефлексия", due_on=datetime.date(2026, 12, 1))
    team = MiniTeam.objects.create(cohort=course.cohort, name="Пустая")
    delete_url = reverse("courses:milestone_delete", kwargs={"pk": milestone.pk})
    edit = client.get(reverse("courses:milestone_edit", kwargs={"pk": milestone.pk})).content.decode()
    assert delete_url in edit and "data-confirm=" in edit
    assert client.get(delete_url).status_code == 405
    assert Milestone.objects.filter(pk=milestone.pk).exists()
    page = _messages(client, client.post(delete_url))
    assert "Реперная точка «Рефлексия» удалена." in page and "Рефлексия</" not in page
    page = _messages(client, client.post(reverse("courses:team_delete", kwargs={"pk": team.pk})))
    assert "Мини-команда «Пустая» удалена." in page
    assert not Milestone.objects.filter(pk=milestone.pk).exists() and not MiniTeam.objects.filter(pk=team.pk).exists()
    assert Milestone.objects.filter(pk=course.milestone.pk).exists()


def test_methodologist_deletes_a_module_without_work(world: World, course: Course) -> None:
    client = world.client_for("district")
    module = _module(course, ModuleKind.INTERNSHIP)
    page = _messages(client, client.post(reverse("courses:module_delete", kwargs={"pk": module.pk})))
    assert "Модуль «Стажировка» удалён." in page
    assert list(course.cohort.modules.values_list("kind", flat=True)) == [ModuleKind.DISTANCE, ModuleKind.IN_PERSON]


def test_a_cohort_without_trainees_is_deleted_with_its_set_up(world: World, course: Course) -> None:
    client = world.client_for("district")
    empty = Cohort.objects.create(
        organisation=world.district,
        academic_year=course.cohort.academic_year,
        title="Пробный курс",
        hours=36,
        starts_on=datetime.date(2027, 1, 10),
        ends_on=datetime.date(2027, 2, 10),
    )
    module = CourseModule.objects.create(cohort=empty, title="Вводный", kind=ModuleKind.DISTANCE, hours=36)
    Milestone.objects.create(cohort=empty, module=module, title="Тест", due_on=datetime.date(2027, 2, 1))
    HostSchool.objects.create(cohort=empty, organisation=world.school, capacity=2)
    response = client.post(reverse("courses:cohort_delete", kwargs={"pk": empty.pk}))
    assert response["Location"] == reverse("courses:index")
    assert "Группа «Пробный курс — Группа 1» удалена" in client.get(response["Location"]).content.decode()
    assert not Cohort.objects.filter(pk=empty.pk).exists()
    assert not CourseModule.objects.filter(cohort_id=empty.pk).exists()
    assert Cohort.objects.filter(pk=course.cohort.pk).exists()


# -- who may ----------------------------------------------------------------------------------------


def _new_urls(course: Course) -> list[tuple[str, str]]:
    module = course.cohort.modules.first()
    assert module is not None
    pks = {"cohort": course.cohort.pk, "module": module.pk, "team": _team(course).pk, "milestone": course.milestone.pk}
    return [
        (method, reverse(f"courses:{kind}_{action}", kwargs={"pk": pk}))
        for kind, pk in pks.items()
        for action, method in (("edit", "get"), ("edit", "post"), ("delete", "post"))
    ]


@pytest.mark.parametrize(("role", "status"), [("other_district", 404), ("teacher", 403), ("mentee", 404)])
def test_outsiders_and_the_trainee_are_refused_on_every_new_url(
    world: World, course: Course, role: str, status: int
) -> None:
    client = world.client_for(role)
    for method, url in _new_urls(course):
        assert getattr(client, method)(url, {"name": "Взлом", "title": "Взлом"}).status_code == status, (role, url)
    assert Cohort.objects.get(pk=course.cohort.pk).name == "Группа 1"
    assert course.cohort.modules.count() == 3
    assert MiniTeam.objects.get(pk=_team(course).pk).name == "Навигаторы"
    assert Milestone.objects.get(pk=course.milestone.pk).title == "Эссе о тьюторской позиции"


def test_the_tutor_may_not_change_the_cohort_or_its_modules(world: World, course: Course) -> None:
    client = world.client_for("mentor")
    module = _module(course, ModuleKind.INTERNSHIP)
    for name, pk in [("cohort", course.cohort.pk), ("module", module.pk)]:
        assert client.get(reverse(f"courses:{name}_edit", kwargs={"pk": pk})).status_code == 403
        assert client.post(reverse(f"courses:{name}_delete", kwargs={"pk": pk})).status_code == 403
    assert CourseModule.objects.filter(pk=module.pk).exists()


def test_a_missing_object_is_404(world: World, course: Course) -> None:
    client = world.client_for("district")
    for name in ("module_edit", "team_edit", "milestone_edit", "cohort_edit"):
        assert client.get(reverse(f"courses:{name}", kwargs={"pk": 999999})).status_code == 404
