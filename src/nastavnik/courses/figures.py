"""Figures of the courses for the monitoring dashboards (monitoring sits above this app).

Completed hours of professional development, like indicator 2.1 («педагоги, прошедшие
обучение»): a credited course counts its full hours, a completed ИОМ item its own hours.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Sum

from nastavnik.courses.models import Credit, Enrolment, RouteItem
from nastavnik.orgs.models import AcademicYear, Membership


@dataclass(frozen=True)
class HoursFigure:
    teachers: int
    hours: int
    credited: int


def completed_hours(org_ids: Collection[int], year: AcademicYear) -> HoursFigure:
    """Teachers of these organisations who completed PD hours in the year, and the hours."""
    members = Membership.objects.filter(organisation_id__in=list(org_ids), is_active=True).values("person_id")
    credited = Enrolment.objects.filter(cohort__academic_year=year, credit=Credit.PASSED, person_id__in=members)
    items = RouteItem.objects.filter(academic_year=year, completed_on__isnull=False, person_id__in=members)
    course_hours = credited.aggregate(total=Sum("cohort__hours"))["total"] or 0
    item_hours = items.aggregate(total=Sum("hours"))["total"] or 0
    people = set(credited.values_list("person_id", flat=True)) | set(items.values_list("person_id", flat=True))
    return HoursFigure(teachers=len(people), hours=course_hours + item_hours, credited=credited.count())
