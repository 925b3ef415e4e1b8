"""Reading a person's sensitive flags is logged (who, whose, when, where) and shown to the director."""

from __future__ import annotations

import datetime

from django.urls import reverse

from nastavnik.people.models import SensitiveDataAccess, SensitiveInfo, SensitivePlace
from nastavnik.site.audit import READS, audit_records
from tests.conftest import World

MOMENT = datetime.datetime(2026, 11, 20, 10, 30, tzinfo=datetime.UTC)


def test_the_curator_opening_the_card_is_logged_without_values(world: World) -> None:
    mentee = world.people["mentee"]
    SensitiveInfo.objects.create(person=mentee, disability=True, health_notes="астма")
    world.client_for("curator").get(reverse("people:detail", args=[mentee.pk]))
    row = SensitiveDataAccess.objects.get()
    assert (row.user, row.person, row.place) == (world.people["curator"].user, mentee, SensitivePlace.CARD)
    assert row.at is not None
    assert {f.name for f in SensitiveDataAccess._meta.fields} == {"id", "user", "person", "at", "place"}


def test_the_sensitive_edit_page_is_logged(world: World) -> None:
    world.client_for("director").get(reverse("people:sensitive", args=[world.people["mentee"].pk]))
    assert SensitiveDataAccess.objects.get().place == SensitivePlace.EDIT


def test_roles_that_do_not_see_the_flags_and_the_person_themselves_leave_no_row(world: World) -> None:
    mentee = world.people["mentee"]
    for role in ("working_group", "region", "parent", "mentee"):
        world.client_for(role).get(reverse("people:detail", args=[mentee.pk]))
    assert SensitiveDataAccess.objects.count() == 0


def test_the_director_sees_the_reads_in_the_audit_log(world: World) -> None:
    mentee = world.people["mentee"]
    SensitiveDataAccess.objects.create(
        user=world.people["curator"].user, person=mentee, at=MOMENT, place=SensitivePlace.CARD
    )
    page = world.client_for("director").get(reverse("audit"), {"source": "reads"}).content.decode()
    assert "Просмотр чувствительных сведений" in page
    assert "20.11.2026 13:30" in page  # Moscow time
    assert world.people["curator"].short_name in page and mentee.short_name in page


def test_the_reads_are_scoped_to_the_directors_organisations(world: World) -> None:
    world.client_for("curator").get(reverse("people:detail", args=[world.people["mentee"].pk]))
    assert audit_records(READS, {world.school.pk}).count() == 1
    assert audit_records(READS, {world.other_school.pk}).count() == 0
