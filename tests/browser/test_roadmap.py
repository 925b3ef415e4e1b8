from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, RoadmapItem
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD

FIRST = "Информирование педагогов школы о реализации клуба наставничества"


def test_curator_fills_the_roadmap_marks_an_item_done_and_sees_it_in_the_calendar(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    programme = live_world.programme
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/programmes/")
    page.get_by_role("link", name="Точка развития").click()
    page.get_by_role("link", name="Дорожная карта").first.click()
    page.get_by_label("Шаблон дорожной карты").select_option("club-roadmap-001")
    page.get_by_role("button", name="Добавить мероприятия шаблона").click()
    expect(page.get_by_text("добавлено 35 мероприятий")).to_be_visible()
    page.get_by_role("link", name=FIRST).click()
    page.get_by_label("Статус").select_option("done")
    page.get_by_role("button", name="Сохранить статус").click()
    expect(page.get_by_text("Статус мероприятия: «Выполнено»")).to_be_visible()
    item = RoadmapItem.objects.get(programme=programme, template_n=1)
    assert item.status == ItemStatus.DONE and item.done_on is not None

    page.get_by_role("link", name="← Дорожная карта").click()
    page.get_by_role("link", name="Календарь", exact=True).click()
    expect(page.get_by_role("link", name="Следующий месяц →")).to_be_visible()
    year = programme.academic_year.start_year
    page.goto(f"{live_server.url}/programmes/{programme.pk}/roadmap/calendar/?month={year}-09")
    page.get_by_role("link", name="Следующий месяц →").click()
    expect(page.get_by_role("heading", name=f"Октябрь {year}")).to_be_visible()
    expect(page.locator("a.ev.done", has_text=FIRST)).to_be_visible()


def test_timeline_scrolls_inside_its_box_on_a_phone(live_server: LiveServer, live_world: World, phone: Page) -> None:
    roadmap.instantiate(live_world.programme, "club-roadmap-001")
    login(phone, live_server.url, "curator", PASSWORD)
    phone.goto(f"{live_server.url}/programmes/{live_world.programme.pk}/roadmap/timeline/")
    expect(phone.locator(".gantt-bar")).to_have_count(35)
    # The chart is wider than the phone but scrolls in its own box; the page itself does not.
    assert phone.evaluate("document.querySelector('.gantt').scrollWidth") > 375
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
