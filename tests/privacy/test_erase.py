"""Erasure: no table keeps the person's name, e-mail, phone or birth date; figures stay the same."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from nastavnik.diary.models import MeetingRating, PairMeeting
from nastavnik.imports.models import ImportBatch
from nastavnik.monitoring.compute import compute
from nastavnik.orgs.models import AcademicYear
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.privacy.erase import erase_person
from nastavnik.privacy.models import ErasureRecord
from tests.conftest import World
from tests.privacy.people import BIRTH, DAY, EMAIL, FIRST_NAME, LAST_NAME, PHONE, subject
from tests.privacy.scan import find

pytestmark = pytest.mark.django_db

NEEDLES = [LAST_NAME, EMAIL, PHONE, BIRTH.isoformat(), BIRTH.strftime("%d.%m.%Y")]


def _erase(world: World, person: Person) -> ErasureRecord:
    director = User.objects.get(username="director")
    return erase_person(person, "Заявление родителя от 01.10.2026", director, DAY)


def test_no_table_holds_the_name_contacts_or_birth_date_after_erasure(world: World) -> None:
    s = subject(world)
    User.objects.filter(pk=s.person.user_id).update(first_name=FIRST_NAME, last_name=LAST_NAME, email=EMAIL)
    ImportBatch.objects.create(
        organisation=world.school,
        kind="students",
        filename="9А.xlsx",
        rows=[{"line": 2, "last_name": LAST_NAME, "first_name": FIRST_NAME, "birth_date": BIRTH.isoformat()}],
        # the sheet kept for the column mapping step
        source={"titles": ["ФИО", "Телефон"], "rows": [[2, [f"{LAST_NAME} {FIRST_NAME}", PHONE]]]},
    )
    assert find(NEEDLES)  # the scan sees the data before
    _erase(world, s.person)
    assert find(NEEDLES) == []


def test_the_person_and_the_account_are_anonymised_and_disabled(world: World) -> None:
    s = subject(world)
    _erase(world, s.person)
    person = Person.objects.get(pk=s.person.pk)
    assert person.full_name == f"Участник удалён №{person.pk}"
    assert (person.email, person.phone, person.birth_date) == ("", "", None)
    user = User.objects.get(pk=s.person.user_id)
    assert user.username == f"deleted-{user.pk}"
    assert (user.first_name, user.last_name, user.email, user.is_active) == ("", "", "", False)
    assert not user.has_usable_password()


def test_pairs_meetings_and_ratings_stay_and_indicators_do_not_change(world: World) -> None:
    s = subject(world, complete=True)
    year = AcademicYear.objects.get(pk=world.programme.academic_year_id)
    on = datetime.date(2030, 1, 1)
    before = compute([world.school.pk], year, on)
    _erase(world, s.person)
    assert compute([world.school.pk], year, on) == before
    assert Pair.objects.get(pk=s.pair.pk).status == PairStatus.COMPLETED
    assert PairMeeting.objects.filter(pair=s.pair).count() == 1
    assert MeetingRating.objects.filter(person=s.person).count() == 1


def test_the_audit_names_ids_time_and_reason_only(world: World) -> None:
    s = subject(world)
    record = _erase(world, s.person)
    director = User.objects.get(username="director")
    assert (record.person_id, record.actor_id, record.reason) == (
        s.person.pk,
        director.pk,
        "Заявление родителя от 01.10.2026",
    )
    assert record.at is not None


def test_the_command_erases_and_refuses_an_unknown_id_without_changes(world: World) -> None:
    s = subject(world)
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "erase", "--person", "999999", "--reason", "Заявление")
    assert error.value.returncode == 2 and "999999" in str(error.value)
    assert not ErasureRecord.objects.exists()
    out = io.StringIO()
    call_command("personal-data", "erase", "--person", str(s.person.pk), "--reason", "Заявление", stdout=out)
    assert "удалены" in out.getvalue()
    assert Person.objects.get(pk=s.person.pk).last_name.startswith("Участник удалён")


def test_the_command_needs_a_reason(world: World) -> None:
    s = subject(world)
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "erase", "--person", str(s.person.pk))
    assert error.value.returncode == 2 and "--reason" in str(error.value)
    assert Person.objects.get(pk=s.person.pk).last_name == LAST_NAME
