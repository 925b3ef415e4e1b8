"""Who sees and changes a workshop: the school's management (access layer) and the coordinators
above it read; the workshop's own people (master, coordinator, librarian, director) and its
members read theirs. Managers and the workshop's coordinator manage; the master logs meetings."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from nastavnik.access.rules import Access, access_for
from nastavnik.orgs.models import Organisation
from nastavnik.workshops.models import Enrolment, Workshop

User = AbstractBaseUser | AnonymousUser


def _own_q(person_id: int) -> Q:
    return (
        Q(master_id=person_id)
        | Q(coordinator_id=person_id)
        | Q(librarian_id=person_id)
        | Q(director_id=person_id)
        | Q(members__person_id=person_id)
    )


def visible_workshops(user: User) -> QuerySet[Workshop]:
    access = access_for(user)
    qs = Workshop.objects.all()
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    q = access.org_filter("organisation__")
    if access.person_id is not None:
        q |= _own_q(access.person_id)
    return qs.filter(pk__in=Workshop.objects.filter(q).values("pk"))


def can_manage(access: Access, workshop: Workshop) -> bool:
    """Roles, status and members: the school's management or the workshop's coordinator."""
    if access.can_manage_org(workshop.organisation):
        return True
    return access.person_id is not None and access.person_id == workshop.coordinator_id


def can_log(access: Access, workshop: Workshop) -> bool:
    """Meetings, attendance and projects: also the master."""
    return can_manage(access, workshop) or (access.person_id is not None and access.person_id == workshop.master_id)


def visible_enrolments(user: User) -> QuerySet[Enrolment]:
    """The school's management and coordinators above read enrolments; a teacher reads his own."""
    access = access_for(user)
    qs = Enrolment.objects.all()
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    q = access.org_filter("organisation__")
    if access.person_id is not None:
        q |= Q(person_id=access.person_id)
    return qs.filter(q)


def readable_org(access: Access, org: Organisation) -> bool:
    return access.can_read_org(org)
