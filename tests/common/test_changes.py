"""Generation counters (common.changes) on the in-process cache and on a real Redis."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache

from nastavnik.common import changes
from nastavnik.common.changes import DASHBOARD, EVERYTHING, INDICATORS, PEOPLE, touch, version


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)  # the server's start, not a wait for the code under test
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(params=["locmem", "redis"])
def backend(request: pytest.FixtureRequest, settings: Any) -> str:
    if request.param == "redis":
        location = request.getfixturevalue("redis_url")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
    else:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    return str(request.param)


def _versions() -> dict[str, int]:
    return {scope: version(scope) for scope in EVERYTHING}


def test_a_touch_moves_the_named_counters_and_no_other(backend: str) -> None:
    before = _versions()
    touch(DASHBOARD, INDICATORS)
    after = _versions()
    assert after[DASHBOARD] == before[DASHBOARD] + 1
    assert after[INDICATORS] == before[INDICATORS] + 1
    assert {s: after[s] for s in EVERYTHING if s not in (DASHBOARD, INDICATORS)} == {
        s: before[s] for s in EVERYTHING if s not in (DASHBOARD, INDICATORS)
    }


def test_a_touch_without_names_moves_every_counter(backend: str) -> None:
    before = _versions()
    touch()
    assert _versions() == {scope: value + 1 for scope, value in before.items()}


def test_a_lost_counter_starts_again_above_every_number_used_before(backend: str) -> None:
    touch(PEOPLE)
    old = version(PEOPLE)
    cache.delete(changes._key(PEOPLE))  # evicted, or Redis restarted empty
    touch(PEOPLE)  # the first bump after the loss starts the counter from the clock
    assert version(PEOPLE) > old
    assert isinstance(cache.get(changes._key(PEOPLE)), int)


@pytest.mark.django_db
def test_inside_a_transaction_the_counter_moves_at_once_and_again_at_commit(
    backend: str, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    start = version(DASHBOARD)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        touch(DASHBOARD)
        assert version(DASHBOARD) == start + 1  # the same request reads fresh figures
    assert len(callbacks) == 1
    assert version(DASHBOARD) == start + 2  # a worker that cached old rows meanwhile is left behind


def test_the_counter_is_one_number_for_every_client_of_the_cache(backend: str) -> None:
    """What version() reads is what touch() moved: the same key and the same encoding."""
    first = version(INDICATORS)
    for _ in range(3):
        touch(INDICATORS)
    assert version(INDICATORS) == first + 3
    assert cache.get(changes._key(INDICATORS)) == first + 3
