from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.pairs.models import MentorChangeRequest, RequestStatus
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.pairs.matrix_roles import working_pair

REASON = "Мы никак не можем договориться о времени встреч, хочу другого наставника"
ANSWER = "Поговорю с наставником о расписании, давайте попробуем ещё месяц"


@pytest.fixture
def curator_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _fits(page: Page) -> None:
    """Nothing on the page is wider than the phone's screen."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_mentee_asks_for_another_mentor_and_the_curator_answers(
    live_server: LiveServer, live_world: World, phone: Page, curator_phone: Page
) -> None:
    working_pair(live_world)
    mentor_name = live_world.people["mentor"].full_name

    login(phone, live_server.url, "mentee", PASSWORD)
    # Every role's menu folds behind «Меню» on a phone.
    phone.get_by_text("Меню", exact=True).click()
    phone.get_by_role("link", name="Мой наставник").first.click()
    expect(phone.get_by_role("heading", name="Мой наставник")).to_be_visible()
    expect(phone.get_by_text(mentor_name)).to_be_visible()
    _fits(phone)
    phone.get_by_role("button", name="Попросить другого наставника").click()
    phone.get_by_role("button", name="Отправить запрос куратору").click()
    expect(phone.get_by_text("Напишите, почему вы просите другого наставника.")).to_be_visible()
    phone.get_by_label("Почему нужен другой наставник").fill(REASON)
    phone.get_by_role("button", name="Отправить запрос куратору").click()
    expect(phone.get_by_text("Запрос отправлен куратору")).to_be_visible()
    expect(phone.get_by_text("у куратора на рассмотрении")).to_be_visible()
    _fits(phone)

    login(curator_phone, live_server.url, "curator", PASSWORD)
    # The curator's long menu is folded behind «Меню» on the phone.
    expect(curator_phone.get_by_role("link", name="Внимание", exact=True)).to_be_hidden()
    curator_phone.get_by_text("Меню", exact=True).click()
    curator_phone.get_by_role("link", name="Внимание", exact=True).click()
    expect(curator_phone.get_by_text("1 запрос на смену наставника")).to_be_visible()
    card = curator_phone.locator("article", has_text=REASON)
    expect(card).to_be_visible()
    _fits(curator_phone)
    card.get_by_text("Отклонить с ответом").click()
    card.get_by_label("Ответ наставляемому").fill(ANSWER)
    card.get_by_role("button", name="Отклонить запрос").click()
    expect(curator_phone.get_by_text("Запрос отклонён")).to_be_visible()
    expect(curator_phone.get_by_text("0 запросов на смену наставника")).to_be_visible()

    found = MentorChangeRequest.objects.get()
    assert (found.status, found.answer, found.reason) == (RequestStatus.REJECTED, ANSWER, REASON)
    phone.reload()
    expect(phone.get_by_text(ANSWER)).to_be_visible()
    expect(phone.get_by_role("button", name="Попросить другого наставника")).to_be_visible()
