"""Demo data of the programme lifecycle: the director's orders «О закреплении наставнических пар (групп)».

The pairs that demo/pairs.py put straight into «закреплена приказом» or «работает» get the
registered order that fixed them (a few weeks ago, by the director of their organisation)
and the history that goes with it: proposed → confirmed → fixed → active. The remaining
confirmed pairs of school № 1 wait in a draft order, so the director has one to register.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Membership, Role
from nastavnik.pairs import orders
from nastavnik.pairs.models import OrderStatus, Pair, PairOrder, PairStatus, PairTransition
from nastavnik.programmes.models import Programme

ORDER_WEEKS_AGO = 4
FIRST_NUMBER = 112
# The curator confirmed the pairs of the draft and prepared it a few days ago.
DRAFT_DAYS_AGO = 3


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _director_user(programme: Programme, fallback: Any) -> Any:
    membership = (
        Membership.objects.filter(
            organisation=programme.organisation, role=Role.DIRECTOR, is_active=True, person__user__isnull=False
        )
        .select_related("person__user")
        .order_by("id")
        .first()
    )
    return membership.person.user if membership else fallback


def _order_date(world: DemoWorld, programme: Programme) -> datetime.date:
    start = programme.starts_on or programme.academic_year.starts_on
    return min(max(world.today - datetime.timedelta(weeks=ORDER_WEEKS_AGO), start), world.today)


def _backdate_confirmation(pair: Pair, confirmed_on: datetime.date) -> None:
    """The pair was proposed and confirmed before the order, not at the moment the demo was built."""
    moments = {PairStatus.PROPOSED: _moment(confirmed_on, 9), PairStatus.CONFIRMED: _moment(confirmed_on, 11)}
    for status, moment in moments.items():
        PairTransition.objects.filter(pair=pair, to_status=status).update(at=moment)
    Pair.objects.filter(pk=pair.pk).update(
        created_at=moments[PairStatus.PROPOSED], confirmed_at=moments[PairStatus.CONFIRMED]
    )


def _register(world: DemoWorld, programme: Programme, pairs: list[Pair], number: str, director: Any) -> PairOrder:
    order_date = _order_date(world, programme)
    period_from, period_to = orders.default_period(programme)
    registered_at = _moment(order_date, 14)
    order = PairOrder.objects.create(
        programme=programme,
        number=number,
        order_date=order_date,
        preamble=orders.default_preamble(programme),
        period_from=max(period_from, order_date),
        period_to=period_to,
        status=OrderStatus.REGISTERED,
        created_by=director,
        registered_by=director,
        registered_at=registered_at,
    )
    reason = f"Приказ № {number} от {order_date:%d.%m.%Y} «{order.title}»"
    for pair in pairs:
        _backdate_confirmation(pair, order_date - datetime.timedelta(days=7))
        PairTransition.objects.create(
            pair=pair,
            from_status=PairStatus.CONFIRMED,
            to_status=PairStatus.FIXED,
            at=registered_at,
            by=director,
            reason=reason,
        )
        pair.order = order
        fields = ["order"]
        if pair.status == PairStatus.ACTIVE:
            started_on = min(order_date + datetime.timedelta(days=3), world.today)
            PairTransition.objects.create(
                pair=pair,
                from_status=PairStatus.FIXED,
                to_status=PairStatus.ACTIVE,
                at=_moment(started_on, 15),
                by=director,
            )
            pair.started_on = started_on
            fields.append("started_on")
        pair.save(update_fields=fields)
    return order


def create_orders(world: DemoWorld, users: dict[str, Any]) -> None:
    director = users["director"]
    programmes = Programme.objects.filter(academic_year=world.year).select_related("organisation", "academic_year")
    number = FIRST_NUMBER
    for programme in programmes.order_by("id"):
        fixed = list(
            Pair.objects.filter(
                programme=programme, status__in=[PairStatus.FIXED, PairStatus.ACTIVE], order__isnull=True
            ).order_by("id")
        )
        if fixed:
            _register(world, programme, fixed, f"{number}-од", _director_user(programme, director))
            number += 1
    # A draft for the director of school № 1: every confirmed pair still without an order.
    school = world.orgs.get(catalog.SCHOOL1_SLUG)
    for programme in programmes.filter(organisation=school).order_by("id"):
        waiting = list(orders.available_pairs(programme))
        if waiting:
            confirmed_on = world.today - datetime.timedelta(days=DRAFT_DAYS_AGO)
            for pair in waiting:
                _backdate_confirmation(pair, confirmed_on)
            draft = orders.create_draft(programme, users["curator"], waiting)
            PairOrder.objects.filter(pk=draft.pk).update(created_at=_moment(confirmed_on, 16))
            break
