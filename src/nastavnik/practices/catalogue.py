"""The catalogue of regional practices (002, Приложение 3): loading from the source file, proposals.

The source's 32 entries are loaded after every migrate (idempotent by their number in the
source). Managers of an organisation propose a practice, often one of their bank; the regional
coordinator (or the platform administrator) includes it in the catalogue or declines it with a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet

from nastavnik.access.rules import access_for
from nastavnik.orgs.models import Role
from nastavnik.practices import scope
from nastavnik.practices.models import CatalogueStatus, RegionalPractice

DATA_FILE = Path(__file__).resolve().parent / "data" / "regional-practices-002.yaml"


def read_source() -> list[dict[str, Any]]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return list(data["practices"])


@transaction.atomic
def load_catalogue() -> int:
    """Create the source's entries that the database lacks; returns how many were added."""
    existing = set(RegionalPractice.objects.filter(source_n__isnull=False).values_list("source_n", flat=True))
    added = 0
    for item in read_source():
        if item["n"] in existing:
            continue
        RegionalPractice(
            source_n=item["n"],
            form_group=item["form"],
            title=item["title"],
            links="\n".join(item["urls"]),
            status=CatalogueStatus.INCLUDED,
        ).save()
        added += 1
    return added


def can_decide(user: AbstractBaseUser | AnonymousUser) -> bool:
    access = access_for(user)
    return access.is_admin or access.has_role(Role.REGION_COORDINATOR)


def can_propose(user: AbstractBaseUser | AnonymousUser) -> bool:
    access = access_for(user)
    return access.is_admin or bool(access.managed_org_ids)


def visible_entries(user: AbstractBaseUser | AnonymousUser) -> QuerySet[RegionalPractice]:
    """The catalogue for every reader of the bank; proposals for their authors and for those who decide."""
    access = access_for(user)
    qs = RegionalPractice.objects.select_related("proposed_by_org", "practice")
    if not access.is_authenticated or not scope.can_read_bank(access):
        return qs.none()
    if can_decide(user):
        return qs
    own = Q(proposed_by_org_id__in=access.managed_org_ids) if access.managed_org_ids else Q(pk__in=[])
    return qs.filter(Q(status=CatalogueStatus.INCLUDED) | own)


def form_groups() -> list[str]:
    """The forms of the catalogue, in the source's order first, then any other proposed ones."""
    order = {item["form"]: item["n"] for item in reversed(read_source())}
    groups = set(RegionalPractice.objects.values_list("form_group", flat=True))
    return sorted(groups, key=lambda name: (order.get(name, 10_000), name))
