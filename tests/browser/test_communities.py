"""Communities in the browser, as a methodologist of the methodological centre: the communities list,
a community and its leaderboard, the reserve cycle page, the lab's mentor map."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.communities.models import Attendance, LabParticipant, Material
from nastavnik.orgs.models import Role
from tests.browser.conftest import login
from tests.communities.conftest import build_centre
from tests.conftest import World
from tests.factories import PASSWORD, make_person


def test_methodologist_walks_communities_reserve_and_lab(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    centre = build_centre(live_world)
    make_person(centre.centre, Role.WORKING_GROUP, username="methodist")
    teacher = live_world.people["teacher"]
    event = centre.community.events.create(title="Семинар", held_on=datetime.date(2026, 11, 5))
    Attendance.objects.create(event=event, person=teacher)
    Material.objects.create(community=centre.community, title="Памятка наставника", author=teacher)
    kg_a, kg_b = centre.kindergartens
    LabParticipant.objects.create(
        lab=centre.lab, person=centre.educators[0], organisation=kg_a, role="mentor", topic="Речевое развитие"
    )
    LabParticipant.objects.create(
        lab=centre.lab, person=centre.educators[2], organisation=kg_b, role="mentee", topic="Речевое развитие"
    )

    login(page, live_server.url, "methodist", PASSWORD)
    page.get_by_role("link", name="Сообщества").first.click()
    expect(page.get_by_role("heading", name="Профессиональные сообщества")).to_be_visible()
    page.get_by_role("link", name="Лидеры изменений").click()
    expect(page.get_by_role("heading", name="Лидеры изменений")).to_be_visible()
    expect(page.get_by_text("для регистрации не хватает 3")).to_be_visible()
    first = page.locator("#leaderboard tbody tr").first
    expect(first).to_contain_text(teacher.full_name)
    expect(page.locator("#leaderboard tbody tr")).to_have_count(2)

    page.get_by_role("link", name="← Сообщества").click()
    page.get_by_role("link", name="«Школа Лидеров образования» (кадровый резерв)").click()
    page.get_by_role("link", name=f"{centre.cycle.academic_year} — {centre.centre.short_name}").click()
    expect(page.locator("#stages [aria-current=step]")).to_contain_text("Сбор сведений о кандидатах")
    expect(page.get_by_role("link", name=teacher.full_name)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Выгрузить список резерва (Excel)").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    page.goto(f"{live_server.url}/communities/")
    page.get_by_role("link", name="Лаборатория профессиональных компетенций (ДОУ)").click()
    page.get_by_role("link", name=f"{centre.lab.academic_year} — {centre.centre.short_name}").click()
    row = page.locator("#map tbody tr").filter(has_text="Речевое развитие")
    expect(row).to_contain_text("Н: 1")
    expect(row).to_contain_text("У: 1")
    expect(page.locator("#map thead")).to_contain_text(kg_a.short_name)
