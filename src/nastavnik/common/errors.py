"""Error views that Django calls by setting: the CSRF failure page in Russian, in the product's layout."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger("nastavnik.security")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the reason goes to the log for developers, never to the page."""
    logger.warning("CSRF check failed: %s %s (%s)", request.method, request.path, reason)
    return render(request, "403_csrf.html", status=403)
