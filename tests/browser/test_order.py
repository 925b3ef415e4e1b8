"""The director registers the order that fixes a pair; the mentor marks the stage on a phone."""

from __future__ import annotations

import re

from docx import Document
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.pairs import orders
from nastavnik.pairs.models import OrderStatus, Pair, PairOrder, PairStatus
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.pairs.matrix_lifecycle import confirmed_pair


def test_director_fills_downloads_and_registers_the_order(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    pair = confirmed_pair(live_world, [live_world.mentee_entry])
    orders.create_draft(live_world.programme, live_world.people["curator"].user, [pair])
    login(page, live_server.url, "director", PASSWORD)
    page.goto(f"{live_server.url}/pairs/{pair.pk}/")
    page.get_by_role("button", name="Открыть проект приказа").click()
    expect(page.get_by_text("не указан номер приказа")).to_be_visible()

    page.get_by_label("Номер").fill("45-од")
    page.get_by_label("Дата", exact=True).fill("2026-12-15")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Приказ сохранён.")).to_be_visible()
    expect(page.get_by_role("heading", name="Приказ № 45-од от 15.12.2026")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Скачать приказ (DOCX)").click()
    document = Document(download_info.value.path())
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "№")
    assert [c.text for c in table.rows[1].cells][:3] == [
        "1",
        live_world.mentor_entry.person.full_name,
        live_world.people["mentee"].full_name,
    ]
    assert [c.text for c in document.tables[0].rows[0].cells] == ["15 декабря 2026 г.", "№ 45-од"]

    page.get_by_role("button", name="Зарегистрировать приказ").click()
    page.get_by_role("button", name="Подтвердить регистрацию").click()  # registration is irreversible
    expect(page.get_by_text("Приказ зарегистрирован; закреплено приказом: 1 пара.")).to_be_visible()
    expect(page.locator("#order-status")).to_have_text("Зарегистрирован")
    assert PairOrder.objects.get().status == OrderStatus.REGISTERED

    page.goto(f"{live_server.url}/pairs/{pair.pk}/")
    expect(page.locator("#pair-status")).to_have_text("Закреплена приказом")
    history = page.locator("#history")
    expect(history).to_contain_text("Приказ № 45-од от 15.12.2026")
    expect(history).to_contain_text(live_world.people["director"].full_name)
    expect(history.get_by_text(re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d")).first).to_be_visible()
    expect(page.get_by_role("button", name="Начать работу")).to_be_visible()
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.FIXED


def test_mentor_marks_the_stage_on_a_phone(live_server: LiveServer, live_world: World, phone: Page) -> None:
    pair = confirmed_pair(live_world, [live_world.mentee_entry])
    login(phone, live_server.url, "mentor", PASSWORD)
    phone.goto(f"{live_server.url}/pairs/{pair.pk}/")
    expect(phone.get_by_text("Встреча-знакомство")).to_be_visible()
    phone.get_by_label("Текущий этап").select_option("2")
    phone.get_by_role("button", name="Отметить этап").click()
    expect(phone.get_by_text("Текущий этап: «Я покажу – ты посмотри!».")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    assert Pair.objects.get(pk=pair.pk).stage == 2
