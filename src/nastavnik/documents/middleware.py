"""A document whose stored template fails to render is a Russian page, never a 500.

The upload check renders a template with sample data only; real data can still break it (or a
template stored before the check existed reaches the sandbox). Every view that renders a DOCX
raises `TemplateError` then, and this middleware answers it in one place.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.documents.sandbox import TemplateError

TEMPLATE_FAILED_STATUS = 409


class TemplateErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, TemplateError):
            return None
        context = {"message": str(exception)}
        return render(request, "documents/template_error.html", context, status=TEMPLATE_FAILED_STATUS)
