"""History rows for changes made by queryset update(), which bypasses django-simple-history's save signal."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model

REASON_MAX = 100  # simple_history's history_change_reason column


def record_updates(
    model: type[Model],
    pks: Iterable[int],
    user: AbstractBaseUser | AnonymousUser | None,
    reason: str,
) -> None:
    """Write one «changed» history row per updated object, as it is now, with who and why."""
    objects = list(model._default_manager.filter(pk__in=list(pks)))
    if not objects:
        return
    author: Any = user if user is not None and user.is_authenticated else None
    model.history.bulk_history_create(  # type: ignore[attr-defined]
        objects, update=True, default_user=author, default_change_reason=reason[:REASON_MAX]
    )
