"""Browser: under the Content-Security-Policy the chart page runs its vendored scripts, draws its charts
and the browser reports no violation; the small page actions work without inline handlers."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.pairs import services
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

WATCH_VIOLATIONS = """() => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation',
    e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
}"""


def collect_console_errors(page: Page) -> list[str]:
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    return errors


def test_the_dashboard_draws_its_charts_with_no_policy_violation(
    live_server: object, live_world: World, page: Page
) -> None:
    MentorEntry.objects.filter(pk=live_world.mentor_entry.pk).update(admission=Admission.ADMITTED)
    pair = services.propose(live_world.mentor_entry, [live_world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    services.confirm(pair, None)
    base = str(live_server)
    errors = collect_console_errors(page)
    page.add_init_script(f"({WATCH_VIOLATIONS})()")
    login(page, base, "curator", PASSWORD)

    response = page.goto(f"{base}/monitoring/{live_world.school.pk}/dashboard/")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Мониторинг наставничества")).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('canvas[data-dashboard]').length >= 3")
    page.wait_for_function("() => Array.from(document.querySelectorAll('canvas[data-dashboard]')).every(c => c.chart)")
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-dashboard]'))"
        ".map(c => c.width > 0 && c.height > 0 && c.toDataURL() !== document.createElement('canvas').toDataURL())"
    )
    assert drawn and all(drawn)
    assert page.evaluate("() => window.cspViolations") == []
    assert [text for text in errors if "Content Security Policy" in text] == []


def test_the_calendar_link_is_selected_on_click_without_an_inline_handler(
    live_server: object, live_world: World, page: Page
) -> None:
    base = str(live_server)
    errors = collect_console_errors(page)
    login(page, base, "teacher", PASSWORD)
    page.goto(f"{base}/programmes/calendar/")
    field = page.locator("#feed-url")
    field.click()
    selected = page.evaluate(
        "() => { const f = document.getElementById('feed-url');"
        " return f.value.substring(f.selectionStart, f.selectionEnd); }"
    )
    assert selected and selected == field.input_value()
    assert [text for text in errors if "Content Security Policy" in text] == []
