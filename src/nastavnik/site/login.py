"""The login page: Django's view, plus a link to the demo accounts when the demo data is loaded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.db import DatabaseError

from nastavnik.demo import catalog
from nastavnik.orgs.models import Organisation


def demo_loaded() -> bool:
    """One indexed lookup; a database that is not migrated yet simply has no demo."""
    try:
        return Organisation.objects.filter(slug=catalog.REGION_SLUG).exists()
    except DatabaseError:
        return False


class LoginView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "is_demo": demo_loaded()}
