"""`/healthz` for a load balancer, systemd or a monitoring probe: are the database, cache and queue up?

200 when all three answer, 503 naming each part that does not. No login is needed and nothing
but the parts' names and states is said: no personal data, no error text (that goes to the log).

`server_error` is the project's 500 handler: an error that means the database or Redis is down
(restarting, unreachable) is answered «503, try again shortly» instead of a server error; the
connection is re-opened by the next request, so the site recovers without a restart.
"""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable

import redis
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from huey.contrib.djhuey import HUEY

logger = logging.getLogger("nastavnik.health")

OK = "ok"
FAILING = "недоступна"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("the database answered SELECT 1 wrongly")


def check_cache() -> None:
    # A key of this probe alone: the workers probe at the same time, and with one shared key a
    # probe could read another's value and report a healthy cache as failing.
    token = secrets.token_hex(8)
    key = f"healthz:probe:{token}"
    cache.set(key, token, 30)
    try:
        if cache.get(key) != token:
            raise RuntimeError("the cache did not keep a value")
    finally:
        cache.delete(key)


def check_queue() -> None:
    HUEY.pending_count()  # a read of the queue's storage (Redis or the SQLite file)


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "cache": check_cache, "queue": check_queue}
# Russian names of the parts for the people reading a failing answer.
PARTS_RU = {"database": "база данных", "cache": "кэш", "queue": "очередь фоновых задач"}


def run_checks() -> dict[str, str]:
    """The state of every part: «ok» or «недоступна»; a failure's details go to the log only."""
    states: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:  # any failure of a part means it does not answer
            logger.exception("health check of the %s failed", name)
            states[name] = FAILING
        else:
            states[name] = OK
    return states


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    states = run_checks()
    failing = [name for name, state in states.items() if state != OK]
    if not failing:
        return JsonResponse({"status": OK, **states})
    message = "Не отвечает: " + ", ".join(PARTS_RU[name] for name in failing) + "."
    return JsonResponse(
        {"status": "fail", "failing": failing, "message": message, **states},
        status=503,
        json_dumps_params={"ensure_ascii": False},
    )


OUTAGES = (OperationalError, InterfaceError, redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
RETRY_SECONDS = 30
# Plain HTML: with the database down, neither the layout's menu nor the session can be read.
OUTAGE_PAGE = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Сервис временно недоступен — Наставник</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Сервис временно недоступен</h1>
<p>«Наставник» перезапускает базу данных или кэш. Обновите страницу через минуту — введённые данные
не потеряны, если страница с формой ещё открыта; незавершённое действие не сохранено, повторите его.</p>
</body></html>
"""


def is_outage(error: BaseException | None) -> bool:
    """The error, or one it was raised from, is a lost connection to the database or Redis."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OUTAGES):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a 503 with Retry-After for an outage of the database or Redis, else the 500 page."""
    if is_outage(sys.exc_info()[1]):
        logger.warning("answered 503: the database or Redis is unavailable (%s)", request.path)
        return HttpResponse(OUTAGE_PAGE, status=503, headers={"Retry-After": str(RETRY_SECONDS)})
    return defaults.server_error(request)
