"""A practice drafted from a pair names nobody: it is published to other schools."""

from __future__ import annotations

import pytest

from nastavnik.practices.views import initial_from_pair
from tests.conftest import World
from tests.pairs.matrix_completion import active_pair

pytestmark = pytest.mark.django_db


def test_the_draft_has_no_mentor_or_mentee_names(world: World) -> None:
    pair = active_pair(world)
    initial = initial_from_pair(pair)
    draft = " ".join(str(initial[key]) for key in ("title", "description", "authors"))
    for person in (world.people["mentor"], world.people["mentee"]):
        assert person.last_name not in draft
        assert person.short_name not in draft
    assert initial["authors"] == ""
    assert "Наставник и 1 наставляемый." in initial["description"]
