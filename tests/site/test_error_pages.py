"""Russian 400, 403, 404, 500 and CSRF pages in the product's layout, with DEBUG off."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path, reverse

from nastavnik.urls import urlpatterns as product_urlpatterns
from tests.conftest import World

LAYOUT = 'class="site container"'
FOOTER = "Наставник — наставничество по целевой модели"


def _crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("boom")


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("bad header")


# This module is the URLconf of the tests marked below: the product's URLs plus two that fail on purpose.
urlpatterns = [*product_urlpatterns, path("test-crash/", _crash), path("test-suspicious/", _suspicious)]


@pytest.fixture(autouse=True)
def _production(settings: Any) -> None:
    settings.DEBUG = False


def _page(response: Any) -> str:
    text: str = response.content.decode()
    assert LAYOUT in text and FOOTER in text and '<html lang="ru">' in text
    return text


def test_an_unknown_address_is_a_russian_404(world: World) -> None:
    response = world.client_for("curator").get("/no-such-page/")
    assert response.status_code == 404
    assert "Страница не найдена" in _page(response)


def test_a_forbidden_page_is_a_russian_403_with_the_reason(world: World) -> None:
    response = world.client_for("mentee").get(reverse("audit"))
    assert response.status_code == 403
    assert "Журнал изменений доступен руководителю организации" in _page(response)


def test_bad_input_is_a_russian_400(world: World) -> None:
    response = world.client_for("curator").get(reverse("surveys:list"), {"organisation": "9" * 25})
    assert response.status_code == 400
    assert "Неверный запрос" in _page(response)


@pytest.mark.urls(__name__)
def test_a_suspicious_request_is_a_russian_400(world: World) -> None:
    response = world.client_for("curator").get("/test-suspicious/")
    assert response.status_code == 400
    assert "Запрос составлен неверно" in _page(response)


@pytest.mark.urls(__name__)
def test_a_crash_is_a_russian_500_in_the_layout(world: World) -> None:
    client = world.client_for("curator")
    client.raise_request_exception = False
    response = client.get("/test-crash/")
    assert response.status_code == 500
    text = _page(response)
    assert "Что-то пошло не так" in text and "boom" not in text
    assert 'href="/"' in text


def test_a_form_without_its_csrf_token_is_a_russian_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.people["curator"].user)  # type: ignore[arg-type]
    url = reverse("people:consent_revoke", args=[world.people["mentee"].pk])
    response = client.post(url, {"consent": "1", "revoked_on": "01.12.2026"})
    assert response.status_code == 403
    text = _page(response)
    assert "Форма устарела" in text and "CSRF" not in text
    assert world.people["mentee"].consents.filter(revoked_on__isnull=False).count() == 0
