from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.surveys import engine, services
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD


def _campaign(world: World, code: str) -> Campaign:
    today = datetime.date.today()
    version = InstrumentVersion.objects.get(instrument__code=code)
    return Campaign.objects.create(
        organisation=world.school, version=version, title="Опрос", opens_on=today, closes_on=today
    )


def test_results_draw_a_chart_per_closed_question(live_server: LiveServer, live_world: World, page: Page) -> None:
    campaign = _campaign(live_world, "key-to-self")
    invitation = Invitation.objects.create(campaign=campaign, person=live_world.people["mentee"])
    answers: dict[str, object] = {f"q{n}": 1 + n % 4 for n in range(1, 22)}
    consent = next((q["id"] for q in campaign.version.questions() if q["type"] == "consent"), None)
    if consent:
        answers[consent] = "yes"
    services.store_response(invitation, engine.check(campaign.version.definition, answers))
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/surveys/{campaign.pk}/results/")
    canvases = page.locator("canvas[data-chart]")
    expect(canvases.first).to_be_visible()
    drawn = page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-chart]')).filter(c => Chart.getChart(c)).length"
    )
    assert drawn == canvases.count() >= 21


def test_the_explanation_appears_only_after_a_low_mark(live_server: LiveServer, live_world: World, phone: Page) -> None:
    campaign = _campaign(live_world, "learning-by-doing")
    invitation = Invitation.objects.create(campaign=campaign, person=live_world.people["mentee"])
    phone.goto(f"{live_server.url}/surveys/a/{invitation.token}/")
    explanation = phone.locator("fieldset[data-show-if]").first
    expect(explanation).to_be_hidden()
    phone.locator("#question-q1 input[value='2']").check()
    expect(explanation).to_be_visible()
    phone.locator("#question-q1 input[value='5']").check()
    expect(explanation).to_be_hidden()
