"""Retention: how long a person's data is kept after they left every organisation (PERSONAL_DATA_RETENTION_YEARS)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max, Q

from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from nastavnik.privacy.erase import erase_person
from nastavnik.privacy.models import ErasureRecord

EXPIRY_REASON = "срок хранения истёк"


@dataclass(frozen=True)
class Expired:
    person_id: int
    left_on: datetime.date


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year - years, day=28)


def expired(today: datetime.date, years: int) -> list[Expired]:
    """People whose every membership ended (with a date) at least `years` ago and who are not erased yet.

    A membership ended without a date (`left_on` empty) keeps the person: the day the period starts is unknown.
    """
    if years <= 0:
        return []
    limit = years_before(today, years)
    open_or_undated = Membership.objects.filter(Q(is_active=True) | Q(left_on__isnull=True)).values("person_id")
    erased = ErasureRecord.objects.values("person_id")
    rows = (
        Membership.objects.exclude(person_id__in=open_or_undated)
        .exclude(person_id__in=erased)
        .values("person_id")
        .annotate(left=Max("left_on"))
        .filter(left__lte=limit)
        .order_by("left", "person_id")
    )
    return [Expired(row["person_id"], row["left"]) for row in rows]


def expire(today: datetime.date, years: int) -> list[Expired]:
    """Anonymise everyone past the retention period; returns who was anonymised."""
    found = expired(today, years)
    for item in found:
        erase_person(Person.objects.get(pk=item.person_id), EXPIRY_REASON, None, today)
    return found
