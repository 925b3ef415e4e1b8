"""A trainee's course records are in the export of all data about him (152-ФЗ, ст. 14)."""

from __future__ import annotations

import pytest

from nastavnik.courses.models import LogEntry
from nastavnik.privacy.export import collect
from tests.conftest import World
from tests.courses.support import Course

pytestmark = pytest.mark.django_db


def test_the_export_holds_enrolment_submissions_and_logbook(world: World, course: Course) -> None:
    LogEntry.objects.create(enrolment=course.enrolment, day=course.cohort.starts_on, text="Первый тьюториал")
    exported = str(collect(world.people["teacher"]))
    assert "Первый тьюториал" in exported
    assert "Эссе" in exported
    assert "проекты, инклюзия" in exported


def test_the_tutor_s_export_names_the_cohort_he_leads(world: World, course: Course) -> None:
    assert course.cohort.title in str(collect(world.people["mentor"]))
