"""Breadcrumbs that link only to pages the user can open."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from nastavnik.access.rules import visible_organisations
from nastavnik.orgs.models import Organisation


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""  # empty: shown as plain text


def organisation_crumbs(user: AbstractBaseUser | AnonymousUser, ancestors: Iterable[Organisation]) -> list[Crumb]:
    """One crumb per ancestor; a link only where the organisation page would not answer 404."""
    ancestors = list(ancestors)
    visible = set(visible_organisations(user).filter(id__in=[org.id for org in ancestors]).values_list("id", flat=True))
    return [
        Crumb(org.short_name, reverse("orgs:detail", args=[org.pk]) if org.id in visible else "") for org in ancestors
    ]
