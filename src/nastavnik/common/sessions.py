"""Idle expiry of sessions without a database write on every request.

A session lives SESSION_COOKIE_AGE (SESSION_IDLE_HOURS) after its last save. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) would cost a write per page view, which on SQLite takes the
database's write lock; instead a used session is saved again once SESSION_REFRESH_SECONDS have
passed since its last save, so it ends between IDLE_HOURS and IDLE_HOURS + that interval after the
last request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REFRESHED_AT = "_nastavnik_refreshed_at"


@receiver(user_logged_in, dispatch_uid="nastavnik-session-refreshed-at-login")
def mark_fresh_at_login(sender: object, request: HttpRequest, **_: object) -> None:
    """Logging in saves the session anyway: count that save as the first refresh."""
    request.session[REFRESHED_AT] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request read (a logged-in user's); never create one for a visitor.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if now - int(session.get(REFRESHED_AT, 0)) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_AT] = now  # marks the session modified: SessionMiddleware saves it
        return response
