"""A parent reading the child's card sees the child's participation, including a working pair."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import Pair, PairStatus
from tests.conftest import World
from tests.pairs.matrix_lifecycle import admitted_mentor


@pytest.mark.parametrize("status", [PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE])
def test_the_parent_sees_the_childs_pair_in_every_holding_state(world: World, status: str) -> None:
    admitted_mentor(world)
    pair = services.appoint(world.mentor_entry, world.mentee_entry, None)
    Pair.objects.filter(pk=pair.pk).update(status=status)
    child = world.people["mentee"]
    page = world.client_for("parent").get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "Пока не участвует" not in page
    assert f"в паре с наставником {world.people['mentor'].last_name}" in page


def test_after_the_pair_ends_the_parent_sees_no_current_mentor(world: World) -> None:
    admitted_mentor(world)
    pair = services.appoint(world.mentor_entry, world.mentee_entry, None)
    lifecycle.dissolve(pair, "Переезд", None)
    child = world.people["mentee"]
    page = world.client_for("parent").get(reverse("people:detail", args=[child.pk])).content.decode()
    assert "в паре с наставником" not in page and "Наставляемый:" in page
