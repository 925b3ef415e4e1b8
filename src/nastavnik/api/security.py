"""Who calls the API (a Bearer key) and how often (a fixed window per key in the shared cache)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from nastavnik.api import tokens
from nastavnik.api.models import ApiToken

WINDOW_SECONDS = 60


class BearerKey(HttpBearer):
    """`Authorization: Bearer <key>`; the key's owner becomes `request.user` for the access rules."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = tokens.token_for(token.strip())
        if found is not None:
            # The pages' access layer reads request.user: the API goes through the very same rules.
            request.user = found.user
        return found


def rate_per_minute() -> int:
    return int(getattr(settings, "API_RATE_PER_MINUTE", 120))


class PerKeyThrottle(BaseThrottle):
    """At most API_RATE_PER_MINUTE requests per key in each minute (counted in the cache all workers share)."""

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(request, "auth", None)
        if not isinstance(token, ApiToken):
            return True
        now = time.time()
        window = int(now // WINDOW_SECONDS)
        key = f"api-rate:{token.key_hash[:20]}:{window}"
        cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # the entry expired between add and incr
            cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
        return count <= rate_per_minute()

    def wait(self) -> float | None:
        """Seconds until the next window opens."""
        return WINDOW_SECONDS - time.time() % WINDOW_SECONDS
