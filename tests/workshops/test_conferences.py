from __future__ import annotations

import datetime

import time_machine
from django.urls import reverse

from nastavnik.workshops.models import ApplicationStatus, Conference, ConferenceApplication, ConferenceParticipant
from tests.conftest import World
from tests.workshops.matrix_workshops import make_conference


def test_the_region_announces_a_conference_once_a_year(world: World) -> None:
    client = world.client_for("region")
    data = {
        "code": "growth_factors",
        "organisation": world.region.pk,
        "held_on": "2027-06-14",
        "applications_until": "2027-05-01",
        "place": "Санкт-Петербург",
    }
    assert client.post(reverse("workshops:conferences"), data).status_code == 302
    again = client.post(reverse("workshops:conferences"), data)
    assert "уже объявлена" in again.content.decode()
    late = client.post(
        reverse("workshops:conferences"), {**data, "code": "krona_junior", "applications_until": "2027-07-01"}
    )
    assert "не позже дня конференции" in late.content.decode()
    assert Conference.objects.get().place == "Санкт-Петербург"
    assert "«Факторы роста»" in world.client_for("teacher").get(reverse("workshops:conferences")).content.decode()


def test_a_school_applies_the_host_accepts_and_builds_the_programme(world: World) -> None:
    conference = make_conference(world)
    url = reverse("workshops:conference", args=[conference.pk])
    curator = world.client_for("curator")
    curator.post(
        url, {"action": "apply", "person": world.people["mentee"].pk, "kind": "research", "title": "Мой город"}
    )
    curator.post(url, {"action": "participant", "person": world.people["teacher"].pk})
    application = ConferenceApplication.objects.get()
    assert (application.organisation, application.submitted_on) == (world.school, datetime.date(2026, 12, 7))
    assert world.client_for("curator").post(url, {"action": "decide", "application": application.pk}).status_code == 403
    host = world.client_for("region")
    host.post(url, {"action": "decide", "application": application.pk, "status": "accepted"})
    host.post(
        url, {"action": "item", "starts_at": "10:30", "title": "Секция «Мой край»", "application": application.pk}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert ConferenceParticipant.objects.get().person == world.people["teacher"]
    page = world.client_for("teacher").get(url).content.decode()
    assert "10:30" in page and world.people["mentee"].full_name in page
    assert "Мой город" not in world.client_for("other_curator").get(url).content.decode()


def test_applications_after_the_deadline_are_refused(world: World) -> None:
    conference = make_conference(world)
    with time_machine.travel(datetime.datetime(2027, 3, 2, 12, 0), tick=False):
        response = world.client_for("curator").post(
            reverse("workshops:conference", args=[conference.pk]),
            {"action": "apply", "person": world.people["teacher"].pk, "kind": "talk", "title": "Доклад"},
            follow=True,
        )
    assert "Приём заявок закончился 01.03.2027" in response.content.decode()
    assert not ConferenceApplication.objects.exists()
