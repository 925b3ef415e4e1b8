"""`{% demo_loaded as flag %}`: whether the demo data is there (the login page links «Как попробовать» then)."""

from __future__ import annotations

from django import template

from nastavnik.core.demo import catalog
from nastavnik.orgs.models import Organisation

register = template.Library()


@register.simple_tag
def demo_loaded() -> bool:
    return Organisation.objects.filter(slug=catalog.REGION_SLUG).exists()
