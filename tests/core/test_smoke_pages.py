from __future__ import annotations

import pytest

from tests.conftest import World


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "mentee", "parent", "region", "district", "admin"])
def test_home_page_greets_every_role(world: World, role: str) -> None:
    response = world.client_for(role).get("/")
    assert response.status_code == 200
    assert "Наставник" in response.content.decode()
