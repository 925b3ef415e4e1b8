"""The monitoring dashboard's card of completed PD hours (figures computed by the courses app)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.courses.support import Course

pytestmark = pytest.mark.django_db


def _card(world: World, role: str, org_pk: int) -> str:
    page = world.client_for(role).get(reverse("monitoring:dashboard", kwargs={"org_pk": org_pk}))
    assert page.status_code == 200
    html = page.content.decode()
    return html[html.index('id="pd-hours-table"') :][:600]


def test_district_dashboard_counts_the_hours_of_a_credited_course(world: World, course: Course) -> None:
    course.enrolment.credit = "passed"
    course.enrolment.save()
    card = _card(world, "district", world.district.pk)
    assert '<td class="num">1</td>' in card and '<td class="num">144</td>' in card


def test_another_districts_dashboard_does_not_count_them(world: World, course: Course) -> None:
    course.enrolment.credit = "passed"
    course.enrolment.save()
    card = _card(world, "other_district", world.other_district.pk)
    assert '<td class="num">0</td>' in card and "144" not in card
