from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.conftest import World


def test_a_student_answers_key_to_self_from_a_qr_link_on_a_phone(
    live_server: LiveServer, live_world: World, phone: Page
) -> None:
    today = datetime.date.today()
    version = InstrumentVersion.objects.get(instrument__code="key-to-self")
    campaign = Campaign.objects.create(
        organisation=live_world.school, version=version, title="Ключ к себе", opens_on=today, closes_on=today
    )
    invitation = Invitation.objects.create(campaign=campaign, person=live_world.people["mentee"])
    phone.goto(f"{live_server.url}/surveys/a/{invitation.token}/")  # no login: the link is personal
    for question in version.questions():
        block = phone.locator(f"#question-{question['id']}")
        if question["type"] == "consent":
            block.locator("input[value=yes]").check()
        elif question["type"] == "scale":
            block.locator("input[value='4']").check()
    phone.get_by_role("button", name="Отправить ответы").click()
    expect(phone.get_by_role("heading", name="Ваши результаты")).to_be_visible()
    expect(phone.get_by_text("Понимание мастерства").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    stored = Response.objects.get(campaign=campaign)
    assert {s["slug"] for s in stored.scores} == {"mastery", "optimism", "community", "choice", "resilience"}
    # 8 positive items × 4 − item 19 (4) = 28: above 25 → high.
    assert next(s for s in stored.scores if s["slug"] == "mastery")["band"] == "high"


def test_a_skipped_question_is_named_in_russian_on_the_phone(
    live_server: LiveServer, live_world: World, phone: Page
) -> None:
    today = datetime.date.today()
    version = InstrumentVersion.objects.get(instrument__code="key-to-self")
    campaign = Campaign.objects.create(
        organisation=live_world.school, version=version, title="Ключ к себе", opens_on=today, closes_on=today
    )
    invitation = Invitation.objects.create(campaign=campaign, person=live_world.people["mentee"])
    phone.goto(f"{live_server.url}/surveys/a/{invitation.token}/")
    phone.get_by_role("button", name="Отправить ответы").click()
    expect(phone.get_by_text("Это обязательный вопрос").first).to_be_visible()
    assert not Response.objects.exists()
