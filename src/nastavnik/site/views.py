"""Home page per role and the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.access.rules import access_for, require, visible_organisations
from nastavnik.bases.counts import WAITING, in_default_year
from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.common.lockouts import LOCKOUT_LABEL, LOCKOUT_SOURCE, lockout_records
from nastavnik.common.paging import paginate
from nastavnik.orgs.models import (
    COORDINATING_ROLES,
    MANAGING_ROLES,
    Organisation,
    OrganisationKind,
    Role,
)
from nastavnik.people.models import Person
from nastavnik.site.audit import AUDIT_SOURCES, audit_records
from nastavnik.site.context_processors import pair_roles, url_or_none


def _managed_summary(request: HttpRequest, org_ids: set[int]) -> list[dict[str, Any]]:
    orgs = Organisation.objects.filter(id__in=org_ids).annotate(
        people_count=Count("people", distinct=True),
    )
    summary = []
    # The same year as the base lists' default, so that «в базе» here equals «Найдено» there.
    mentor_counts = {
        row["programme__organisation_id"]: row
        for row in in_default_year(MentorEntry.objects.filter(programme__organisation_id__in=org_ids))
        .values("programme__organisation_id")
        .annotate(
            applied=Count("id", filter=Q(admission=Admission.APPLIED)),
            admitted=Count("id", filter=Q(admission=Admission.ADMITTED)),
        )
    }
    mentee_counts = {
        row["programme__organisation_id"]: row
        for row in in_default_year(MenteeEntry.objects.filter(programme__organisation_id__in=org_ids))
        .values("programme__organisation_id")
        .annotate(
            waiting=Count("id", filter=WAITING),
            total=Count("id"),
        )
    }
    for org in orgs:
        mentors = mentor_counts.get(org.id, {})
        mentees = mentee_counts.get(org.id, {})
        summary.append(
            {
                "org": org,
                "people": org.people_count,
                "applied": mentors.get("applied", 0),
                "admitted": mentors.get("admitted", 0),
                "waiting": mentees.get("waiting", 0),
                "mentees": mentees.get("total", 0),
            }
        )
    return summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    person: Person | None = getattr(request.user, "person", None)
    context: dict[str, Any] = {"access": access, "person": person}
    context["managed"] = _managed_summary(request, access.orgs_with(MANAGING_ROLES))
    coordinated = access.orgs_with(COORDINATING_ROLES)
    if coordinated or access.is_admin:
        subtree = visible_organisations(request.user)
        context["coordinated_orgs"] = Organisation.objects.filter(id__in=coordinated)
        context["subtree_counts"] = [
            {"kind": OrganisationKind(row["kind"]).label, "n": row["n"]}
            for row in subtree.values("kind").annotate(n=Count("id")).order_by("kind")
        ]
        context["subtree_total"] = subtree.count()
    if person is not None:
        context["my_mentor_entries"] = MentorEntry.objects.filter(person=person).select_related(
            "programme", "programme__academic_year"
        )
        context["my_mentee_entries"] = MenteeEntry.objects.filter(person=person).select_related(
            "programme", "programme__academic_year"
        )
        context["children"] = Person.objects.filter(guardian_links__guardian=person)
        context["can_request"] = access.has_role(Role.STUDENT, Role.TEACHER)
        # An admitted mentor is not invited to apply again.
        admitted = MentorEntry.objects.filter(person=person, admission=Admission.ADMITTED).exists()
        context["can_apply"] = access.has_role(Role.TEACHER, Role.STUDENT, Role.EXTERNAL) and not admitted
    context["is_director"] = access.has_role(Role.DIRECTOR)
    context["pair_roles"] = pair_roles(request)
    # Next steps per role; a page missing from this build is simply not offered.
    context["links"] = {
        "nudges": url_or_none("pairs:nudges"),
        "director": url_or_none("pairs:director"),
        "programmes": url_or_none("programmes:list"),
        "practices": url_or_none("practices:list"),
        "my_mentees": url_or_none("pairs:my_mentees"),
        "my_mentor": url_or_none("pairs:my_mentor"),
        "calendar": url_or_none("programmes:my_calendar"),
    }
    return render(request, "site/home.html", context)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """Who created, changed or deleted people, consents and base entries (directors)."""
    access = access_for(request.user)
    director_orgs = access.orgs_with({Role.DIRECTOR})
    require(access.is_admin or bool(director_orgs), "Журнал изменений доступен руководителю организации")
    source = request.GET.get("source", "person")
    if source not in AUDIT_SOURCES and source != LOCKOUT_SOURCE:
        source = "person"
    org_ids = None if access.is_admin else director_orgs
    records = lockout_records(org_ids) if source == LOCKOUT_SOURCE else audit_records(source, org_ids)
    context = {
        "sources": [(key, label) for key, (label, _) in AUDIT_SOURCES.items()] + [(LOCKOUT_SOURCE, LOCKOUT_LABEL)],
        "source": source,
        **paginate(request, records, per_page=50),
    }
    return render(request, "site/audit.html", context)
