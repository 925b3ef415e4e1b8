"""Browser: every demo account walks its main pages on a desktop and on a phone, with screenshots.

The real demo (`nastavnik demo-data`) is built once into the test database and served by the live
server; one Chromium for the module and one context per viewport. A failing walk does not stop the
others: every problem is listed at the end, each with a screenshot. Each page gets a screenshot in
`test-artifacts/screenshots/` (its path is recorded as the test's «screenshot» property, so it
shows in the JUnit XML and the report), must show what the account is there for (names, non-zero
figures) and, on the phone, must not scroll sideways.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import Error as PlaywrightError

from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.demo.world import build_demo
from nastavnik.orgs.models import Organisation
from nastavnik.pairs.models import PairMentee
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme
from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser

SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
ACCOUNT_NAMES = ("region", "district", "director", "curator", "working_group", "mentor", "mentee", "parent", "curator2")


@dataclass
class Demo:
    """What the walks need to know about the built demo: addresses and the names to look for."""

    base: str
    org: dict[str, int]
    names: dict[str, str]
    own_pair: int
    point: int


def _describe(base: str) -> Demo:
    slugs = (catalog.REGION_SLUG, catalog.DISTRICT_SLUG, catalog.SCHOOL1_SLUG, catalog.LYCEUM_SLUG)
    org = dict(Organisation.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    names = {p.user.username: p.full_name for p in Person.objects.filter(user__isnull=False).select_related("user")}
    own = PairMentee.objects.get(mentee__person__user__username="mentee", is_current=True)
    point = Programme.objects.filter(organisation_id=org[catalog.SCHOOL1_SLUG], title="Точка развития").order_by("-pk")
    return Demo(base, org, names, own.pair_id, point.values_list("pk", flat=True)[0])


@pytest.fixture(scope="module")
def chromium(browser: Browser) -> Browser:
    """The session's Chromium (a second Playwright in the same process would clash with its event loop)."""
    return browser


@pytest.fixture(scope="module")
def contexts(chromium: Browser) -> Iterator[dict[str, BrowserContext]]:
    made = {name: chromium.new_context(locale="ru-RU", **options) for name, options in VIEWPORTS.items()}
    yield made
    for context in made.values():
        context.close()


Recorder = Callable[[str, object], None]


class Walk:
    """One account on one viewport: opens pages, checks the width, saves a screenshot per page."""

    def __init__(self, page: Page, demo: Demo, viewport: str, account: str, record: Recorder):
        self.page, self.demo, self.viewport, self.account, self.record = page, demo, viewport, account, record
        self.count = 0

    def open(self, path: str) -> Page:
        self.page.goto(f"{self.demo.base}{path}")
        return self.page

    def shot(self, label: str) -> None:
        if self.viewport == "phone":
            width = self.page.evaluate("document.scrollingElement.scrollWidth")
            inner = self.page.evaluate("window.innerWidth")
            assert width <= inner + 1, f"{self.account}: «{label}» scrolls sideways ({width} > {inner})"
        self.count += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.viewport}-{self.account}-{self.count:02d}-{label}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.record("screenshot", str(path))


def _login(walk: Walk) -> None:
    page = walk.open(reverse("login"))
    page.get_by_label("Имя пользователя").fill(walk.account)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{walk.demo.base}/")
    expect(page.locator("main, body").first).to_contain_text(walk.demo.names[walk.account].split()[0])
    walk.shot("home")


def _non_zero_cell(page: Page, selector: str) -> None:
    """The first number cell of a table row is not zero."""
    cell = page.locator(selector).locator("td").nth(1)
    assert re.search(r"[1-9]", cell.inner_text()), cell.inner_text()


