"""Who sees and runs communities, the reserve and the lab; every view asks here.

Staff of a coordinating organisation (a methodological centre or a district: its director, curator
and working group, and the coordinators whose subtree holds it) run everything of that organisation.
The community's leader and curator (fields of the community) run their community; its members read
it. A reserve candidate reads his own record, the head of his school reads it too. Anyone else gets
404, so another district's methodologist learns nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nastavnik.access.rules import Access
from nastavnik.communities.models import Community, LabPair, LabSurvey, ReserveCycle, ReserveEntry
from nastavnik.orgs.models import TERRITORY_KINDS, Organisation, OrganisationKind, Role

COORDINATING_KINDS = frozenset({*TERRITORY_KINDS, OrganisationKind.METHODOLOGICAL_CENTRE})


def is_staff_of(access: Access, org: Organisation) -> bool:
    return access.can_read_org(org)


def coordinating_orgs(access: Access) -> QuerySet[Organisation]:
    """Organisations whose communities, reserve and lab the user may start."""
    qs = Organisation.objects.filter(kind__in=COORDINATING_KINDS).order_by("path")
    if access.is_admin:
        return qs
    if not access.is_authenticated or not access.is_staff_reader:
        return qs.none()
    return qs.filter(access.org_filter(""))


def _staff_q(access: Access, prefix: str) -> Q:
    return access.org_filter(prefix) if access.is_staff_reader else Q(pk__in=[])


def communities_visible(access: Access) -> QuerySet[Community]:
    qs = Community.objects.select_related("organisation", "leader", "curator")
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    pid = access.person_id
    own = Q(leader_id=pid) | Q(curator_id=pid) | Q(members__person_id=pid) if pid else Q(pk__in=[])
    ids = Community.objects.filter(_staff_q(access, "organisation__") | own).values("pk")
    return qs.filter(pk__in=ids)


def runs_community(access: Access, community: Community) -> bool:
    """Edits members, events, materials, reports and the cascade: staff, the leader, the curator."""
    if is_staff_of(access, community.organisation):
        return True
    return access.person_id is not None and access.person_id in (community.leader_id, community.curator_id)


def is_member(access: Access, community: Community) -> bool:
    return access.person_id is not None and community.members.filter(person_id=access.person_id).exists()


def cycles_visible(access: Access) -> QuerySet[ReserveCycle]:
    qs = ReserveCycle.objects.select_related("organisation", "academic_year")
    if access.is_admin:
        return qs
    return qs.filter(_staff_q(access, "organisation__")) if access.is_authenticated else qs.none()


def entries_visible(access: Access) -> QuerySet[ReserveEntry]:
    """Staff see the cycle's entries; a candidate his own; a head of a school those of his school."""
    qs = ReserveEntry.objects.select_related("cycle__academic_year", "cycle__organisation", "person", "workplace")
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    heads = access.orgs_with({Role.DIRECTOR})
    return qs.filter(
        _staff_q(access, "cycle__organisation__") | Q(person_id=access.person_id) | Q(workplace_id__in=heads)
    )


def labs_visible(access: Access) -> QuerySet[LabSurvey]:
    qs = LabSurvey.objects.select_related("organisation", "academic_year", "campaign")
    if access.is_admin:
        return qs
    return qs.filter(_staff_q(access, "organisation__")) if access.is_authenticated else qs.none()


def lab_pairs_visible(access: Access) -> QuerySet[LabPair]:
    """Staff of the lab's organisation, and the mentor and the mentee themselves."""
    qs = LabPair.objects.select_related(
        "lab__organisation", "mentor__person", "mentor__organisation", "mentee__person", "mentee__organisation"
    )
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    pid = access.person_id
    return qs.filter(
        _staff_q(access, "lab__organisation__") | Q(mentor__person_id=pid) | Q(mentee__person_id=pid)
    ).distinct()
