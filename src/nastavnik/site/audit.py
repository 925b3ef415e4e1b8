"""The audit log: the history tables kept by django-simple-history and the log of sensitive-data reads,
scoped by organisation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.people.models import Consent, Person, SensitiveDataAccess, SensitiveInfo, SensitivePlace


def _by_person_org(org_ids: set[int]) -> Q:
    return Q(organisation_id__in=org_ids)


def _by_related_person(org_ids: set[int]) -> Q:
    return Q(person__organisation_id__in=org_ids)


def _by_programme(org_ids: set[int]) -> Q:
    return Q(programme__organisation_id__in=org_ids)


READS = "reads"

# key -> (Russian label, (history queryset factory, organisation filter))
AUDIT_SOURCES: dict[str, tuple[str, tuple[Callable[[], QuerySet[Any]], Callable[[set[int]], Q]]]] = {
    "person": ("Люди", (lambda: Person.history.all(), _by_person_org)),
    "consent": ("Согласия на обработку ПДн", (lambda: Consent.history.all(), _by_related_person)),
    "sensitive": ("Чувствительные сведения", (lambda: SensitiveInfo.history.all(), _by_related_person)),
    "mentor": ("База наставников", (lambda: MentorEntry.history.all(), _by_programme)),
    "mentee": ("База наставляемых", (lambda: MenteeEntry.history.all(), _by_programme)),
    # Not a history table: who opened whose sensitive flags (the template shows it in its own columns).
    READS: ("Просмотр чувствительных сведений", (lambda: SensitiveDataAccess.objects.all(), _by_related_person)),
}


def audit_records(source: str, org_ids: set[int] | None) -> QuerySet[Any]:
    """History rows of one kind, newest first; `org_ids=None` means every organisation."""
    _, (factory, org_filter) = AUDIT_SOURCES[source]
    if source == READS:
        qs = factory().select_related("user__person", "person").order_by("-at", "-id")
    else:
        qs = factory().select_related("history_user__person").order_by("-history_date", "-history_id")
    if org_ids is not None:
        qs = qs.filter(org_filter(org_ids))
    return qs


def log_sensitive_read(user: AbstractBaseUser | AnonymousUser, person: Person, place: SensitivePlace) -> None:
    """Record that `user` was shown `person`'s sensitive flags; a person reading their own is not recorded."""
    own = getattr(user, "person", None)
    if own is not None and own.pk == person.pk:
        return
    reader: Any = user if user.is_authenticated else None
    SensitiveDataAccess.objects.create(user=reader, person=person, place=place)
