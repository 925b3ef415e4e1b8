"""The one place where "who may see and change what" is decided.

The access layer sits above `orgs` (whose memberships it reads) and below every other domain app,
`people` included: their `visible_to` querysets delegate to `Access.org_filter`, so the rule lives here.

Every view and export scopes its querysets through `access_for(user)`; object lookups
go through the helpers at the bottom, which answer 404 for objects outside the user's
organisations (no information leak) and 403 for visible objects the role may not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from nastavnik.orgs.models import COORDINATING_ROLES, MANAGING_ROLES, Membership, Organisation, Role, subtree_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from nastavnik.people.models import Person

M = TypeVar("M", bound=Model)

# Roles of the organisation's own staff that may see the sensitive flags of its people.
SENSITIVE_ROLES = frozenset({Role.DIRECTOR, Role.CURATOR})


# Up to this many organisations read are passed to the people queries as ids (see Access._member_orgs_q).
FEW_ORGS = 100


@dataclass
class Access:
    user_id: int | None = None
    is_admin: bool = False
    person_id: int | None = None
    # organisation id -> the user's roles there
    roles: dict[int, set[str]] = field(default_factory=dict)
    # path of every organisation where the user coordinates (reads the subtree)
    coordinated_paths: list[str] = field(default_factory=list)
    child_ids: set[int] = field(default_factory=set)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def orgs_with(self, allowed: frozenset[Role] | set[str]) -> set[int]:
        return {org_id for org_id, roles in self.roles.items() if roles & set(allowed)}

    @property
    def managed_org_ids(self) -> set[int]:
        return self.orgs_with(MANAGING_ROLES | COORDINATING_ROLES)

    @property
    def is_staff_reader(self) -> bool:
        """Reads registries of some organisations (management or coordination)."""
        return self.is_admin or bool(self.managed_org_ids) or bool(self.coordinated_paths)

    def has_role(self, *roles: str) -> bool:
        return any(set(roles) & r for r in self.roles.values())

    # -- organisations ----------------------------------------------------------------

    def org_filter(self, prefix: str) -> Q:
        """Q for objects whose organisation (reached by `prefix`) the user may read."""
        parts = [Q(**{f"{prefix}id__in": self.managed_org_ids})]
        parts += [subtree_q(f"{prefix}path", path) for path in self.coordinated_paths]
        return reduce(or_, parts)

    def filter_organisations(self, qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
        if self.is_admin:
            return qs
        if not self.is_authenticated:
            return qs.none()
        return qs.filter(self.org_filter("") | Q(id__in=set(self.roles)))

    def filter_by_organisation(self, qs: QuerySet[M], field_name: str) -> QuerySet[M]:
        if self.is_admin:
            return qs
        if not self.is_authenticated:
            return qs.none()
        return qs.filter(self.org_filter(f"{field_name}__"))

    def can_read_org(self, org: Organisation) -> bool:
        if self.is_admin:
            return True
        return org.id in self.managed_org_ids or any(org.path.startswith(p) for p in self.coordinated_paths)

    def can_manage_org(self, org: Organisation) -> bool:
        """Director, curator or working group of this very organisation (or the admin)."""
        return self.is_admin or bool(self.roles.get(org.id, set()) & set(MANAGING_ROLES | COORDINATING_ROLES))

    def can_decide_in(self, org: Organisation) -> bool:
        """Decisions (admission, sensitive data): the curator and the director only."""
        return self.is_admin or bool(self.roles.get(org.id, set()) & set(SENSITIVE_ROLES))

    def is_director_of(self, org: Organisation) -> bool:
        return self.is_admin or Role.DIRECTOR in self.roles.get(org.id, set())

    # -- people -----------------------------------------------------------------------

    def filter_people(self, qs: QuerySet[Person]) -> QuerySet[Person]:
        if self.is_admin:
            return qs
        if not self.is_authenticated:
            return qs.none()
        own = Q(person_id=self.person_id) | Q(person_id__in=self.child_ids)
        if not self.is_staff_reader:
            return qs.filter(Q(pk=self.person_id) | Q(pk__in=self.child_ids))
        # One IN (subquery) over memberships: the planner drives from the (small) set of
        # members instead of walking every person in name order (see bench/pages).
        members = Membership.objects.filter(self._member_orgs_q() | own).values("person_id")
        return qs.filter(pk__in=members)

    def _member_orgs_q(self) -> Q:
        """Memberships of the organisations the user reads. A district's few organisations go in as a
        list of ids: PostgreSQL then estimates its members from the per-organisation statistics
        (orgs migration 0005) instead of guessing from a path range, and stops walking every person
        in name order to find a small district's 179 people (140 ms to 8 ms on the region database).
        A region's list is long and its members are most people: the range stays."""
        if self.coordinated_paths:
            ids = list(Organisation.objects.filter(self.org_filter("")).values_list("pk", flat=True)[: FEW_ORGS + 1])
            if len(ids) <= FEW_ORGS:
                return Q(organisation_id__in=ids)
        return self.org_filter("organisation__")

    def person_org_ids(self, person: Person) -> set[int]:
        ids = set(person.memberships.values_list("organisation_id", flat=True))
        if person.organisation_id:
            ids.add(person.organisation_id)
        return ids

    def can_manage_person(self, person: Person) -> bool:
        if self.is_admin:
            return True
        return bool(self.person_org_ids(person) & self.orgs_with(MANAGING_ROLES))

    def can_see_sensitive(self, person: Person) -> bool:
        if self.is_admin or person.pk == self.person_id:
            return True
        return bool(self.person_org_ids(person) & self.orgs_with(SENSITIVE_ROLES))

    def can_edit_sensitive(self, person: Person) -> bool:
        """Only the curator and the director of the person's organisation (or the admin) change the flags."""
        return self.is_admin or bool(self.person_org_ids(person) & self.orgs_with(SENSITIVE_ROLES))

    # -- base entries -------------------------------------------------------------------

    def filter_entries(self, qs: QuerySet[M]) -> QuerySet[M]:
        if self.is_admin:
            return qs
        if not self.is_authenticated:
            return qs.none()
        return qs.filter(self.org_filter("programme__organisation__") | Q(person_id=self.person_id))


