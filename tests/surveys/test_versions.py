from __future__ import annotations

import datetime
import json

from django.urls import reverse

from nastavnik.surveys.loader import load_instruments
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from tests.conftest import World


def _edit(world: World, version: InstrumentVersion, title: str) -> None:
    definition = {**version.definition, "title": title}
    response = world.client_for("admin").post(
        reverse("admin:surveys_instrumentversion_change", args=[version.pk]),
        {
            "instrument": version.instrument_id,
            "number": version.number,
            "definition": json.dumps(definition, ensure_ascii=False),
            "source": version.source,
            "is_default_text": "on" if version.is_default_text else "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_editing_an_answered_version_saves_a_new_version_and_keeps_the_old(world: World) -> None:
    version = InstrumentVersion.objects.get(instrument__code="meeting-feedback")
    today = datetime.date.today()
    campaign = Campaign.objects.create(
        organisation=world.school, version=version, title="x", opens_on=today, closes_on=today
    )
    answered = Response.objects.create(campaign=campaign, version=version, answers={"rating": 5})
    _edit(world, version, "Отзыв о встрече (исправлено)")
    versions = list(InstrumentVersion.objects.filter(instrument=version.instrument).order_by("number"))
    assert [v.number for v in versions] == [version.number, version.number + 1]
    assert versions[0].definition["title"] == version.definition["title"]
    assert versions[1].definition["title"] == "Отзыв о встрече (исправлено)"
    answered.refresh_from_db()
    assert answered.version_id == version.pk  # answers stay with the text they answered


def test_editing_an_unanswered_version_changes_it_in_place(world: World) -> None:
    version = InstrumentVersion.objects.get(instrument__code="meeting-feedback")
    _edit(world, version, "Новый заголовок")
    assert InstrumentVersion.objects.filter(instrument=version.instrument).count() == 1
    version.refresh_from_db()
    assert version.definition["title"] == "Новый заголовок"


def test_reloading_the_files_never_overwrites_a_stored_version(world: World) -> None:
    version = InstrumentVersion.objects.get(instrument__code="key-to-self")
    version.definition = {**version.definition, "title": "Изменено администратором"}
    version.save()
    assert load_instruments() == 0
    version.refresh_from_db()
    assert version.definition["title"] == "Изменено администратором"
