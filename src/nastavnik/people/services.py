"""Operations on people that change several rows: each owns its transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from nastavnik.orgs.models import Membership, Organisation
from nastavnik.people.models import Consent, ConsentGiver, Person
from nastavnik.people.signals import consent_withdrawn


def refresh_consent_flag(person: Person) -> None:
    has = person.consents.filter(revoked_on__isnull=True).exists()
    if has != person.has_consent:
        person.has_consent = has
        person.save(update_fields=["has_consent", "updated_at"])


@transaction.atomic
def record_consent(
    person: Person,
    *,
    given_on: datetime.date,
    given_by: str,
    guardian_name: str = "",
    document: str = "",
    recorded_by: AbstractBaseUser | AnonymousUser | None = None,
) -> Consent:
    consent = Consent.objects.create(
        person=person,
        given_on=given_on,
        given_by=given_by,
        guardian_name=guardian_name if given_by == ConsentGiver.PARENT else "",
        document=document,
        recorded_by=recorded_by if recorded_by is not None and recorded_by.is_authenticated else None,  # type: ignore[misc]
    )
    refresh_consent_flag(person)
    return consent


@transaction.atomic
def revoke_consent(
    consent: Consent, on: datetime.date, by: AbstractBaseUser | AnonymousUser | None = None
) -> dict[str, int]:
    """Revoke one consent; when no valid consent is left, processing stops (receivers of consent_withdrawn).

    Returns what the receivers did, summed by kind (e.g. {"entries": 1, "pairs": 1}), for the message.
    """
    consent.revoked_on = on
    consent.save(update_fields=["revoked_on"])
    person = consent.person
    refresh_consent_flag(person)
    summary: dict[str, int] = {}
    if person.has_consent:
        return summary
    for _receiver, result in consent_withdrawn.send(sender=Person, person=person, on=on, by=by):
        if isinstance(result, dict):
            for key, value in result.items():
                summary[key] = summary.get(key, 0) + int(value)
    return summary


@transaction.atomic
def create_person(
    person_data: dict[str, Any],
    organisation: Organisation,
    membership_data: dict[str, Any],
    consent_data: dict[str, Any] | None,
    user: AbstractBaseUser | AnonymousUser,
) -> Person:
    person = Person.objects.create(organisation=organisation, **person_data)
    Membership.objects.create(person=person, organisation=organisation, **membership_data)
    if consent_data:
        record_consent(person, recorded_by=user, **consent_data)
    return person
