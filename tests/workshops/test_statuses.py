from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import (
    Partnership,
    PartnershipMeeting,
    SeasonStatus,
    StatusApplication,
    StatusState,
)
from tests.conftest import World
from tests.factories import OrganisationFactory
from tests.workshops.matrix_workshops import make_partnership, make_workshop


def test_a_status_application_keeps_its_document_and_decision(world: World) -> None:
    client = world.client_for("director")
    url = reverse("workshops:statuses", args=[world.school.pk])
    document = SimpleUploadedFile("zayavka.pdf", b"%PDF-1.4 application", content_type="application/pdf")
    response = client.post(url, {"action": "apply", "status": "crlp", "applied_on": "2026-09-20", "document": document})
    assert response.status_code == 302
    application = StatusApplication.objects.get()
    client.post(
        url, {"action": "decide", "application": application.pk, "state": "granted", "decided_on": "2026-11-02"}
    )
    application.refresh_from_db()
    assert (application.state, str(application.decided_on)) == (StatusState.GRANTED, "2026-11-02")
    download = world.client_for("district").get(reverse("workshops:status_document", args=[application.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 application"  # type: ignore[attr-defined]
    page = world.client_for("region").get(url).content.decode()
    assert "ЦРЛП" in page and "20.09.2026" in page and "Статус присвоен" in page


def test_a_disallowed_file_and_a_resource_centre_without_level_are_refused(world: World) -> None:
    client = world.client_for("curator")
    url = reverse("workshops:statuses", args=[world.school.pk])
    bad = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(url, {"status": "fip", "applied_on": "2026-09-20", "document": bad}).content.decode()
    assert "Этот тип файла не принимается: .exe" in page
    page = client.post(url, {"status": "resource_centre", "applied_on": "2026-09-20"}).content.decode()
    assert "Укажите уровень ресурсного центра" in page
    assert not StatusApplication.objects.exists()
    assert world.client_for("district").post(url, {"status": "fip", "applied_on": "2026-09-20"}).status_code == 403


def test_the_district_pairs_a_second_year_school_with_a_new_one(world: World) -> None:
    newcomer = OrganisationFactory(parent=world.district, short_name="Новая школа")
    client = world.client_for("district")
    url = reverse("workshops:partnerships")
    first_year = client.post(url, {"mentor_school": world.school.pk, "new_school": newcomer.pk})
    assert "не школа второго года" in first_year.content.decode()
    last_year, _ = AcademicYear.objects.get_or_create(start_year=2025)
    services.set_status(make_workshop(world), last_year, SeasonStatus.CLOSED)
    same = client.post(url, {"mentor_school": world.school.pk, "new_school": world.school.pk})
    assert "Школа не может поддерживать сама себя" in same.content.decode()
    assert client.post(url, {"mentor_school": world.school.pk, "new_school": newcomer.pk}).status_code == 302
    twice = client.post(url, {"mentor_school": world.school.pk, "new_school": newcomer.pk})
    assert "уже есть школа-партнёр" in twice.content.decode()
    assert Partnership.objects.count() == 1
    assert world.client_for("curator").post(url, {"mentor_school": world.school.pk}).status_code == 403


def test_the_schools_log_the_plan_and_meetings_and_the_map_shows_the_partnership(world: World) -> None:
    pair = make_partnership(world)
    StatusApplication.objects.create(
        organisation=world.school, status="crlp", applied_on="2026-09-01", state=StatusState.GRANTED
    )
    client = world.client_for("curator")
    url = reverse("workshops:partnership", args=[pair.pk])
    client.post(url, {"action": "item", "title": "Взаимное посещение мастерских", "due_on": "2026-12-20"})
    client.post(url, {"action": "meeting", "held_on": "2026-11-15", "topic": "Знакомство команд"})
    item = pair.items.get()
    client.post(url, {"action": "done", "item": item.pk})
    item.refresh_from_db()
    assert item.done and PartnershipMeeting.objects.get().topic == "Знакомство команд"
    assert world.client_for("teacher").post(url, {"action": "done", "item": item.pk}).status_code == 404
    page = world.client_for("district").get(reverse("workshops:partnership_map")).content.decode()
    row = page[page.index(world.school.short_name, page.index("partnership-map")) :]
    assert "ЦРЛП" in row.split("</tr>")[0] and "Школа-новичок" in row.split("</tr>")[0]
