"""Growth workshops in the browser: the director walks from the list to a workshop, one of its
meetings and the school's statistics; a teacher opens «Мои траектории»."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import Trajectory
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD
from tests.workshops.matrix_workshops import make_workshop


def test_the_director_walks_to_a_meeting_and_the_statistics(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    workshop = make_workshop(live_world)
    services.log_meeting(
        workshop, datetime.date(2026, 11, 20), "Первое занятие смены «Выбор»", [live_world.people["mentee"]]
    )

    login(page, live_server.url, "director", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name="Театр историй").click()
    expect(page.get_by_role("heading", name="Театр историй")).to_be_visible()
    page.get_by_role("link", name="Первое занятие смены «Выбор»").click()
    expect(page.get_by_text("Присутствовали: 1 участник")).to_be_visible()
    expect(page.locator("#attendees")).to_contain_text(live_world.people["mentee"].full_name)
    page.get_by_role("link", name="Театр историй").click()
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name="Статистика").first.click()
    expect(page.get_by_role("heading", name=f"Мастерские роста: {live_world.school.short_name}")).to_be_visible()


def test_a_teacher_sees_his_trajectories_and_hours(live_server: LiveServer, live_world: World, page: Page) -> None:
    enrolment, _ = services.enrol(
        live_world.school, live_world.people["teacher"], Trajectory.objects.get(code="basics"), AcademicYear.current()
    )
    enrolment.modules.update(attended=True)
    services.complete(enrolment, datetime.date(2026, 12, 1))

    login(page, live_server.url, "teacher", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name="Мои траектории повышения квалификации").click()
    expect(page.locator("#hours")).to_contain_text("36")
    expect(page.get_by_role("link", name="«Основы основ» (36 ч)")).to_be_visible()
