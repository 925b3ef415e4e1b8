"""Request guards that turn bad input and an unavailable file storage into Russian pages, never a 500.

- A number in the URL path beyond the database's 64-bit integer range names no object: 404
  before any view runs.
- A number in a query parameter beyond that range is a malformed request: a Russian 400 page
  naming the parameter (whole values and the parts of «2026/2027»-style values are checked).
- An OSError about a path inside MEDIA_ROOT (folder missing, not writable or not readable) is
  logged and answered with a Russian 503 page in the product's layout.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger("nastavnik.storage")

# The signed 64-bit range of BigAutoField / BigIntegerField on every supported database.
INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
_INTEGER = re.compile(r"\s*[-+]?\d+\s*")

STORAGE_SAVE = "Не удалось сохранить файл: хранилище недоступно. Сообщите администратору."
STORAGE_READ = "Не удалось прочитать файл: хранилище недоступно. Сообщите администратору."


def out_of_range(value: str) -> bool:
    """True for a text that is an integer the database cannot hold."""
    if not _INTEGER.fullmatch(value):
        return False
    number = int(value)
    return number < INT_MIN or number > INT_MAX


def overflowing_parameter(request: HttpRequest) -> str | None:
    """The name of the first query parameter holding an integer beyond the 64-bit range."""
    for name, values in request.GET.lists():
        for value in values:
            if any(out_of_range(part) for part in value.split("/")):
                return name
    return None


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "400.html", {"message": message}, status=400)


class OverflowGuardMiddleware:
    """404 for an overflowing id in the path, a Russian 400 for an overflowing query parameter."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = overflowing_parameter(request)
        if name is not None:
            return bad_request(request, f"Неверный параметр запроса «{name}»: число слишком большое.")
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        for value in [*args, *kwargs.values()]:
            if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
                raise Http404("Объект не найден")


def _inside_media(exception: OSError) -> bool:
    media = Path(settings.MEDIA_ROOT).resolve()
    for name in (exception.filename, exception.filename2):
        if isinstance(name, (str, Path)):
            path = Path(name).resolve()
            if path == media or media in path.parents:
                return True
    return False


class StorageErrorMiddleware:
    """A file storage that cannot be written or read: logged, and a Russian page instead of a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OSError) or not _inside_media(exception):
            return None
        logger.exception("File storage unavailable: %s %s", request.method, request.path, exc_info=exception)
        message = STORAGE_READ if request.method in ("GET", "HEAD") else STORAGE_SAVE
        return render(request, "storage_error.html", {"message": message}, status=503)
