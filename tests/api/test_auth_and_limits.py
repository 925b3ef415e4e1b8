"""No valid key → 401 in Russian JSON; too many requests with one key → 429; the key's last use is noted."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from nastavnik.api import tokens
from nastavnik.api.models import ApiToken
from tests.api.conftest import call
from tests.conftest import World

LIST_PATHS = ["/organisations", "/people", "/mentors", "/mentees", "/pairs", "/meetings", "/surveys"]


@pytest.mark.parametrize("path", [*LIST_PATHS, "/indicators?organisation=1"])
def test_a_request_without_a_key_gets_401_in_russian(world: World, path: str) -> None:
    answer = call("get", path)
    assert answer.status == 401
    assert "Authorization: Bearer" in answer.data["detail"] and "ключ" in answer.data["detail"]


@pytest.mark.parametrize("header", ["Bearer неверный", "Bearer ", "Token abc", "Basic Y3VyYXRvcjpw"])
def test_a_wrong_key_or_scheme_gets_401(world: World, header: str) -> None:
    from django.test import Client

    response = Client().get("/api/v1/pairs", headers={"Authorization": header})
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Bearer"


def test_a_signed_in_session_without_a_key_gets_401(world: World) -> None:
    assert call("get", "/people", client=world.client_for("curator")).status == 401


def test_the_key_notes_its_last_use(world: World) -> None:
    key = tokens.create(User.objects.get(username="curator"))
    assert ApiToken.objects.get().last_used_at is None
    call("get", "/organisations", key)
    assert ApiToken.objects.get().last_used_at is not None


def test_too_many_requests_with_one_key_get_429_in_russian(world: World, settings: Any) -> None:
    settings.API_RATE_PER_MINUTE = 3
    cache.clear()
    key = tokens.create(User.objects.get(username="curator"))
    other = tokens.create(User.objects.get(username="director"))
    assert [call("get", "/organisations", key).status for _ in range(3)] == [200, 200, 200]
    from django.test import Client

    response = Client().get("/api/v1/organisations", headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 429
    assert "Слишком много запросов" in response.json()["detail"] and "3 в минуту" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 60
    # The limit is per key: another user's key is not affected.
    assert call("get", "/organisations", other).status == 200
