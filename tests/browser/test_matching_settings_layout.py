"""«Настройки подбора»: every label sits beside its own input (above it on a phone), never a cell away."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from nastavnik.matching.models import MatchingSettings
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

# Distinct weights, so that a label beside the wrong input shows the wrong number.
WEIGHTS = {"problems": 3.5, "subjects": 2.25, "interests": 1.25, "schedule": 0.75, "same_organisation": 1.5}


def _open_settings(page: Page, live_server: LiveServer, world: World) -> None:
    programme_form = world.programme.forms.get()
    MatchingSettings.objects.create(programme_form=programme_form, weights=WEIGHTS)
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/pairs/forms/{programme_form.pk}/questionnaire/")


def _rows(page: Page) -> list[dict[str, Any]]:
    """Each text input's row: the box of its label and of the input the label names."""
    found = []
    for row in page.locator(".setting-row:not(.setting-check)").all():
        label, field = row.locator("label").first, row.locator("input, select").first
        assert label.get_attribute("for") == field.get_attribute("id")
        found.append({"text": label.inner_text(), "label": label.bounding_box(), "input": field.bounding_box()})
    assert len(found) >= 7
    return found


def _same_line(a: dict[str, float], b: dict[str, float]) -> bool:
    middle = b["y"] + b["height"] / 2
    return a["y"] <= middle <= a["y"] + a["height"] or b["y"] <= a["y"] + a["height"] / 2 <= b["y"] + b["height"]


def _nearest_input_right_of(page: Page, box: dict[str, float]) -> str:
    """The id of the visible input closest to the right of a label on the same line."""
    best, best_gap = "", float("inf")
    for field in page.locator(".setting-row input:visible").all():
        other = field.bounding_box()
        if other and _same_line(box, other) and other["x"] >= box["x"] + box["width"] - 1:
            gap = other["x"] - (box["x"] + box["width"])
            if gap < best_gap:
                best, best_gap = field.get_attribute("id") or "", gap
    return best


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


@pytest.fixture
def narrow_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30000)
    yield page
    context.close()


def test_on_a_desktop_each_label_is_on_the_row_of_its_own_input(
    live_server: LiveServer, live_world: World, desktop: Page
) -> None:
    page = desktop
    _open_settings(page, live_server, live_world)
    for row in _rows(page):
        assert _same_line(row["label"], row["input"]), row
        assert row["input"]["x"] >= row["label"]["x"] + row["label"]["width"] - 1, row
    problem = page.get_by_text("За каждую совпавшую проблему", exact=True)
    nearest = _nearest_input_right_of(page, problem.bounding_box())  # type: ignore[arg-type]
    assert nearest == "id_w_problems"
    assert float(page.locator("#id_w_problems").input_value()) == 3.5
    assert float(page.get_by_label("За каждый общий предмет").input_value()) == 2.25


def test_on_a_phone_each_label_is_directly_above_its_own_input(
    live_server: LiveServer, live_world: World, narrow_phone: Page
) -> None:
    page = narrow_phone
    _open_settings(page, live_server, live_world)
    for row in _rows(page):
        label, field = row["label"], row["input"]
        gap = field["y"] - (label["y"] + label["height"])
        assert -1 <= gap <= 24, (row["text"], label, field)
        assert abs(label["x"] - field["x"]) <= 4, (row["text"], label, field)
    assert float(page.get_by_label("За каждую совпавшую проблему").input_value()) == 3.5
