from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import Admission, MenteeStatus
from nastavnik.matching.models import SpeedMeeting
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import Pair, PairStatus
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, make_mentee_entry, make_person


def _open_meetings(page: Page, base_url: str) -> None:
    login(page, base_url, "curator", PASSWORD)
    page.get_by_role("link", name="Пары", exact=True).click()
    page.get_by_text("Подобрать пары").click()
    page.get_by_role("link", name="Групповая встреча").click()


def _card(page: Page, person_name: str, *choices: str) -> None:
    page.get_by_role("link", name=f"Выбор: {person_name}").click()
    for place, name in enumerate(choices, start=1):
        page.get_by_label(f"{place}-е место", exact=True).select_option(label=name)
    page.get_by_role("button", name="Сохранить выбор").click()
    expect(page.get_by_text(f"Выбор сохранён: {person_name}.")).to_be_visible()


def test_curator_runs_a_group_meeting_from_schedule_to_confirmed_pair(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    mentor = live_world.mentor_entry
    mentor.admission, mentor.capacity = Admission.ADMITTED, 1
    mentor.save()
    first = live_world.mentee_entry
    second = make_mentee_entry(make_person(live_world.school, Role.STUDENT, grade=6), live_world.programme)
    mentor_name, first_name, second_name = (e.person.full_name for e in (mentor, first, second))

    _open_meetings(page, live_server.url)
    page.get_by_label("Дата", exact=True).fill("2026-11-20")
    page.get_by_label("Место", exact=True).fill("Актовый зал")
    page.get_by_label("Минут на все встречи").fill("10")
    expect(page.get_by_label(re.compile(re.escape(mentor_name)))).to_be_checked()
    page.get_by_role("button", name="Создать встречу").click()
    expect(page.get_by_text("Встреча создана")).to_be_visible()
    expect(page.get_by_text("2 раунда по 5 минут")).to_be_visible()
    expect(page.locator("#schedule tbody tr")).to_have_count(2)

    page.get_by_role("link", name="Печать").click()
    expect(page.get_by_role("heading", name="Раунд 2 · 0:05–0:10")).to_be_visible()
    expect(page.locator(".card")).to_have_count(3)
    page.get_by_role("link", name="Вернуться к встрече").click()

    _card(page, first_name, mentor_name)
    _card(page, second_name, mentor_name)
    _card(page, mentor_name, second_name, first_name)
    page.get_by_role("button", name="Подобрать пары").click()
    expect(page.get_by_text("Пары подобраны по взаимному выбору: предложено — 1.")).to_be_visible()
    proposal = page.locator("#proposals tbody tr").filter(has_text=second_name)
    expect(proposal).to_contain_text("Наставляемый поставил наставника на 1-е место")
    expect(proposal).to_contain_text("Наставник поставил наставляемого на 1-е место")
    expect(page.locator("#unmatched")).to_contain_text(
        f"{first_name} — Выбранные наставники заняты теми, кого они поставили выше"
    )

    page.get_by_role("button", name="Подтвердить все").click()
    expect(page.get_by_text("Подтверждено пар: 1.")).to_be_visible()
    page.get_by_role("link", name="Пары", exact=True).click()
    row = page.locator("tbody tr").filter(has_text=second_name)
    expect(row).to_contain_text(mentor_name)
    expect(row).to_contain_text("Групповая встреча (Mentor Match)")
    expect(row).to_contain_text("Подтверждена куратором")
    second.refresh_from_db()
    assert second.status == MenteeStatus.MATCHED
    assert Pair.objects.get(mentor=mentor).status == PairStatus.CONFIRMED


def test_a_round_longer_than_the_meeting_is_refused_in_russian(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    _open_meetings(page, live_server.url)
    page.get_by_label("Дата", exact=True).fill("2026-11-20")
    page.get_by_label("Минут на одну встречу").fill("30")
    page.get_by_label("Минут на все встречи").fill("20")
    page.get_by_role("button", name="Создать встречу").click()
    expect(page.get_by_text("Одна встреча не может быть длиннее всего времени (20 мин).")).to_be_visible()
    assert not SpeedMeeting.objects.exists()
