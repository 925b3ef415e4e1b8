"""The project office in the browser, as a methodologist of the district methodological centre: the registry
filtered and grouped, a card edited and moved through statuses, the card DOCX, an activity with an annual
window on the cyclogram, an overdue item on «Внимание по проектам», a backlog item moved on the sprint board.

Each test starts from the same small world (`_office`): the live-server tests run on a flushed database,
so the world is rebuilt per test rather than shared across the module.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.orgs.models import Role
from nastavnik.projects import services
from nastavnik.projects.models import Mode, NationalDirection, Project, Status, Task
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, make_person
from tests.projects.factories import centre, make_project

RUNNING = "Школа Лидеров образования"
IDEA = "Траектория развития"
AGILE = "ПРОкомьюнити в мире VUCA"
BACKLOG_ITEM = "Построение системы мотивации и геймификации."


@dataclass
class Office:
    running: Project
    idea: Project
    agile: Project


def _office(world: World) -> Office:
    """The centre's methodologist (a district coordinator there, as in the demo) and three projects."""
    make_person(centre(world), Role.DISTRICT_COORDINATOR, username="methodist")
    running = make_project(world, name=RUNNING)
    idea = make_project(world, name=IDEA, status=Status.IDEA)
    idea.directions.set([NationalDirection.objects.get(name="Учитель будущего")])
    agile = make_project(world, name=AGILE, mode=Mode.AGILE)
    sprint = services.start_sprint(
        agile, "Новая архитектура ПРОкомьюнити", datetime.date(2026, 12, 1), datetime.date(2027, 2, 28), None
    )
    assert sprint.pk
    services.add_task(agile, BACKLOG_ITEM, None, None)
    return Office(running, idea, agile)


@pytest.fixture(autouse=True)
def _patient(page: Page) -> None:
    # The shared test machine is often busy: a first page of the live server can take over 15 s.
    page.set_default_timeout(45_000)


def _rows(page: Page) -> list[str]:
    return page.locator("main table tbody tr td:first-child a").all_inner_texts()


def test_registry_card_status_and_docx(live_server: LiveServer, live_world: World, page: Page) -> None:
    office = _office(live_world)
    login(page, live_server.url, "methodist", PASSWORD)
    page.get_by_role("link", name="Проекты", exact=True).first.click()
    expect(page.get_by_role("heading", name="Реестр проектов")).to_be_visible()
    count = page.locator("main p.muted").first
    expect(count).to_contain_text("3 проекта")

    page.locator("select[name=status]").select_option(label="Идея")
    page.get_by_role("button", name="Показать").click()
    expect(count).to_contain_text("1 проект ·")
    assert _rows(page) == [IDEA]

    page.locator("select[name=status]").select_option(label="любой")
    page.locator("select[name=group]").select_option(label="направление НП")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("heading", name="Учитель будущего")).to_be_visible()
    expect(page.get_by_role("heading", name="Современная школа")).to_be_visible()
    page.locator("select[name=direction]").select_option(label="Учитель будущего")
    page.get_by_role("button", name="Показать").click()
    expect(page.get_by_role("heading", name="Современная школа")).to_have_count(0)
    assert _rows(page) == [IDEA]

    page.get_by_role("link", name=IDEA).click()
    expect(page.get_by_role("heading", name=IDEA, exact=True)).to_be_visible()
    page.get_by_role("button", name="Изменить карточку").click()
    page.get_by_label("Цель").fill("Индивидуальные траектории для каждого педагога района")
    page.get_by_role("button", name="Сохранить карточку").click()
    expect(page.get_by_text("Карточка сохранена.")).to_be_visible()
    expect(page.get_by_text("Индивидуальные траектории для каждого педагога района")).to_be_visible()

    page.get_by_label("Новый статус").select_option(label="Утверждён")
    page.get_by_label("Комментарий").fill("на методическом совете")
    page.get_by_role("button", name="Сменить статус").click()
    expect(page.get_by_text("Статус: Утверждён.")).to_be_visible()
    # Who and when: the login and the moment (the frozen day, the clock ticking from 09:00).
    history = page.locator("h2:text('История статусов') + ul")
    expect(history).to_contain_text(
        re.compile(r"07\.12\.2026 \d\d:\d\d — Утверждён \(methodist\): на методическом совете")
    )
    # The next move is offered at once: approved → running.
    page.get_by_label("Новый статус").select_option(label="Реализуется")
    page.get_by_role("button", name="Сменить статус").click()
    expect(history).to_contain_text(re.compile(r"07\.12\.2026 \d\d:\d\d — Реализуется \(methodist\)"))
    office.idea.refresh_from_db()
    assert office.idea.status == Status.RUNNING

    with page.expect_download() as download:
        page.get_by_role("link", name="Карточка DOCX").click()
    document = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"«{IDEA}»" in text
    assert "Индивидуальные траектории для каждого педагога района" in text + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


