"""The list pages of communities, the reserve and the lab show another district's coordinator nothing of this one."""

from __future__ import annotations

from django.urls import reverse

from tests.communities.conftest import Centre
from tests.conftest import World


def test_another_districts_coordinator_sees_none_of_this_districts_communities(world: World, centre: Centre) -> None:
    own, other = world.client_for("district"), world.client_for("other_district")
    assert centre.community.name in own.get(reverse("communities:index")).content.decode()
    centre_name = centre.centre.short_name or centre.centre.name
    for name in ("communities:index", "communities:reserve", "communities:labs"):
        response = other.get(reverse(name))
        assert response.status_code == 200, name
        text = response.content.decode()
        assert centre.community.name not in text and centre_name not in text, name
    assert centre_name in own.get(reverse("communities:reserve")).content.decode()
