"""The management cycle of source 002 with responsible persons."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ManagementFunction, ManagementTask, Programme
from tests.conftest import World


def test_defaults_come_from_the_yaml_once_with_the_curator(world: World, programme: Programme) -> None:
    client = world.client_for("curator")
    url = reverse("programmes:cycle_defaults", args=[programme.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Добавлено 5 мероприятий цикла управления" in page
    tasks = list(programme.management_tasks.order_by("order"))
    assert [t.function for t in tasks] == [
        "planning",
        "organisation",
        "motivation",
        "coordination",
        "analysis_control",
    ]
    steps = {s.code: s for s in roadmap.get_template("annual-plan-002").cycle}
    assert all(t.title == steps[t.function].description for t in tasks)
    assert tasks[0].responsible_text == "Куратор программы\nКоманда программы"
    assert all(list(t.responsible.all()) == [world.people["curator"]] for t in tasks)
    again = client.post(url, follow=True).content.decode()
    assert "ничего не добавлено" in again
    assert programme.management_tasks.count() == 5


def test_defaults_fill_only_functions_without_tasks(world: World, programme: Programme) -> None:
    ManagementTask.objects.create(programme=programme, function=ManagementFunction.MOTIVATION, title="Своё")
    assert roadmap.create_default_cycle(programme) == 4
    assert list(programme.management_tasks.filter(function="motivation").values_list("title", flat=True)) == ["Своё"]


def test_add_edit_delete_a_task_with_staff_as_responsible(world: World, programme: Programme) -> None:
    client = world.client_for("working_group")
    data = {
        "function": "coordination",
        "title": "График встреч для обсуждения промежуточных результатов",
        "responsible": [world.people["teacher"].pk, world.people["working_group"].pk],
        "responsible_text": "Куратор, рабочая группа",
        "order": 4,
    }
    assert client.post(reverse("programmes:cycle_add", args=[programme.pk]), data).status_code == 302
    task = programme.management_tasks.get()
    assert set(task.responsible.all()) == {world.people["teacher"], world.people["working_group"]}
    outsider = {**data, "responsible": [world.people["other_curator"].pk]}
    assert client.post(reverse("programmes:cycle_edit", args=[task.pk]), outsider).status_code == 400
    assert (
        client.post(reverse("programmes:cycle_edit", args=[task.pk]), {**data, "function": "bogus"}).status_code == 400
    )
    client.post(reverse("programmes:cycle_edit", args=[task.pk]), {**data, "responsible": []})
    assert not task.responsible.exists()
    page = client.get(reverse("programmes:cycle", args=[programme.pk])).content.decode()
    assert "График встреч для обсуждения промежуточных результатов" in page
    assert client.post(reverse("programmes:cycle_delete", args=[task.pk])).status_code == 302
    assert not programme.management_tasks.exists()


def test_coordinator_reads_the_cycle_but_does_not_change_it(world: World, programme: Programme) -> None:
    roadmap.create_default_cycle(programme)
    client = world.client_for("district")
    page = client.get(reverse("programmes:cycle", args=[programme.pk])).content.decode()
    assert "Анализ и контроль" in page and "Заполнить по рекомендациям" not in page
    task = programme.management_tasks.first()
    assert task is not None
    assert client.post(reverse("programmes:cycle_delete", args=[task.pk])).status_code == 403
    assert world.client_for("other_curator").get(reverse("programmes:cycle_edit", args=[task.pk])).status_code == 404
