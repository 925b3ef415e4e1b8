from __future__ import annotations

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import ProblemCategory
from tests.browser.conftest import login
from tests.conftest import World
from tests.factories import PASSWORD, make_mentee_entry, make_mentor_entry, make_person


def _ready(world: World, mentors: int = 2) -> list[MentorEntry]:
    problem = ProblemCategory.objects.filter(audience="student").first()
    entries = [world.mentor_entry]
    entries += [
        make_mentor_entry(make_person(world.school, Role.TEACHER, experience_years=9), world.programme)
        for _ in range(mentors - 1)
    ]
    for entry in entries:
        entry.admission, entry.capacity = Admission.ADMITTED, 1
        entry.save()
        entry.capabilities.set([problem])
    world.mentee_entry.problems.set([problem])
    return entries


def test_curator_appoints_a_mentor_from_the_ranked_list(live_server: LiveServer, live_world: World, page: Page) -> None:
    mentors = _ready(live_world)
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/pairs/")
    page.get_by_text("Подобрать пары").click()
    page.get_by_role("link", name="Назначение куратором").click()
    page.get_by_role("button", name="Подобрать наставника").first.click()
    expect(page.get_by_text("Совпадают проблемы").first).to_be_visible()
    page.get_by_role("button", name="Назначить наставником").first.click()
    expect(page.get_by_text("Наставник назначен")).to_be_visible()
    pair = Pair.objects.get()
    assert (pair.status, pair.scheme) == (PairStatus.CONFIRMED, Scheme.APPOINTMENT)
    assert pair.mentor in mentors


def test_curator_runs_questionnaire_matching_and_confirms(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    _ready(live_world, mentors=1)
    second = make_mentee_entry(make_person(live_world.school, Role.STUDENT), live_world.programme)
    second.problems.set(live_world.mentee_entry.problems.all())
    login(page, live_server.url, "curator", PASSWORD)
    page.goto(f"{live_server.url}/pairs/forms/{live_world.programme.forms.get().pk}/questionnaire/")
    page.get_by_role("button", name="Подобрать пары").click()
    expect(page.get_by_text("Подбор выполнен: предложено пар — 1.")).to_be_visible()
    expect(page.get_by_text("Все подходящие наставники заняты (1)")).to_be_visible()
    page.get_by_role("button", name="Подтвердить отмеченные пары").click()
    expect(page.get_by_text("Подтверждено пар: 1.")).to_be_visible()
    assert Pair.objects.filter(status=PairStatus.CONFIRMED, scheme=Scheme.QUESTIONNAIRE).count() == 1
    assert MentorEntry.objects.get(pk=live_world.mentor_entry.pk).load == 1
