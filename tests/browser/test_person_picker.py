"""The person picker in a real browser: type part of a name, pick, submit."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import MenteeEntry
from nastavnik.orgs.models import Role
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, make_person


def _named(world: World, last_name: str, *, consent: bool = True) -> object:
    person = make_person(world.school, Role.STUDENT, grade=8, class_letter="В", consent=consent)
    person.last_name = last_name
    person.save()
    return person


def test_curator_finds_a_pupil_by_part_of_the_name_and_saves_the_request(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    pupil = _named(live_world, "Ёлкина")
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/bases/mentees/new/")
    page.get_by_label("Человек").fill("елкин")
    choice = page.locator(f'[data-person-id="{pupil.pk}"]')  # type: ignore[attr-defined]
    expect(choice).to_contain_text("Ёлкина")
    expect(choice).to_contain_text("8В")
    choice.click()
    expect(page.get_by_label("Человек")).to_have_value(f"{pupil.full_name}, 8В")  # type: ignore[attr-defined]
    page.get_by_label("Программа", exact=True).select_option(str(live_world.programme.pk))
    page.locator("input[name=problems]").first.check()
    page.get_by_label("Цель: чего хочу достичь").fill("Подтянуть математику")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Запись сохранена.")).to_be_visible()
    assert MenteeEntry.objects.filter(person=pupil, goal="Подтянуть математику").exists()


def test_a_person_without_consent_is_flagged_before_submitting(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    pupil = _named(live_world, "Несогласнова", consent=False)
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/bases/mentees/new/")
    page.get_by_label("Человек").fill("несоглас")
    choice = page.locator(f'[data-person-id="{pupil.pk}"]')  # type: ignore[attr-defined]
    expect(choice).to_contain_text("нет согласия")
    choice.click()
    expect(page.locator("[data-picker-status]")).to_contain_text("нет согласия на обработку ПДн")
