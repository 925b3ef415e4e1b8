"""Random sequences of lifecycle actions never break the invariants of pairs.

Whatever a curator and a director click in whatever order (and whatever is refused):
- a mentor's load equals the number of mentees held by their pairs;
- exactly the confirmed, fixed and active pairs hold their mentees;
- no pair becomes active without having been fixed by a registered order;
- the history has one row per status change, chained from the first state to the current one.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.diary.models import PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, orders, services
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import (
    HOLDING_STATUSES,
    MeetingKind,
    OrderStatus,
    Pair,
    PairMentee,
    PairOrder,
    PairStatus,
    PairTransition,
)
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person


@dataclass
class Arena:
    mentors: list[MentorEntry]
    mentees: list[Any]
    user: Any
    pairs: list[int] = field(default_factory=list)


@pytest.fixture
def arena(world: World) -> Arena:
    world.mentor_entry.admission, world.mentor_entry.capacity = Admission.ADMITTED, 2
    world.mentor_entry.save()
    second = make_mentor_entry(
        make_person(world.school, Role.TEACHER, experience_years=7), world.programme, admission=Admission.ADMITTED
    )
    mentees = [world.mentee_entry] + [
        make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme) for _ in range(3)
    ]
    return Arena([world.mentor_entry, second], mentees, world.people["curator"].user)


ACTIONS = ("propose", "confirm", "order", "register", "activate", "final", "complete", "dissolve")
step = st.tuples(
    st.sampled_from(ACTIONS),
    st.integers(min_value=0, max_value=7),
    st.sets(st.integers(min_value=0, max_value=3), min_size=1, max_size=2),
    st.booleans(),
)


def _pair(arena: Arena, index: int) -> Pair | None:
    if not arena.pairs:
        return None
    return Pair.objects.get(pk=arena.pairs[index % len(arena.pairs)])


def _act(arena: Arena, action: str, index: int, chosen: set[int], flag: bool) -> None:
    user = arena.user
    pair = _pair(arena, index)
    if action == "propose":
        mentor = MentorEntry.objects.get(pk=arena.mentors[index % 2].pk)
        created = services.propose(mentor, [arena.mentees[i] for i in sorted(chosen)], Scheme.APPOINTMENT, user)
        arena.pairs.append(created.pk)
    elif pair is None:
        return
    elif action == "confirm":
        services.confirm(pair, user)
    elif action == "order":
        picked = [p for i in chosen if (p := _pair(arena, index + i)) is not None]
        orders.create_draft(pair.programme, user, picked)
    elif action == "register":
        order = PairOrder.objects.filter(status=OrderStatus.DRAFT).order_by("-id").first()
        if order is None:
            return
        if flag:
            order.number, order.order_date = f"{order.pk}-од", datetime.date(2026, 12, 1)
            order.save()
        lifecycle.register_order(order, user)
    elif action == "activate":
        lifecycle.activate(pair, user)
    elif action == "final":
        PairMeeting.objects.create(pair=pair, held_on=datetime.date(2027, 5, 1), kind=MeetingKind.FINAL, topic="Итог")
    elif action == "complete":
        lifecycle.complete(pair, user, "stop", "" if flag else "Куратор: итоговая встреча не состоялась")
    elif action == "dissolve":
        lifecycle.dissolve(pair, "" if flag else "Причина", user)


def _statuses() -> dict[int, str]:
    return dict(Pair.objects.values_list("pk", "status"))


def _check(arena: Arena, changes: dict[int, int]) -> None:
    for mentor in MentorEntry.objects.filter(pk__in=[m.pk for m in arena.mentors]):
        held = PairMentee.objects.filter(pair__mentor=mentor, is_current=True).count()
        assert mentor.load == held <= mentor.capacity
    for member in PairMentee.objects.select_related("pair"):
        assert member.is_current == (member.pair.status in HOLDING_STATUSES)
    for pair in Pair.objects.select_related("order"):
        history = list(PairTransition.objects.filter(pair=pair).order_by("at", "id"))
        assert len(history) == 1 + changes.get(pair.pk, 0)
        assert history[0].from_status == "" and history[-1].to_status == pair.status
        for before, after in itertools.pairwise(history):
            assert after.from_status == before.to_status
            assert after.to_status in lifecycle.ALLOWED[before.to_status]
        reached = [t.to_status for t in history]
        if PairStatus.ACTIVE in reached:
            assert PairStatus.FIXED in reached[: reached.index(PairStatus.ACTIVE)]
        if PairStatus.FIXED in reached:
            assert pair.order is not None and pair.order.status == OrderStatus.REGISTERED


@settings(max_examples=35, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=18))
def test_random_actions_keep_the_invariants(arena: Arena, steps: list[tuple[str, int, set[int], bool]]) -> None:
    with transaction.atomic():
        arena.pairs = []
        changes: dict[int, int] = {}
        for action, index, chosen, flag in steps:
            before = _statuses()
            try:
                with transaction.atomic():
                    _act(arena, action, index, chosen, flag)
            except PairError:
                assert _statuses() == before, f"a refused {action} changed a status"
            after = _statuses()
            for pk, status in after.items():
                if pk in before and before[pk] != status:
                    changes[pk] = changes.get(pk, 0) + 1
            _check(arena, changes)
        transaction.set_rollback(True)
