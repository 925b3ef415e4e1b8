"""Keys for every role of the shared world and a small client that sends them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from nastavnik.api import tokens
from tests.conftest import ROLES, World

API = "/api/v1"


@dataclass
class Answer:
    status: int
    data: Any


def call(method: str, path: str, key: str | None = None, body: Any = None, client: Client | None = None) -> Answer:
    client = client or Client()
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    kwargs: dict[str, Any] = {"headers": headers}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = getattr(client, method)(f"{API}{path}", **kwargs)
    data = response.json() if response["Content-Type"].startswith("application/json") else response.content
    return Answer(response.status_code, data)


@pytest.fixture
def keys(world: World) -> dict[str, str]:
    """An API key for every signed-in role of the world (anonymous has none)."""
    return {role: tokens.create(User.objects.get(username=role)) for role in ROLES if role != "anonymous"}
