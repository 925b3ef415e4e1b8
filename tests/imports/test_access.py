"""Who may import: the organisation's director, curator and working group, and the platform admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, commit, upload, upload_batch, xlsx_bytes

CONTENT = xlsx_bytes([STUDENT_HEADER, ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"]])


@pytest.mark.parametrize("role", ["teacher", "mentee", "parent", "district"])
def test_people_who_do_not_run_the_organisation_get_403_on_upload(world: World, role: str) -> None:
    client = world.client_for(role)
    assert client.get(reverse("imports:upload")).status_code == 403
    assert upload(client, world.school, "ученики.xlsx", CONTENT).status_code == 403
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize("role", ["director", "working_group", "admin"])
def test_managers_and_the_admin_may_import(world: World, role: str) -> None:
    batch = upload_batch(world.client_for(role), world.school, "ученики.xlsx", CONTENT)
    assert batch.organisation == world.school


def test_another_organisations_curator_gets_404_on_preview_and_commit(world: World) -> None:
    batch = upload_batch(world.client_for("curator"), world.school, "ученики.xlsx", CONTENT)
    outsider = world.client_for("other_curator")
    people = Person.objects.count()
    assert outsider.get(reverse("imports:preview", kwargs={"pk": batch.pk})).status_code == 404
    assert commit(outsider, batch).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert Person.objects.count() == people


def test_the_upload_history_shows_only_own_organisations(world: World) -> None:
    upload_batch(world.client_for("curator"), world.school, "наши-ученики.xlsx", CONTENT)
    upload_batch(world.client_for("other_curator"), world.other_school, "чужие-ученики.xlsx", CONTENT)
    page = world.client_for("curator").get(reverse("imports:upload")).content.decode()
    assert "наши-ученики.xlsx" in page
    assert "чужие-ученики.xlsx" not in page


def test_commit_needs_post(world: World) -> None:
    batch = upload_batch(world.client_for("curator"), world.school, "ученики.xlsx", CONTENT)
    assert world.client_for("curator").get(reverse("imports:commit", kwargs={"pk": batch.pk})).status_code == 405