def test_annual_activity_on_the_cyclogram_and_overdue_on_attention(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    office = _office(live_world)
    login(page, live_server.url, "methodist", PASSWORD)
    page.goto(f"{live_server.url}/projects/{office.running.pk}/")
    page.get_by_role("link", name="План мероприятий").first.click()
    page.get_by_label("№").fill("3.1")
    page.get_by_label("Мероприятие").fill("Муниципальный этап конкурса «Педагог года»")
    page.get_by_label("Сроки (как в плане)").fill("ежегодно, октябрь–февраль")
    page.get_by_label("Вид сроков").select_option(label="Ежегодно, окно месяцев")
    page.get_by_label("С месяца").fill("10")
    page.get_by_label("По месяц").fill("2")
    page.get_by_role("button", name="Добавить").click()
    expect(page.get_by_text("Мероприятие 3.1 добавлено.")).to_be_visible()

    page.get_by_role("link", name="Циклограмма").first.click()
    expect(page.get_by_role("heading", name=f"Циклограмма «{RUNNING}», 2026/2027")).to_be_visible()
    headers = page.locator("table.cyclogram thead th").all_inner_texts()
    assert headers[2:4] == ["сен 2026", "окт 2026"] and headers[7] == "фев 2027"
    cells = page.locator("table.cyclogram tbody tr").filter(has_text="Педагог года").locator("td")
    expect(cells.nth(2)).to_have_text("")  # September: outside the window
    for october_to_january in range(3, 7):
        expect(cells.nth(october_to_january)).to_contain_text("●")
    expect(cells.nth(7)).to_contain_text("до 28.02.2027")  # due at the end of February
    expect(cells.nth(8)).to_have_text("")  # March

    page.get_by_role("link", name="← Реестр").click()
    page.get_by_role("link", name="Внимание по проектам").click()
    overdue = page.locator("main table tbody tr").filter(has_text="2.4. Сбор и обработка информации")
    expect(overdue.first).to_contain_text("31.10.2026")
    expect(overdue.first).to_contain_text(RUNNING)
    count = overdue.count()
    overdue.first.get_by_role("button", name="Выполнено").click()
    expect(page.locator("main table tbody tr").filter(has_text="2.4. Сбор и обработка информации")).to_have_count(
        count - 1
    )


def test_backlog_item_moves_on_the_sprint_board(live_server: LiveServer, live_world: World, page: Page) -> None:
    office = _office(live_world)
    login(page, live_server.url, "methodist", PASSWORD)
    page.goto(f"{live_server.url}/projects/{office.agile.pk}/")
    page.get_by_role("link", name="Спринты").click()
    expect(page.get_by_role("heading", name=f"Гибкое управление: «{AGILE}»")).to_be_visible()
    page.get_by_role("link", name="Открыть доску").click()
    backlog = page.locator('#board article[data-column="backlog"]')
    expect(backlog).to_contain_text(BACKLOG_ITEM)
    backlog.get_by_title(f"Перенести «{BACKLOG_ITEM}» в «В работе»").click()
    doing = page.locator('#board article[data-column="doing"]')
    expect(doing).to_contain_text(BACKLOG_ITEM)
    expect(backlog).not_to_contain_text(BACKLOG_ITEM)
    task = Task.objects.get(title=BACKLOG_ITEM)
    assert task.column == "doing" and task.sprint is not None
