"""The director's buttons on the person card: export, erase with confirmation, and the leaving date."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from nastavnik.privacy.models import ErasureRecord
from tests.conftest import World
from tests.privacy.people import LAST_NAME, subject

pytestmark = pytest.mark.django_db


def test_the_director_sees_both_buttons_and_the_curator_does_not(world: World) -> None:
    s = subject(world)
    url = reverse("people:detail", args=[s.person.pk])
    page = world.client_for("director").get(url).content.decode()
    assert "Выгрузить все данные (JSON)" in page and "Удалить персональные данные" in page
    assert "Удалить персональные данные" not in world.client_for("curator").get(url).content.decode()


def test_the_export_button_downloads_the_json(world: World) -> None:
    s = subject(world)
    response = world.client_for("director").get(reverse("privacy:export", args=[s.person.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="person-{s.person.pk}.json"'
    assert json.loads(response.content)["records"]["people.Person"]["records"][0]["last_name"] == LAST_NAME


def test_the_confirmation_page_says_what_is_kept(world: World) -> None:
    s = subject(world)
    page = world.client_for("director").get(reverse("privacy:erase", args=[s.person.pk])).content.decode()
    assert "DOCX" in page and "зарегистрированные приказы" in page
    assert f"Участник удалён №{s.person.pk}" in page


def test_erasure_needs_a_reason(world: World) -> None:
    s = subject(world)
    response = world.client_for("director").post(reverse("privacy:erase", args=[s.person.pk]), {"reason": "  "})
    assert response.status_code == 400
    assert "Укажите основание удаления" in response.content.decode()
    assert Person.objects.get(pk=s.person.pk).last_name == LAST_NAME


def test_the_director_erases_after_confirmation(world: World) -> None:
    s = subject(world)
    response = world.client_for("director").post(
        reverse("privacy:erase", args=[s.person.pk]), {"reason": "Заявление родителя"}, follow=True
    )
    assert f"Участник удалён №{s.person.pk}" in response.content.decode()
    assert ErasureRecord.objects.filter(person_id=s.person.pk).count() == 1


def test_the_curator_marks_the_leaving_date_and_a_future_date_is_refused(world: World) -> None:
    s = subject(world)
    membership = Membership.objects.get(person=s.person)
    url = reverse("privacy:end_membership", args=[membership.pk])
    response = world.client_for("curator").post(url, {"left_on": "2999-01-01"}, follow=True)
    assert "Дата выбытия не может быть в будущем" in response.content.decode()
    world.client_for("curator").post(url, {"left_on": "2026-05-31"})
    membership.refresh_from_db()
    assert (membership.is_active, membership.left_on.isoformat()) == (False, "2026-05-31")  # type: ignore[union-attr]
