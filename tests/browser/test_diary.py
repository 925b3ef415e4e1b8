"""On a phone: the mentor logs a meeting with a file, the mentee opens the log and rates the meeting."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.diary import log as diary
from nastavnik.diary.models import MeetingAttachment, MeetingRating, PairMeeting
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.pairs.matrix_diary import active_pair

PHONE_WIDTH = 375


@pytest.fixture
def second_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        locale="ru-RU",
        viewport={"width": PHONE_WIDTH, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_mentor_logs_a_meeting_and_the_mentee_rates_it_on_a_phone(
    live_server: LiveServer,
    live_world: World,
    phone: Page,
    second_phone: Page,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    pair = active_pair(live_world)
    handout = tmp_path / "Задачи к встрече.pdf"
    handout.write_bytes(b"%PDF-1.4 handout")
    today = timezone.localdate()

    login(phone, live_server.url, "mentor", PASSWORD)
    phone.goto(f"{live_server.url}/pairs/{pair.pk}/diary/")
    phone.get_by_role("button", name="Записать встречу").click()
    phone.get_by_label("Дата встречи").fill(today.isoformat())
    phone.get_by_label("Тип встречи").select_option("intro")
    phone.get_by_label("Тема встречи").fill("Знакомство и правила работы")
    phone.get_by_label("Длительность, минут").fill("50")
    phone.get_by_label("Онлайн").check()
    phone.get_by_label("Заметки").fill("Договорились встречаться по средам.")
    phone.get_by_label("Вложения (фото, материалы, презентации)").set_input_files(str(handout))
    _fits(phone)
    phone.get_by_role("button", name="Записать встречу").click()
    expect(phone.get_by_text("Встреча записана в дневник.")).to_be_visible()
    expect(phone.get_by_role("link", name="Задачи к встрече.pdf")).to_be_visible()
    _fits(phone)
    meeting = PairMeeting.objects.get(pair=pair)
    assert (meeting.kind, meeting.duration_minutes, meeting.format) == ("intro", 50, "online")
    assert MeetingAttachment.objects.get(meeting=meeting).name == "Задачи к встрече.pdf"

    login(second_phone, live_server.url, "mentee", PASSWORD)
    second_phone.goto(f"{live_server.url}/pairs/{pair.pk}/diary/")
    expect(second_phone.get_by_text("Договорились встречаться по средам.")).to_be_visible()
    with second_phone.expect_download() as download:
        second_phone.get_by_role("link", name="Задачи к встрече.pdf").click()
    assert download.value.suggested_filename == "Задачи к встрече.pdf"
    second_phone.get_by_role("button", name="Оценить встречу").click()
    expect(second_phone.get_by_role("heading", name="Как прошла встреча?")).to_be_visible()
    _fits(second_phone)
    # Five big buttons, easy to hit with a thumb.
    box = second_phone.locator("label[for=score-4]").bounding_box()
    assert box is not None and box["height"] >= 44
    second_phone.locator("label[for=score-4]").click()
    second_phone.get_by_label("Комментарий (необязательно)").fill("Было интересно, хочу ещё")
    second_phone.get_by_role("button", name="Отправить оценку").click()
    expect(second_phone.get_by_text("Спасибо! Оценка сохранена.")).to_be_visible()
    expect(second_phone.get_by_text("«Было интересно, хочу ещё»")).to_be_visible()
    expect(second_phone.get_by_role("button", name="Изменить мою оценку (4)")).to_be_visible()
    rating = MeetingRating.objects.get(meeting=meeting)
    assert (rating.person, rating.score) == (live_world.people["mentee"], 4)

    # The mentor sees the mark in the log.
    phone.reload()
    expect(phone.locator("#diary-totals")).to_contain_text("4,0 из 5")

    # The mentee marks a task of the plan done: the row is replaced in place (htmx), no reload.
    task = diary.ensure_plan(pair.members.get()).tasks.create(
        title="Решить три задачи", due_on=today - datetime.timedelta(days=1)
    )
    second_phone.goto(f"{live_server.url}/pairs/plans/{task.plan.member_id}/")
    row = second_phone.locator(f"#task-{task.pk}")
    expect(row).to_contain_text("просрочена")
    second_phone.evaluate("window.__same_page = true")
    row.get_by_label("Статус").select_option("done")
    expect(second_phone.locator(f"#task-{task.pk}")).to_contain_text("Выполнена")
    expect(second_phone.locator(f"#task-{task.pk}")).not_to_contain_text("просрочена")
    assert second_phone.evaluate("window.__same_page") is True
    task.refresh_from_db()
    assert task.status == "done"
