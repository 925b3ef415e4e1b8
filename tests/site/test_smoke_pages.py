from __future__ import annotations

import pytest

from tests.conftest import World


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "mentee", "parent", "region", "district", "admin"])
def test_home_page_greets_every_role(world: World, role: str) -> None:
    response = world.client_for(role).get("/")
    assert response.status_code == 200
    assert "Наставник" in response.content.decode()


def test_home_page_queries_do_not_grow_with_the_data(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nastavnik.orgs.models import Role
    from tests.factories import OrganisationFactory, make_mentee_entry, make_person, make_programme

    def count(role: str) -> int:
        client = world.client_for(role)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    roles = ["region", "district", "curator", "director", "mentor", "mentee", "parent"]
    before = {role: count(role) for role in roles}
    for _ in range(12):
        school = OrganisationFactory(parent=world.district)
        programme = make_programme(school)
        make_mentee_entry(make_person(school, Role.STUDENT, grade=5), programme)
        make_mentee_entry(make_person(world.school, Role.STUDENT, grade=6), make_programme(world.school))
    assert {role: count(role) for role in roles} == before
    assert max(before.values()) <= 15
