"""/healthz: 200 when the database, the cache and the queue answer; 503 naming each part that does not."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import pytest
import redis
from django.db import OperationalError
from django.test import Client
from huey.contrib.djhuey import HUEY
from huey.storage import RedisStorage

from tests.conftest import World


def _closed_port() -> int:
    """A local port nobody listens on: a real connection there is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{_closed_port()}/0"


@pytest.fixture
def dead_queue(dead_redis_url: str) -> Iterator[None]:
    saved = HUEY.storage
    pool = redis.ConnectionPool.from_url(dead_redis_url, socket_connect_timeout=1)
    HUEY.storage = RedisStorage("healthz-test", connection_pool=pool)
    try:
        yield
    finally:
        HUEY.storage = saved


def test_everything_up_answers_200_without_a_login(world: World) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok", "queue": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_the_answer_names_no_person(world: World) -> None:
    body = Client().get("/healthz").content.decode()
    for person in world.people.values():
        assert person.last_name not in body


def test_a_dead_cache_is_named_in_a_503(db: None, settings: pytest.FixtureRequest, dead_redis_url: str) -> None:
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["cache"] and body["cache"] == "недоступна"
    assert body["database"] == "ok" and body["queue"] == "ok"
    assert body["message"] == "Не отвечает: кэш."
    assert "Connection" not in response.content.decode()  # the error itself goes to the log only


def test_a_dead_queue_is_named_in_a_503(db: None, dead_queue: None) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["failing"] == ["queue"] and body["message"] == "Не отвечает: очередь фоновых задач."


def test_only_get_is_answered(db: None) -> None:
    assert Client().post("/healthz").status_code == 405


def test_production_mode_does_not_redirect_the_probe_to_https(db: None, settings: pytest.FixtureRequest) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    assert Client().get("/healthz").status_code == 200
    assert Client().get("/accounts/login/").status_code == 301


def test_a_page_needing_the_lost_cache_answers_503_not_500(
    world: World, settings: pytest.FixtureRequest, dead_redis_url: str
) -> None:
    client = world.client_for("curator")  # logged in while the cache was up
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client.raise_request_exception = False
    response = client.get(f"/monitoring/{world.school.pk}/dashboard/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Сервис временно недоступен" in response.content.decode()


def test_other_errors_stay_a_500(world: World) -> None:
    from nastavnik.site import health

    assert not health.is_outage(ValueError("bad"))
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as lost:
            raise RuntimeError("while rendering") from lost
    except RuntimeError as error:
        assert health.is_outage(error)


def test_cache_probes_of_several_workers_at_once_do_not_fail_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under load the gunicorn workers probe together: another probe writing between this probe's
    write and read (simulated by running one inside `cache.set`) must not make the cache look down."""
    from django.core.cache import cache as real_cache

    from nastavnik.site import health

    nested = {"done": False}

    class Interleaved:
        def set(self, key: str, value: str, timeout: int) -> None:
            real_cache.set(key, value, timeout)
            if not nested["done"]:
                nested["done"] = True
                health.check_cache()  # another worker's whole probe, between our write and read

        def get(self, key: str) -> object:
            return real_cache.get(key)

        def delete(self, key: str) -> None:
            real_cache.delete(key)

    monkeypatch.setattr(health, "cache", Interleaved())
    health.check_cache()
    assert nested["done"]
    assert not [key for key in getattr(real_cache, "_cache", {}) if "healthz:probe" in str(key)]
