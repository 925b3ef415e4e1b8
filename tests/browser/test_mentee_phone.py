from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import MenteeEntry
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD


def test_mentee_files_a_request_from_a_phone(live_server: LiveServer, live_world: World, phone: Page) -> None:
    live_world.mentee_entry.delete()
    login(phone, live_server.url, "mentee", PASSWORD)
    phone.get_by_role("button", name="Подать запрос").click()
    phone.get_by_label("Программа", exact=True).select_option(str(live_world.programme.pk))
    phone.locator("input[name=problems]").nth(1).check()
    phone.get_by_label("Цель: чего хочу достичь").fill("Хочу найти друзей в новой школе")
    phone.get_by_role("button", name="Отправить запрос").click()
    expect(phone.get_by_text("Заявка отправлена куратору")).to_be_visible()
    # Nothing on the page is wider than the phone's screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    entry = MenteeEntry.objects.get(person=live_world.people["mentee"])
    assert entry.goal == "Хочу найти друзей в новой школе" and entry.referred_by == "self"
