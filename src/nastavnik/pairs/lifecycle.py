"""The life of a pair after matching: allowed transitions, their preconditions and their history.

proposed → confirmed (curator) → fixed (director's order registered) → active → completed,
and from any living state → dissolved (reason required). Every change is written to
PairTransition with who, when and why; a refused change raises PairError with a Russian
message and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.common.changes import FIGURES, touch
from nastavnik.common.history import record_updates
from nastavnik.pairs.models import Decision, MeetingKind, OrderStatus, Pair, PairOrder, PairStatus, PairTransition

ALLOWED: dict[str, frozenset[str]] = {
    "": frozenset({PairStatus.PROPOSED, PairStatus.CONFIRMED, PairStatus.ACTIVE}),
    PairStatus.PROPOSED: frozenset({PairStatus.CONFIRMED}),
    PairStatus.CONFIRMED: frozenset({PairStatus.FIXED, PairStatus.DISSOLVED}),
    PairStatus.FIXED: frozenset({PairStatus.ACTIVE, PairStatus.DISSOLVED}),
    PairStatus.ACTIVE: frozenset({PairStatus.COMPLETED, PairStatus.DISSOLVED}),
    PairStatus.COMPLETED: frozenset(),
    PairStatus.DISSOLVED: frozenset(),
}


# Why a step cannot be taken now, in the words of the pair's page: (target, current state) → text;
# None stands for any other state. The service's own errors name the two states instead.
_AFTER_ORDER = "Работа начинается после регистрации приказа о закреплении пары."
_WHY_NOT: dict[tuple[str, str | None], str] = {
    (PairStatus.CONFIRMED, None): "Пара уже подтверждена.",
    (PairStatus.FIXED, PairStatus.PROPOSED): (
        "Сначала куратор подтверждает пару — в приказ включаются только подтверждённые пары."
    ),
    (PairStatus.FIXED, None): "Пара уже не ждёт приказа.",
    (PairStatus.ACTIVE, PairStatus.PROPOSED): _AFTER_ORDER,
    (PairStatus.ACTIVE, PairStatus.CONFIRMED): _AFTER_ORDER,
    (PairStatus.ACTIVE, PairStatus.ACTIVE): "Пара уже начала работу.",
    (PairStatus.ACTIVE, None): "Пара больше не работает.",
    (PairStatus.DISSOLVED, PairStatus.PROPOSED): (
        "Предложенную пару не нужно расформировывать — её можно просто не подтверждать."
    ),
}


def refusal(pair: Pair, to_status: str) -> str:
    """Why `pair` cannot move to `to_status` now; empty when the transition table allows it."""
    if to_status in ALLOWED.get(pair.status, frozenset()):
        return ""
    return (
        _WHY_NOT.get((to_status, pair.status))
        or _WHY_NOT.get((to_status, None))
        or f"Пара уже {pair.get_status_display().lower()}."
    )


class PairError(Exception):
    """A refused operation; the message is Russian and shown to the user."""


def _user(user: AbstractBaseUser | AnonymousUser | None) -> Any:
    return user if user is not None and user.is_authenticated else None


def record(
    pair: Pair, to_status: str, user: AbstractBaseUser | AnonymousUser | None, reason: str = "", *, from_status: str
) -> PairTransition:
    """Write one transition to the history (the caller has already changed the pair)."""
    return PairTransition.objects.create(
        pair=pair, from_status=from_status, to_status=to_status, by=_user(user), reason=reason
    )


def check_allowed(pair: Pair, to_status: str) -> None:
    if to_status not in ALLOWED.get(pair.status, frozenset()):
        target = PairStatus(to_status).label.lower()
        raise PairError(f"Пара в статусе «{pair.get_status_display()}» не может стать «{target}».")


def move(pair: Pair, to_status: str, user: AbstractBaseUser | AnonymousUser | None, reason: str = "") -> Pair:
    """Change the status after checking the transition is allowed, and record it."""
    check_allowed(pair, to_status)
    old = pair.status
    pair.status = to_status
    pair.save(update_fields=["status"])
    record(pair, to_status, user, reason, from_status=old)
    return pair


@transaction.atomic
def register_order(order: PairOrder, user: AbstractBaseUser | AnonymousUser | None) -> int:
    """Register the director's order: every pair in it becomes fixed. Returns the number of pairs fixed."""
    order = PairOrder.objects.select_for_update().get(pk=order.pk)
    if order.status == OrderStatus.REGISTERED:
        raise PairError("Приказ уже зарегистрирован.")
    if not order.number.strip() or order.order_date is None:
        raise PairError("Чтобы зарегистрировать приказ, укажите его номер и дату.")
    pairs = list(Pair.objects.select_for_update().filter(order=order).select_related("mentor__person"))
    if not pairs:
        raise PairError("В приказе нет ни одной пары.")
    wrong = [p for p in pairs if p.status != PairStatus.CONFIRMED]
    if wrong:
        names = ", ".join(p.mentor.person.short_name for p in wrong[:3])
        raise PairError(f"Закрепить приказом можно только подтверждённые пары; не подтверждены: {names}.")
    reason = f"Приказ № {order.number} от {order.order_date:%d.%m.%Y} «{order.title}»"
    for pair in pairs:
        move(pair, PairStatus.FIXED, user, reason)
    order.status = OrderStatus.REGISTERED
    order.registered_by = _user(user)
    order.registered_at = timezone.now()
    order.save(update_fields=["status", "registered_by", "registered_at"])
    return len(pairs)


