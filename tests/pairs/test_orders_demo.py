"""The demo's orders: the fixed and working pairs have their registered order and history; a draft waits."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from nastavnik.demo import catalog
from nastavnik.demo.orders import FIRST_NUMBER
from nastavnik.demo.world import build_demo
from nastavnik.pairs.models import OrderStatus, Pair, PairOrder, PairStatus, PairTransition

TODAY = datetime.date(2026, 11, 23)


def _snapshot() -> list[Any]:
    orders = list(
        PairOrder.objects.order_by("number", "id").values_list("number", "order_date", "status", "programme__title")
    )
    history = list(
        PairTransition.objects.filter(pair__order__isnull=False)
        .order_by("pair__mentor__person__last_name", "pair_id", "at", "id")
        .values_list("from_status", "to_status", "at", "by__username", "reason")
    )
    return [orders, history]


def test_demo_orders_are_registered_with_history_and_a_draft_waits(db: None) -> None:
    world = build_demo(today=TODAY)
    director = User.objects.get(username="director")
    registered = PairOrder.objects.filter(status=OrderStatus.REGISTERED, number=f"{FIRST_NUMBER}-од")
    assert registered.exists()
    for order in registered:
        assert order.number and order.order_date is not None
        assert TODAY - datetime.timedelta(weeks=8) <= order.order_date < TODAY
    working = Pair.objects.filter(status__in=[PairStatus.FIXED, PairStatus.ACTIVE], programme__academic_year=world.year)
    assert working.exists()
    for pair in working.select_related("order"):
        assert pair.order is not None and pair.order.status == OrderStatus.REGISTERED
        history = list(pair.transitions.order_by("at", "id"))
        expected = ["proposed", "confirmed", "fixed"] + (["active"] if pair.status == PairStatus.ACTIVE else [])
        assert [t.to_status for t in history][: len(expected)] == expected
        assert [t.at for t in history] == sorted(t.at for t in history)
        fixed = next(t for t in history if t.to_status == PairStatus.FIXED)
        assert fixed.reason.startswith(f"Приказ № {pair.order.number} от {pair.order.order_date:%d.%m.%Y}")
        if pair.programme.organisation.slug == catalog.SCHOOL1_SLUG:
            assert fixed.by == director
    draft = PairOrder.objects.get(status=OrderStatus.DRAFT)
    assert draft.programme.organisation.slug == catalog.SCHOOL1_SLUG
    assert draft.pairs.exists() and not draft.pairs.exclude(status=PairStatus.CONFIRMED).exists()


def test_demo_orders_are_the_same_on_every_build(db: None) -> None:
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            build_demo(today=TODAY)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
