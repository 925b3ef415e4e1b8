"""The page «Доступ к API» (own key: make, replace, revoke; shown once) and the offline documentation."""

from __future__ import annotations

import hashlib
import re

from django.contrib.staticfiles import finders
from django.urls import reverse

from nastavnik.api.models import ApiToken
from tests.api.conftest import call
from tests.conftest import World


def _new_key(html: str) -> str:
    match = re.search(r'id="new-key" type="text" readonly value="([^"]+)"', html)
    assert match is not None
    return match.group(1)


def test_a_user_makes_their_own_key_and_sees_it_once(world: World) -> None:
    client = world.client_for("mentee")
    page = client.get(reverse("api:access")).content.decode()
    assert "У вас нет действующего ключа" in page
    made = client.post(reverse("api:access_create"))
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    key = _new_key(made.content.decode())
    token = ApiToken.objects.get(user__username="mentee")
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    again = client.get(reverse("api:access")).content.decode()
    assert key not in again and f"начинается с <code>{key[:6]}…</code>" in again and "ещё не использовался" in again
    assert call("get", "/pairs", key).status == 200
    assert "последнее обращение" in client.get(reverse("api:access")).content.decode()


def test_a_new_key_replaces_the_old_one_and_revoke_stops_it(world: World) -> None:
    client = world.client_for("curator")
    first = _new_key(client.post(reverse("api:access_create")).content.decode())
    second = _new_key(client.post(reverse("api:access_create")).content.decode())
    assert call("get", "/people", first).status == 401 and call("get", "/people", second).status == 200
    response = client.post(reverse("api:access_revoke"), follow=True)
    assert "Ключ API отозван" in response.content.decode()
    assert call("get", "/people", second).status == 401 and not ApiToken.objects.exists()


def test_the_page_only_changes_the_users_own_key(world: World) -> None:
    other = _new_key(world.client_for("director").post(reverse("api:access_create")).content.decode())
    world.client_for("curator").post(reverse("api:access_revoke"))
    assert call("get", "/people", other).status == 200


def test_the_schema_is_openapi_3_and_lists_the_endpoints(world: World) -> None:
    schema = call("get", "/openapi.json").data
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/people", "/api/v1/pairs/{pk}/meetings", "/api/v1/meetings/{pk}/rating"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]["BearerKey"]["scheme"] == "bearer"


def test_the_documentation_loads_only_vendored_files_under_the_policy(world: World) -> None:
    response = world.client_for("anonymous").get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200 and "default-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert "<script>" not in html.replace('<script type="application/json"', "")
    for name in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css", "api/docs.js"):
        assert finders.find(name), name
    assert '"url": "/api/v1/openapi.json"' in html


def test_the_user_menu_links_to_the_page(world: World) -> None:
    home = world.client_for("mentor").get("/").content.decode()
    assert f'<a href="{reverse("api:access")}">Доступ к API</a>' in home
