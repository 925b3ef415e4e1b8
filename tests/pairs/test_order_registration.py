"""Registering the director's order is the director's irreversible act; an order without pairs is never made."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from nastavnik.pairs import lifecycle, orders
from nastavnik.pairs.models import OrderStatus, Pair, PairOrder, PairStatus
from tests.conftest import World
from tests.pairs.matrix_lifecycle import confirmed_pair


def _ready_order(world: World) -> tuple[PairOrder, Pair]:
    pair = confirmed_pair(world)
    order = orders.create_draft(world.programme, None, [pair])
    order.number, order.order_date = "7-од", datetime.date(2026, 12, 3)
    order.save()
    return order, pair


def test_the_curator_may_not_register_the_order(world: World) -> None:
    order, pair = _ready_order(world)
    client = world.client_for("curator")
    url = reverse("pairs:order_register", args=[order.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.CONFIRMED
    page = client.get(reverse("pairs:order", args=[order.pk])).content.decode()
    assert "Зарегистрировать приказ может только директор" in page and url not in page


def test_the_director_confirms_before_registering(world: World) -> None:
    order, pair = _ready_order(world)
    client = world.client_for("director")
    url = reverse("pairs:order_register", args=[order.pk])
    page = client.get(url).content.decode()
    assert "Регистрация приказа необратима:</strong> пары будут закреплены" in page
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT
    unconfirmed = client.post(url)
    assert unconfirmed.status_code == 200 and PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT
    client.post(url, {"confirm": "yes"})
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.REGISTERED
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.FIXED


def test_a_draft_without_pairs_is_refused_by_the_service(world: World) -> None:
    with pytest.raises(lifecycle.PairError, match="приказ без пар не формируется"):
        orders.create_draft(world.programme, None, [])
    assert not PairOrder.objects.exists()


def test_an_order_without_pairs_is_not_downloaded(world: World) -> None:
    empty = PairOrder.objects.create(programme=world.programme, number="1", order_date=datetime.date(2026, 12, 1))
    response = world.client_for("curator").get(reverse("pairs:order_docx", args=[empty.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("pairs:order", args=[empty.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [orders.NO_PAIRS]
