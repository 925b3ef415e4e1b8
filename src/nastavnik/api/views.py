"""«Доступ к API»: the signed-in user makes (or replaces) and revokes their own API key.

The new key is shown once, in the answer to the POST that made it: it is never stored, not even
in the session (the database keeps only its SHA-256).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.api import tokens
from nastavnik.api.models import ApiToken
from nastavnik.api.security import rate_per_minute


def _user(request: HttpRequest) -> User:
    """The signed-in user (the views are behind login_required)."""
    return User.objects.get(pk=int(request.user.pk or 0))


def _page(request: HttpRequest, new_key: str | None = None) -> HttpResponse:
    context = {
        "token": ApiToken.objects.filter(user_id=int(request.user.pk or 0)).first(),
        "new_key": new_key,
        "rate": rate_per_minute(),
        "base_url": request.build_absolute_uri(reverse("api:v1:api-root")),
    }
    response = render(request, "api/access.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
def access(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def access_create(request: HttpRequest) -> HttpResponse:
    return _page(request, tokens.create(_user(request)))


@login_required
@require_POST
def access_revoke(request: HttpRequest) -> HttpResponse:
    if tokens.revoke(_user(request)):
        messages.success(request, "Ключ API отозван: запросы с ним больше не принимаются.")
    else:
        messages.info(request, "Действующего ключа API нет.")
    return redirect("api:access")
