"""The people a user may see, through the one access rule (nastavnik.access)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from nastavnik.access.rules import access_for
from nastavnik.people.models import Person


def visible_people(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Person]:
    """Members of the organisations the user reads, the user themselves and their children."""
    return access_for(user).filter_people(Person.objects.all())
