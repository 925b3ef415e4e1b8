"""The demo shows source 004 at work: a living community and a forming one, a reserve cycle, the lab."""

from __future__ import annotations

from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.communities.models import MIN_MEMBERS, Community, LabPair, LabSurvey, ReserveCycle
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.demo.world import build_demo


def _login(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_demo_communities_reserve_and_lab(db: None) -> None:
    build_demo()
    living, forming = sorted(Community.objects.all(), key=lambda c: c.registered_on is None)
    assert living.registered_on is not None and living.members.count() >= MIN_MEMBERS
    assert living.events.count() == 3 and living.materials.count() == 4 and living.trainings.count() == 4
    assert forming.registered_on is None and forming.members.count() < MIN_MEMBERS

    current, previous = ReserveCycle.objects.order_by("-academic_year__start_year")
    assert previous.stage == "closed" and current.entries.count() >= 5
    assert previous.entries.filter(person__in=current.entries.values("person")).count() == 2

    lab = LabSurvey.objects.get()
    assert lab.campaign is not None and lab.participants.count() == 6
    pairs = LabPair.objects.filter(lab=lab).select_related("mentor", "mentee")
    assert pairs.count() == 2
    assert all(p.mentor.organisation_id != p.mentee.organisation_id for p in pairs)

    district = _login("district")
    page = district.get(reverse("communities:detail", kwargs={"pk": living.pk})).content.decode()
    assert "Баллы и значки" in page
    assert district.get(reverse("communities:lab", kwargs={"pk": lab.pk})).status_code == 200
    # `working_group` of school № 1 is a candidate: she and the head of her school read the record.
    entry = current.entries.get(person__user__username="working_group")
    url = reverse("communities:reserve_entry", kwargs={"pk": entry.pk})
    assert _login("director").get(url).status_code == 200
    assert _login("working_group").get(reverse("communities:my_reserve")).status_code == 200
