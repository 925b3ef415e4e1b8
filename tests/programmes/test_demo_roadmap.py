"""The demo shows the roadmap feature right after `make demo`."""

from __future__ import annotations

import datetime
from io import StringIO

from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes.models import ItemStatus, Programme, ProgrammeStatus


def test_demo_programmes_have_roadmaps_cycles_and_passports(db: None) -> None:
    call_command("demo-data", stdout=StringIO())
    today = datetime.date.today()
    year = AcademicYear.current()
    point = Programme.objects.get(organisation__slug=catalog.SCHOOL1_SLUG, academic_year=year, title="Точка развития")
    items = list(point.roadmap.all())
    assert len(items) == 35
    assert all(i.responsible_id for i in items)
    past = [i for i in items if i.due_on < today]
    done = [i for i in items if i.status == ItemStatus.DONE]
    overdue = [i for i in items if i.is_overdue(today)]
    assert {i.pk for i in done} <= {i.pk for i in past}
    assert all(i.done_on and i.starts_on <= i.done_on <= i.due_on for i in done)
    if len(past) >= 2:
        assert len(overdue) == 2
        assert sum(1 for i in done if i.evidence_url) >= len(done) // 2
    assert all(i.status == ItemStatus.IN_PROGRESS for i in items if i.starts_on <= today <= i.due_on)
    assert all(i.status == ItemStatus.PLANNED for i in items if i.starts_on > today)
    assert point.indicators and point.control and point.forms_description and point.approved_on
    tasks = list(point.management_tasks.prefetch_related("responsible"))
    assert len(tasks) == 5 and all(t.responsible.exists() for t in tasks)

    finished = Programme.objects.get(
        organisation__slug=catalog.SCHOOL1_SLUG, academic_year__start_year=year.start_year - 1, title="Точка развития"
    )
    assert finished.status == ProgrammeStatus.FINISHED
    assert finished.roadmap.count() == 35 and not finished.roadmap.exclude(status=ItemStatus.DONE).exists()
    young = Programme.objects.get(
        organisation__slug=catalog.SCHOOL1_SLUG, academic_year=year, title="Молодой специалист"
    )
    assert young.roadmap.count() == 17

    client = Client()
    assert client.login(request=HttpRequest(), username="curator", password=DEMO_PASSWORD)
    for name in (
        "programmes:detail",
        "programmes:roadmap",
        "programmes:roadmap_calendar",
        "programmes:roadmap_timeline",
    ):
        assert client.get(reverse(name, args=[point.pk])).status_code == 200
    assert client.get(reverse("programmes:passport_docx", args=[point.pk])).status_code == 200
    calendar = client.get(reverse("programmes:my_calendar")).content.decode()
    assert "/programmes/ical/" in calendar
