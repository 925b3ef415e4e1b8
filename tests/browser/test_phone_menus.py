"""On a 390 px phone the header menu of every role takes one row and opens behind «Меню»."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

ROW_TOPS = """() => {
  const nav = document.querySelector('header.site nav');
  const shown = [...nav.querySelectorAll('a, summary, label')].filter((e) => e.getClientRects().length > 0);
  return shown.map((e) => e.getBoundingClientRect()).map((r) => [r.top, r.bottom]);
}"""


@pytest.fixture
def narrow(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.mark.parametrize("role", ["curator", "director", "mentor", "mentee", "parent", "teacher", "region"])
def test_the_header_menu_takes_one_row(live_server: LiveServer, live_world: World, narrow: Page, role: str) -> None:
    login(narrow, live_server.url, role, PASSWORD)
    boxes = narrow.evaluate(ROW_TOPS)
    assert boxes, "the header shows nothing"
    # One row: every visible control overlaps the vertical band of the first one.
    top, bottom = boxes[0]
    assert all(box_top < bottom and box_bottom > top for box_top, box_bottom in boxes), boxes
    narrow.get_by_text("Меню", exact=True).click()
    expect(narrow.locator("#nav-links a").first).to_be_visible()
