"""Who sees and who edits the bank of best practices.

Practices are shared knowledge: every member of staff who reads registries (director,
curator, working group, coordinators) and every teacher or partner mentor sees the
practices of the organisations in their own scope plus all practices of their region (the
whole tree under the region their organisations belong to). Students and parents do not
use the bank. A practice is written and edited by the managers (director, curator,
working group; coordinators for their own territory) of the organisation that authored it.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from nastavnik.access.rules import Access, access_for
from nastavnik.orgs.models import Organisation, Role, subtree_q
from nastavnik.practices.models import BestPractice

READER_ROLES = (Role.TEACHER, Role.EXTERNAL)


def can_read_bank(access: Access) -> bool:
    return access.is_admin or access.is_staff_reader or access.has_role(*READER_ROLES)


def region_paths(access: Access) -> set[str]:
    """The path of the top organisation (the region) above each organisation of the user."""
    paths = Organisation.objects.filter(pk__in=set(access.roles)).values_list("path", flat=True)
    return {"/" + path.strip("/").split("/")[0] + "/" for path in paths if path.strip("/")}


def visible_practices(user: AbstractBaseUser | AnonymousUser) -> QuerySet[BestPractice]:
    access = access_for(user)
    qs = BestPractice.objects.all()
    if access.is_admin:
        return qs
    if not access.is_authenticated or not can_read_bank(access):
        return qs.none()
    parts = [subtree_q("organisation__path", root) for root in region_paths(access)]
    if access.is_staff_reader:
        parts.append(access.org_filter("organisation__"))
    if not parts:
        return qs.none()
    return qs.filter(reduce(or_, parts))


def authoring_organisations(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organisation]:
    """Organisations on whose behalf the user may add a practice."""
    access = access_for(user)
    if access.is_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=access.managed_org_ids)


def can_edit(user: AbstractBaseUser | AnonymousUser, practice: BestPractice) -> bool:
    return access_for(user).can_manage_org(practice.organisation)
