"""Who reads which territory: the district pages scope everything through these helpers.

A territory is a region or a district (or the organisation where a coordinator sits). A
coordinator reads the territories inside their coordinated subtree; the administrator
reads all. School managers (director, curator, working group) have no territory: on the
mentor map they see the rows of their own organisations only — least privilege, as the
map of a district shows other schools' shortages, which is the district's business.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from nastavnik.access.rules import Access, require
from nastavnik.district.models import SchoolPairing
from nastavnik.orgs.models import MANAGING_ROLES, TERRITORY_KINDS, Organisation, OrganisationKind, subtree_q

# Organisations whose programmes are «district programmes» (cross-organisation).
DISTRICT_PROGRAMME_KINDS = frozenset({*TERRITORY_KINDS, OrganisationKind.METHODOLOGICAL_CENTRE})


def is_coordinator(access: Access) -> bool:
    return access.is_admin or bool(access.coordinated_paths)


def require_coordinator(access: Access) -> None:
    require(is_coordinator(access), "Раздел доступен муниципальным и региональным координаторам")


def _coordinated_q(access: Access, field: str = "path") -> Q:
    return reduce(or_, [subtree_q(field, path) for path in access.coordinated_paths])


def territories(access: Access) -> QuerySet[Organisation]:
    """Regions and districts the user may choose (the coordinator's own organisation included)."""
    qs = Organisation.objects.order_by("path")
    if access.is_admin:
        return qs.filter(kind__in=TERRITORY_KINDS)
    if not access.coordinated_paths:
        return qs.none()
    return qs.filter(_coordinated_q(access)).filter(Q(kind__in=TERRITORY_KINDS) | Q(path__in=access.coordinated_paths))


def covers(access: Access, territory: Organisation, org: Organisation) -> bool:
    """`org` lies inside the chosen territory and the user reads it."""
    return org.path.startswith(territory.path) and access.can_read_org(org)


def managed_org_ids(access: Access) -> set[int]:
    """Organisations whose own row a school manager sees on the map."""
    return access.orgs_with(MANAGING_ROLES)


def pairings_visible(access: Access) -> QuerySet[SchoolPairing]:
    """Pairs of schools both of which lie in one subtree the user coordinates."""
    qs = SchoolPairing.objects.select_related("leader", "supported", "academic_year")
    if access.is_admin:
        return qs
    if not access.coordinated_paths:
        return qs.none()
    parts = [subtree_q("leader__path", p) & subtree_q("supported__path", p) for p in access.coordinated_paths]
    return qs.filter(reduce(or_, parts))


def coordinates(access: Access, org: Organisation) -> bool:
    """The user coordinates a subtree holding `org` (school managers do not count here)."""
    return access.is_admin or any(org.path.startswith(path) for path in access.coordinated_paths)
