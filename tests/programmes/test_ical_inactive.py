"""The calendar feed of a disabled account answers 404, even with the right secret address."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from nastavnik.diary import ical
from tests.conftest import World

pytestmark = pytest.mark.django_db


def test_a_feed_of_an_inactive_user_is_404(world: World) -> None:
    token = ical.feed_for(world.people["curator"]).token
    url = reverse("programmes:ical", args=[token])
    anonymous = world.client_for("anonymous")
    assert anonymous.get(url).status_code == 200
    User.objects.filter(username="curator").update(is_active=False)
    assert anonymous.get(url).status_code == 404