def _region(walk: Walk) -> None:
    page = walk.open(reverse("monitoring:dashboard", kwargs={"org_pk": walk.demo.org[catalog.REGION_SLUG]}))
    expect(page.get_by_role("heading", name="Результаты по способу формирования пар")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Заречный р-н")
    expect(page.locator("main")).to_contain_text("г.о. Приозёрск")
    for scheme in ("Назначение куратором", "Подбор по анкетам", "Групповая встреча"):
        _non_zero_cell(page, f"#scheme-table tr:has-text('{scheme}')")
    walk.shot("region-dashboard")
    page = walk.open(reverse("monitoring:reports", kwargs={"org_pk": walk.demo.org[catalog.REGION_SLUG]}))
    expect(page.locator("h1")).to_be_visible()
    walk.shot("reports")


def _district(walk: Walk) -> None:
    page = walk.open(reverse("monitoring:dashboard", kwargs={"org_pk": walk.demo.org[catalog.DISTRICT_SLUG]}))
    expect(page.locator("main")).to_contain_text("Заречная СОШ")
    expect(page.locator("main")).to_contain_text("Сосновская СОШ")
    for scheme in ("Назначение куратором", "Подбор по анкетам", "Групповая встреча"):
        _non_zero_cell(page, f"#scheme-table tr:has-text('{scheme}')")
    walk.shot("district-dashboard")
    page = walk.open(reverse("monitoring:indicators", kwargs={"org_pk": walk.demo.org[catalog.DISTRICT_SLUG]}))
    expect(page.locator("main")).to_contain_text("Сводка")
    walk.shot("district-indicators")


def _director(walk: Walk) -> None:
    page = walk.open(reverse("pairs:director"))
    expect(page.locator("main")).to_contain_text("Сводка по программам")
    expect(page.locator("main")).to_contain_text("Точка развития")
    expect(page.locator("main")).to_contain_text("Запросы на смену наставника")
    walk.shot("director")


def _curator(walk: Walk) -> None:
    page = walk.open(reverse("pairs:board"))
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentor"])
    walk.shot("board")
    page = walk.open(reverse("pairs:nudges"))
    expect(page.locator("main")).to_contain_text("5 недель без встреч")
    walk.shot("nudges")
    page = walk.open(reverse("programmes:roadmap", kwargs={"pk": walk.demo.point}))
    expect(page.locator("main")).to_contain_text("Точка развития")
    walk.shot("roadmap")


def _working_group(walk: Walk) -> None:
    page = walk.open(reverse("pairs:board"))
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentor"])
    walk.shot("board")


def _mentor(walk: Walk) -> None:
    page = walk.open(reverse("pairs:my_mentees"))
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentee"])
    expect(page.get_by_role("button", name="Записать встречу").first).to_be_visible()
    walk.shot("my-mentees")
    page = walk.open(reverse("pairs:detail", kwargs={"pk": walk.demo.own_pair}))
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentee"])
    walk.shot("pair")


def _mentee(walk: Walk) -> None:
    page = walk.open(reverse("pairs:my_mentor"))
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentor"])
    walk.shot("my-mentor")
    if walk.viewport != "phone":
        return
    # On the phone (where a pupil is) the mentee rates the latest meeting.
    page.get_by_role("button", name="Оценить", exact=True).first.click()
    page.locator("label[for=score-5]").click()
    walk.shot("rate")
    page.get_by_role("button", name="Отправить оценку").click()
    page = walk.open(reverse("pairs:my_mentor"))
    expect(page.get_by_role("button", name="Оценить", exact=True)).to_have_count(0)
    walk.shot("rated")


def _parent(walk: Walk) -> None:
    page = walk.open(reverse("pairs:my_mentor"))
    expect(page.locator("main")).to_contain_text("Наставники моих детей")
    expect(page.locator("main")).to_contain_text(walk.demo.names["mentor"])
    walk.shot("children-mentors")


def _curator2(walk: Walk) -> None:
    page = walk.open(reverse("pairs:board"))
    expect(page.locator("main")).to_contain_text("Первые шаги в лицее")
    walk.shot("board")
    page = walk.open(reverse("monitoring:dashboard", kwargs={"org_pk": walk.demo.org[catalog.LYCEUM_SLUG]}))
    _non_zero_cell(page, "#scheme-table tr:has-text('Назначение куратором')")
    walk.shot("lyceum-dashboard")


PATHS: dict[str, Callable[[Walk], None]] = {
    "region": _region,
    "district": _district,
    "director": _director,
    "curator": _curator,
    "working_group": _working_group,
    "mentor": _mentor,
    "mentee": _mentee,
    "parent": _parent,
    "curator2": _curator2,
}


def _walk(context: BrowserContext, demo: Demo, viewport: str, account: str, record: Recorder) -> str | None:
    """Walk one account's pages; returns what went wrong (with a screenshot of it), or None."""
    context.clear_cookies()
    page = context.new_page()
    page.set_default_timeout(20000)
    walk = Walk(page, demo, viewport, account, record)
    try:
        _login(walk)
        PATHS[account](walk)
    except (AssertionError, PlaywrightError) as error:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        failure = SCREENSHOTS / f"{viewport}-{account}-failure.png"
        page.screenshot(path=str(failure), full_page=True)
        record("screenshot", str(failure))
        return f"{viewport}/{account} на {page.url}: {str(error).splitlines()[0]}"
    finally:
        page.close()
    return None


def test_every_demo_account_walks_its_main_pages_on_a_desktop_and_a_phone(
    live_server: Any, transactional_db: None, contexts: dict[str, BrowserContext], record_property: Recorder
) -> None:
    # The real demo, built once (passwords hashed the fast way of the tests): every account walks
    # on both viewports, one browser context each.
    build_demo()
    demo = _describe(str(live_server))
    problems = [
        problem
        for viewport in VIEWPORTS
        for account in ACCOUNT_NAMES
        if (problem := _walk(contexts[viewport], demo, viewport, account, record_property)) is not None
    ]
    assert not problems, "\n".join(problems)
