from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import MenteeEntry
from nastavnik.orgs.models import Role
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, make_person


def test_curator_adds_a_mentee_with_a_request_and_finds_it_in_the_base(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    student = make_person(live_world.school, Role.STUDENT, grade=10, class_letter="Б")
    login(page, live_server.url, "curator", PASSWORD)
    page.get_by_role("link", name="Добавить наставляемого с запросом").click()
    page.get_by_label("Человек").fill(f"{student.last_name} 10б")
    page.locator(f'[data-person-id="{student.pk}"]').click()
    page.get_by_label("Программа", exact=True).select_option(str(live_world.programme.pk))
    first_problem = page.locator("input[name=problems]").first
    first_problem.check()
    page.get_by_label("Цель: чего хочу достичь").fill("Подготовиться к олимпиаде по химии")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Запись сохранена.")).to_be_visible()
    assert MenteeEntry.objects.filter(person=student).exists()

    page.get_by_role("link", name="Наставляемые").click()
    page.get_by_label("Поиск по ФИО").fill(student.last_name + " " + student.first_name)
    page.get_by_role("button", name="Показать").click()
    row = page.locator("tbody tr").filter(has_text=student.full_name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("10Б")
    expect(row).to_contain_text("Подготовиться к олимпиаде по химии")


def test_curator_sees_field_errors_in_russian_and_nothing_is_saved(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/bases/mentees/new/")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Отметьте хотя бы одну проблему")).to_be_visible()
    expect(page.get_by_text("Опишите цель")).to_be_visible()
    assert MenteeEntry.objects.count() == 2
