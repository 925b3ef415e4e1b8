"""The office's list pages of another district's coordinator show none of this district's projects."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import World
from tests.projects.factories import make_project

NAME = "Проект одного Заречного района"
ACTIVITY = "Профессиональный конкурс «Управленцы будущего»"


def test_another_districts_coordinator_sees_none_of_this_districts_projects(world: World) -> None:
    make_project(world, name=NAME)
    own, other = world.client_for("district"), world.client_for("other_district")
    registry = reverse("projects:registry")
    assert NAME in own.get(registry).content.decode()
    for page in (registry, reverse("projects:dashboard"), reverse("projects:attention")):
        response = other.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert NAME not in text and ACTIVITY not in text, page


def test_the_portfolio_dashboard_counts_only_the_readers_projects(world: World) -> None:
    make_project(world, name=NAME)
    own = world.client_for("district").get(reverse("projects:dashboard")).context["board"]
    other = world.client_for("other_district").get(reverse("projects:dashboard")).context["board"]
    assert sum(count for _, count in own.by_status) == 1
    assert sum(count for _, count in other.by_status) == 0
    assert not other.due_soon and not other.overdue and not other.results
