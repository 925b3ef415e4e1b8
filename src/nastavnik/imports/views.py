"""Placeholder: the import feature is being implemented."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    return render(request, "base.html")


@login_required
def template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    return render(request, "base.html")


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "base.html")


@login_required
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "base.html")
