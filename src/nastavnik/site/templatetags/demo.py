"""`{% demo_loaded as flag %}`: whether the demo data is there (the login page links «Как попробовать» then)."""

from __future__ import annotations

from django import template
from django.db import DatabaseError

from nastavnik.demo import catalog
from nastavnik.orgs.models import Organisation

register = template.Library()


@register.simple_tag
def demo_loaded() -> bool:
    """One indexed lookup on the login page; a database that is not migrated yet simply has no demo."""
    try:
        return Organisation.objects.filter(slug=catalog.REGION_SLUG).exists()
    except DatabaseError:
        return False
