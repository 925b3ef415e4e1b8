"""Generation counters: one number per scope that every change of the data behind it bumps.

A cache of derived figures (the monitoring dashboards) puts `version(scope)` into its keys, so
one `touch(scope)` makes every entry of every worker sharing the cache unreachable at once.
Model signals call `touch()` for saves and deletes; services that change rows by queryset
`update()`, `bulk_create` or `bulk_update` (which send no signals) call it themselves. The
counter lives here, in the ground layer, so that those services need not know who caches what.

The counter is kept in Django's default cache: with several worker processes that cache must be
a shared one (Redis), or a worker would never see the others' bumps. `cache.incr` is atomic on
Redis and on the local-memory cache. A missing counter (first use, or evicted) starts from the
clock in nanoseconds, so it never falls back to a number that older entries were stored under.

Inside a transaction the counter is bumped at once (the same request reads fresh figures) and
again at commit: another worker that read the old rows in between and cached them under the
new number is then left behind too.

On Redis, the counters of one `touch()` move in one round trip (a pipeline of `SET NX` and `INCR`
per counter), not two per counter through `cache.incr`: a confirmed pair touches the figures five
times, and each round trip is a wait for the GIL again in a busy worker (bench/load).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

DASHBOARD = "dashboard"
# The Appendix-2 indicators read a part of the dashboard's data (bases, pairs, events, memberships,
# programmes, snapshots), not survey answers or meeting ratings: a change that cannot move them
# bumps DASHBOARD alone, so a stream of answers leaves the cached indicators valid. Other figures
# that read no answers (pairs, involvement, workshops, course hours) are cached under it too.
INDICATORS = "indicators"
# Everything but the stream of answers people send in (survey responses, meeting ratings, mutual
# evaluations): what the staff enter. A district's or region's dashboard page may show the answers
# of the last minutes late (`monitoring.dashboard.ANSWERS_LAG_SECONDS`), never a staff change.
ENTERED = "entered"
# Who is in which organisation (people, memberships, the tree, guardians): the counts of the people
# list (`common.paging`, a region's 100 000 people take 50 ms to count) are cached under it.
PEOPLE = "people"
# The derived figures of the monitoring: what a change of entries, pairs or answers can move.
FIGURES = (DASHBOARD, INDICATORS, ENTERED)
EVERYTHING = (*FIGURES, PEOPLE)


def _key(scope: str) -> str:
    return f"changes:{scope}"


def _bump(scopes: tuple[str, ...]) -> None:
    shared = caches["default"]
    if isinstance(shared, RedisCache):
        # A missing counter (first use, or evicted) starts from the clock, then moves on like the rest.
        start = time.time_ns()
        client = shared._cache.get_client(write=True)  # type: ignore[attr-defined]  # Django's own client
        with client.pipeline(transaction=False) as pipe:
            for scope in scopes:
                key = shared.make_and_validate_key(_key(scope))
                pipe.set(key, start, nx=True)
                pipe.incr(key)
            pipe.execute()
        return
    for scope in scopes:
        key = _key(scope)
        try:
            cache.incr(key)
        except ValueError:  # no counter yet: start it, unless another process has just done so
            if not cache.add(key, time.time_ns(), None):
                cache.incr(key)


def touch(*scopes: str) -> None:
    """The data behind `scopes` (all of them when none is named) has changed: every entry cached
    under an old version is stale."""
    named = scopes or EVERYTHING
    _bump(named)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(partial(_bump, named))


def version(scope: str = DASHBOARD) -> int:
    """The current generation of `scope`, for a cache key."""
    key = _key(scope)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key, 0)
    return int(value)


def watch(models: Iterable[type[Any]], handler: Callable[..., None], name: str) -> None:
    """Call `handler` (a signal receiver that touches generations) after every save and delete of
    `models`; `name` keeps the connections unique when an app's ready() runs twice."""
    for model in models:
        label = model._meta.label
        post_save.connect(handler, sender=model, dispatch_uid=f"{name}-save-{label}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{name}-delete-{label}")
