"""Browser: the API's interactive documentation runs from the vendored Swagger UI under the CSP, offline,
and a request made from it with a key reaches the API."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, Route, expect

from nastavnik.api import tokens
from tests.browser.test_csp import WATCH_VIOLATIONS
from tests.conftest import World

pytestmark = pytest.mark.browser


def test_the_docs_work_offline_under_the_policy_and_try_a_request(
    live_server: object, live_world: World, page: Page
) -> None:
    base = str(live_server)
    key = tokens.create(User.objects.get(username="curator"))
    outside: list[str] = []

    def only_our_origin(route: Route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:  # no CDN, no internet: anything else would be a broken page offline
            outside.append(route.request.url)
            route.abort()

    page.set_default_timeout(60_000)  # a 1.7 MB bundle from the test server on a loaded machine
    page.route("**/*", only_our_origin)
    page.add_init_script(f"({WATCH_VIOLATIONS})()")
    response = page.goto(f"{base}/api/v1/docs", wait_until="domcontentloaded")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() >= 17
    page.get_by_role("button", name="Authorize").first.click()
    page.locator(".modal-ux input").fill(key)
    page.locator(".modal-ux button.authorize").click()
    page.locator(".modal-ux button.btn-done").click()
    operation = page.locator(".opblock", has_text="/api/v1/organisations").first
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()
    expect(operation.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(operation.locator(".live-responses-table")).to_contain_text(live_world.school.short_name)
    assert page.evaluate("() => window.cspViolations") == []
    assert outside == []
