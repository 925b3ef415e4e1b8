from __future__ import annotations

import datetime

from django.urls import reverse

from nastavnik.orgs.models import AcademicYear
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from nastavnik.workshops.models import Shift
from tests.conftest import World
from tests.workshops.matrix_workshops import make_shift


def _campaign(world: World, instrument: str) -> Campaign:
    version = InstrumentVersion.objects.filter(instrument__code=instrument).latest("number")
    return Campaign.objects.create(
        organisation=world.school,
        version=version,
        title=f"Опрос {instrument}",
        opens_on=datetime.date(2026, 10, 20),
        closes_on=datetime.date(2026, 11, 20),
    )


def test_the_director_creates_a_shift_once_a_year(world: World) -> None:
    client = world.client_for("director")
    url = reverse("workshops:shifts", args=[world.school.pk])
    data = {"code": "optimism", "starts_on": "2026-12-01", "ends_on": "2027-01-20"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert "Смена «Оптимизм» в 2026/2027 уже есть" in again.content.decode()
    assert Shift.objects.get().academic_year == AcademicYear.current()


def test_a_shift_ending_before_it_starts_is_refused(world: World) -> None:
    response = world.client_for("curator").post(
        reverse("workshops:shifts", args=[world.school.pk]),
        {"code": "choice", "starts_on": "2026-10-01", "ends_on": "2026-09-01"},
    )
    assert "Окончание смены раньше её начала" in response.content.decode()
    assert not Shift.objects.exists()


def test_the_shift_page_counts_and_aggregates_the_answers_of_its_questionnaire(world: World) -> None:
    shift = make_shift(world)
    campaign = _campaign(world, "autumn-optimism-feedback")
    other = _campaign(world, "winter-meeting-feedback")
    client = world.client_for("curator")
    url = reverse("workshops:shift", args=[shift.pk])
    refused = client.post(url, {"action": "campaign", "campaign": other.pk})
    assert refused.status_code == 200 and Shift.objects.get().campaign is None
    client.post(url, {"action": "people", "people": [world.people["teacher"].pk, world.people["mentor"].pk]})
    client.post(url, {"action": "campaign", "campaign": campaign.pk})
    for person, choice in (("teacher", "challenge"), ("mentor", "go_with_flow"), ("curator", "challenge")):
        Response.objects.create(
            campaign=campaign, version=campaign.version, person=world.people[person], answers={"q1": choice}
        )
    page = world.client_for("district").get(url).content.decode()
    assert "Ответов: <strong>3</strong>, из них участников смены: 2 из 2" in page
    assert "Способности бороться с обстоятельствами, бросать себе вызовы</td><td>2</td>" in page


def test_school_people_cannot_change_a_shift(world: World) -> None:
    shift = make_shift(world)
    response = world.client_for("district").post(
        reverse("workshops:shift", args=[shift.pk]), {"action": "people", "people": []}
    )
    assert response.status_code == 403
    assert world.client_for("other_curator").get(reverse("workshops:shift", args=[shift.pk])).status_code == 404