def attach_to_order(order: PairOrder, pairs: Iterable[Pair]) -> int:
    """Put confirmed pairs of the order's programme into a draft order."""
    if order.status != OrderStatus.DRAFT:
        raise PairError("Зарегистрированный приказ изменить нельзя.")
    count = 0
    for pair in pairs:
        if pair.programme_id != order.programme_id:
            raise PairError("Пара относится к другой программе.")
        if pair.status != PairStatus.CONFIRMED:
            raise PairError(f"Пара «{pair}» не подтверждена куратором — в приказ её включить нельзя.")
        Pair.objects.filter(pk=pair.pk).update(order=order)
        count += 1
    return count


@transaction.atomic
def activate(pair: Pair, user: AbstractBaseUser | AnonymousUser | None, started_on: Any = None) -> Pair:
    """A pair fixed by order starts working."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if pair.status == PairStatus.CONFIRMED:
        raise PairError("Пара ещё не закреплена приказом директора — сначала зарегистрируйте приказ.")
    check_allowed(pair, PairStatus.ACTIVE)
    pair.started_on = started_on or pair.started_on or timezone.localdate()
    pair.save(update_fields=["started_on"])
    return move(pair, PairStatus.ACTIVE, user)


def _free_seats(pair: Pair, mentee_status: str, *, priority: bool, user: Any, reason: str) -> None:
    members = list(pair.members.filter(is_current=True))
    if not members:
        return
    MentorEntry.objects.filter(pk=pair.mentor_id).update(load=F("load") - len(members))
    pair.members.update(is_current=False)
    mentee_ids = [m.mentee_id for m in members]
    MenteeEntry.objects.filter(pk__in=mentee_ids).update(status=mentee_status, priority=priority)
    record_updates(MenteeEntry, mentee_ids, user, reason)
    touch(*FIGURES)  # seats and statuses changed by queryset updates: no model signals


@transaction.atomic
def complete(
    pair: Pair,
    user: AbstractBaseUser | AnonymousUser | None,
    decision: str,
    override_reason: str = "",
) -> Pair:
    """Complete an active pair: needs a final meeting in the log, or the curator's reason to go without one."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    check_allowed(pair, PairStatus.COMPLETED)
    if decision not in Decision.values:
        raise PairError("Выберите решение по итогам: продолжить или завершить взаимодействие.")
    has_final = pair.meetings.filter(kind=MeetingKind.FINAL).exists()
    if not has_final and not override_reason.strip():
        raise PairError("Нет итоговой встречи в дневнике. Проведите её или укажите причину завершения без неё.")
    _free_seats(pair, MenteeStatus.COMPLETED, priority=False, user=user, reason=f"Завершение пары №{pair.pk}")
    pair.decision = decision
    pair.completion_override = "" if has_final else override_reason.strip()
    pair.completed_at = timezone.now()
    pair.save(update_fields=["decision", "completion_override", "completed_at"])
    reason = Decision(decision).label + (f"; без итоговой встречи: {override_reason.strip()}" if not has_final else "")
    return move(pair, PairStatus.COMPLETED, user, reason)


@transaction.atomic
def dissolve(pair: Pair, reason: str, user: AbstractBaseUser | AnonymousUser | None) -> Pair:
    """End a pair before its time: seats are freed and its mentees go first in the next matching."""
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    if not reason.strip():
        raise PairError("Укажите причину расформирования.")
    why_not = refusal(pair, PairStatus.DISSOLVED)
    if why_not:
        raise PairError(why_not)
    why = f"Расформирование пары №{pair.pk}: {reason.strip()}"
    _free_seats(pair, MenteeStatus.WAITING, priority=True, user=user, reason=why)
    pair.end_reason = reason.strip()
    # A dissolved pair leaves a draft order, otherwise that order could never be registered.
    if pair.order_id and PairOrder.objects.filter(pk=pair.order_id, status=OrderStatus.DRAFT).exists():
        pair.order = None
    pair.save(update_fields=["end_reason", "order"])
    return move(pair, PairStatus.DISSOLVED, user, reason.strip())
