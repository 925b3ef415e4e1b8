"""Login lockouts (django-axes): the client address and the lockout record in the audit.

Axes counts failures per account and address and refuses logins while an account is locked from
an address. Each lockout is kept as one `AccessFailureLog` row with `locked_out=True` (the axes
table the admin sees as «Axes → Ошибки доступа»); the journal of changes lists them for
the director of the account's organisation and for the administrator.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.models import AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

log = logging.getLogger("nastavnik.security")

# The journal of changes lists lockouts under this key beside the history tables of core.audit.
LOCKOUT_SOURCE = "lockout"
LOCKOUT_LABEL = "Блокировки входа"


def client_ip(request: HttpRequest) -> str | None:
    """The address lockouts are counted against.

    Behind a reverse proxy every request comes from the proxy, so with TRUST_X_FORWARDED_FOR on the
    last X-Forwarded-For entry is used: the one the nearest (our own) proxy appended. Entries further
    left come from the client and could be forged.
    """
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The Russian lockout page in the product layout, status 429 (Too Many Requests)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        "username": username,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "registration/lockout.html", context, status=429)


@receiver(user_locked_out, dispatch_uid="nastavnik-record-lockout")
def record_lockout(sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any) -> None:
    """Write one audit row when an account becomes locked from an address.

    Axes also sends the signal for every attempt refused during a lockout; those attempts never
    reach the failure count, so `axes_failures_since_start` is still unset and nothing is written.
    """
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    AccessFailureLog.objects.create(
        username=username,
        ip_address=ip_address,
        user_agent=getattr(request, "axes_user_agent", "")[:255],
        http_accept=getattr(request, "axes_http_accept", "")[:1025],
        path_info=getattr(request, "axes_path_info", "")[:255],
        locked_out=True,
    )
    log.warning("Login locked out: account %r from address %s", username, ip_address)


def lockout_records(org_ids: set[int] | None) -> QuerySet[AccessFailureLog]:
    """Lockouts, newest first; `org_ids=None` means all, else accounts of people in those organisations."""
    # axes ships no type hints: name the queryset's type once, so that it is not Any.
    qs: QuerySet[AccessFailureLog] = AccessFailureLog.objects.filter(locked_out=True).order_by("-attempt_time", "-id")
    if org_ids is None:
        return qs
    users = get_user_model().objects.filter(
        Q(person__organisation_id__in=org_ids) | Q(person__memberships__organisation_id__in=org_ids)
    )
    return qs.filter(username__in=users.values("username"))
