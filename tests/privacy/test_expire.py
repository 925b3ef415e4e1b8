"""Retention: people whose every membership ended more than N years ago are listed and anonymised."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from nastavnik.privacy.models import ErasureRecord
from nastavnik.privacy.retention import expired, years_before
from tests.conftest import World
from tests.privacy.people import LAST_NAME, subject

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 6, 1)


def _leave(person: Person, on: datetime.date) -> None:
    Membership.objects.filter(person=person).update(is_active=False, left_on=on)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("personal-data", "expire", "--today", TODAY.isoformat(), *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_id_and_date_without_names_and_changes_nothing(world: World, settings: Any) -> None:
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    s = subject(world)
    _leave(s.person, datetime.date(2027, 5, 31))
    out = _run("--dry-run")
    assert f"{s.person.pk}\t31.05.2027" in out
    assert LAST_NAME not in out
    assert Person.objects.get(pk=s.person.pk).last_name == LAST_NAME
    assert not ErasureRecord.objects.exists()


def test_expire_anonymises_those_past_the_period_only(world: World, settings: Any) -> None:
    settings.PERSONAL_DATA_RETENTION_YEARS = 3
    s = subject(world)
    _leave(s.person, datetime.date(2027, 5, 31))
    recent = world.people["teacher"]
    _leave(recent, datetime.date(2027, 6, 2))
    _run()
    assert Person.objects.get(pk=s.person.pk).last_name == f"Участник удалён №{s.person.pk}"
    assert ErasureRecord.objects.get(person_id=s.person.pk).reason == "срок хранения истёк"
    assert Person.objects.get(pk=recent.pk).last_name == recent.last_name
    assert _run().strip().endswith("Итого: 0 (обезличено; срок хранения 3 г.)")


def test_an_active_membership_or_an_undated_end_keeps_the_person(world: World) -> None:
    s = subject(world)
    _leave(s.person, datetime.date(2020, 1, 1))
    Membership.objects.create(person=s.person, organisation=world.other_school, role="student", is_active=True)
    undated = world.people["teacher"]
    Membership.objects.filter(person=undated).update(is_active=False, left_on=None)
    assert expired(TODAY, 3) == []


def test_zero_years_keeps_everything(world: World) -> None:
    s = subject(world)
    _leave(s.person, datetime.date(2020, 1, 1))
    assert expired(TODAY, 0) == []


def test_a_leap_day_counts_back_to_the_28th() -> None:
    assert years_before(datetime.date(2028, 2, 29), 3) == datetime.date(2025, 2, 28)


def test_a_bad_date_exits_2(world: World) -> None:
    with pytest.raises(CommandError) as error:
        call_command("personal-data", "expire", "--today", "01.06.2030")
    assert error.value.returncode == 2 and "--today" in str(error.value)