def build_access(user: AbstractBaseUser | AnonymousUser) -> Access:
    if not user.is_authenticated:
        return Access()
    access = Access(user_id=user.pk, is_admin=bool(getattr(user, "is_superuser", False)))
    person = getattr(user, "person", None)
    if person is None:
        return access
    access.person_id = person.pk
    for org_id, role, path in Membership.objects.filter(person=person, is_active=True).values_list(
        "organisation_id", "role", "organisation__path"
    ):
        access.roles.setdefault(org_id, set()).add(role)
        if role in COORDINATING_ROLES:
            access.coordinated_paths.append(path)
    access.child_ids = set(person.children_links.values_list("child_id", flat=True))
    return access


def access_for(user: AbstractBaseUser | AnonymousUser) -> Access:
    """The user's access, computed once per request and kept on the user object."""
    cached: Access | None = getattr(user, "_nastavnik_access", None)
    if cached is None:
        cached = build_access(user)
        if user.is_authenticated:
            user._nastavnik_access = cached  # type: ignore[attr-defined]
    return cached


def visible_organisations(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations the user may open (their own, managed and coordinated ones)."""
    return access_for(user).filter_organisations(Organisation.objects.all())


def get_visible_or_404(qs: QuerySet[M], **lookup: Any) -> M:
    """An object from a queryset already scoped to the user; 404 when it is not there."""
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404("Объект не найден")
    return obj


def require(condition: bool, message: str = "Недостаточно прав") -> None:
    if not condition:
        raise PermissionDenied(message)
