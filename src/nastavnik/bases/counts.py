"""One definition of the numbers shown about the bases, used by every page that shows them.

The home page, the base lists and the matching pages must agree: «в базе» and «ждут наставника»
count the entries of the current academic year (the default of the base lists), and a waiting
request is an entry with the status «Ожидает наставника», with or without a form of mentoring.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from nastavnik.bases.models import MenteeStatus
from nastavnik.orgs.models import AcademicYear

WAITING = Q(status=MenteeStatus.WAITING)


def default_year() -> AcademicYear:
    """The academic year the base lists show unless the user chooses another."""
    return AcademicYear.current()


def in_default_year(entries: QuerySet[Any]) -> QuerySet[Any]:
    return entries.filter(programme__academic_year=default_year())


def waiting_requests(entries: QuerySet[Any]) -> QuerySet[Any]:
    return entries.filter(WAITING)
