"""The demo shows the monitoring working: events, manual values, targets, a start snapshot on 1 September."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.bases.models import MentorBackground, MentorEntry
from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.demo.monitoring import create_monitoring
from nastavnik.demo.world import build_demo
from nastavnik.monitoring.models import Event, ManualValue, Snapshot, SnapshotKind, Target
from nastavnik.orgs.models import AcademicYear, Organisation


@pytest.fixture
def demo(db: None) -> None:
    world = build_demo()
    users = {user.username: user for user in User.objects.all()}
    create_monitoring(world, users)
    create_monitoring(world, users)  # a second call changes nothing


def _login(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_demo_monitoring_data_is_there_once(demo: None) -> None:
    school = Organisation.objects.get(slug=catalog.SCHOOL1_SLUG)
    assert Event.objects.filter(organisation=school).count() == 3
    assert ManualValue.objects.filter(organisation=school, code="3.3").get().comment
    assert Target.objects.filter(organisation=school).count() == 6
    start = Snapshot.objects.get(organisation=school, kind=SnapshotKind.START)
    assert start.date == AcademicYear.current().starts_on
    # The seminar of 1 September is in the start values; the mentors created later are not.
    assert (start.values["4.3"]["value"], start.values["4.4"]["value"]) == (1, 28)
    # School № 1, the lyceum, the ДДТ, the district and the two district schools run programmes this year.
    assert Snapshot.objects.filter(kind=SnapshotKind.START).count() == 6
    assert MentorEntry.objects.filter(background=MentorBackground.ENTERPRISE).count() == 2
    assert MentorEntry.objects.filter(background=MentorBackground.STUDENT).exists()


def test_demo_curator_sees_dynamics_targets_and_manual_values(demo: None) -> None:
    school = Organisation.objects.get(slug=catalog.SCHOOL1_SLUG)
    response = _login("curator").get(reverse("monitoring:indicators", kwargs={"org_pk": school.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"срез на дату начала 01.09.{AcademicYear.current().start_year}" in html
    assert "введено вручную" in html
    assert "Педагогический дебют" in html
    assert "выполнено" in html
    assert "Количество обучающихся, подавших «запрос на помощь наставника»" in html


def test_demo_district_coordinator_sees_the_district_summary(demo: None) -> None:
    district = Organisation.objects.get(slug=catalog.DISTRICT_SLUG)
    response = _login("district").get(reverse("monitoring:indicators", kwargs={"org_pk": district.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Сводка" in html
    assert "ДДТ Заречного р-на" in html
    lyceum = Organisation.objects.get(slug=catalog.LYCEUM_SLUG)
    other = _login("district").get(reverse("monitoring:indicators", kwargs={"org_pk": lyceum.pk}))
    assert other.status_code == 404
