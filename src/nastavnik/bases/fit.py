"""Which programmes and forms a person may apply to as a mentee: the form's mentee side must fit her role."""

from __future__ import annotations

from django.db.models import QuerySet

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.programmes.models import ParticipantKind, Programme, ProgrammeFormat

# The mentee side of a form (reference data «кто наставляемый») each role may take.
MENTEE_KINDS_BY_ROLE: dict[str, frozenset[str]] = {
    Role.STUDENT: frozenset({ParticipantKind.STUDENT, ParticipantKind.STUDENT_COLLEGE}),
    Role.TEACHER: frozenset({ParticipantKind.TEACHER, ParticipantKind.TEAM}),
}


def mentee_kinds_of(person: Person) -> frozenset[str]:
    """The mentee kinds a person's active memberships allow (a student is never a «педагог» mentee)."""
    roles = Membership.objects.filter(person=person, is_active=True).values_list("role", flat=True)
    return frozenset().union(*(MENTEE_KINDS_BY_ROLE.get(role, frozenset()) for role in roles))


def fitting_forms(person: Person, programmes: QuerySet[Programme]) -> QuerySet[ProgrammeFormat]:
    """Forms of the programmes whose mentee side fits the person."""
    return ProgrammeFormat.objects.filter(programme__in=programmes, form__mentee_kind__in=mentee_kinds_of(person))


def fitting_programmes(person: Person, programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """Programmes with at least one form that fits the person as a mentee."""
    ids = fitting_forms(person, programmes).values("programme_id")
    return programmes.filter(pk__in=ids)
