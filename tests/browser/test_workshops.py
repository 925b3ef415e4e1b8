"""Growth workshops in the browser: the director walks from the list to a workshop, one of its
meetings and the school's statistics; a teacher opens «Мои траектории»; the workshop's coordinator
sets its status and adds a member; the master records a meeting
with attendance; the librarian keeps the Master-shelf (who read what, a quest's progress); a student
sees only the workshops he is a member of and cannot open the management pages."""

from __future__ import annotations

import datetime

from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import (
    Book,
    BookSet,
    MemberKind,
    Quest,
    QuestSeason,
    QuestTask,
    QuestTeam,
    Trajectory,
    Workshop,
    WorkshopMember,
)
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


def test_the_coordinator_sets_the_status_and_adds_a_member(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    workshop = make_workshop(live_world)
    workshop.coordinator = live_world.people["mentor"]
    workshop.save(update_fields=["coordinator"])
    newcomer = live_world.people["working_group"]

    login(page, live_server.url, "mentor", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name="Театр историй").click()
    page.get_by_label(f"Статус в {AcademicYear.current().name}").select_option(label="Работает")
    page.get_by_role("button", name="Сохранить статус").click()
    expect(page.locator("#seasons")).to_contain_text("Работает")
    page.get_by_label("Участник (педагог или ученик)").select_option(label=newcomer.full_name)
    page.get_by_role("button", name="Добавить участника").click()
    expect(page.get_by_text(newcomer.full_name).first).to_be_visible()
    assert WorkshopMember.objects.filter(workshop=workshop, person=newcomer).exists()
    assert workshop.seasons.get(academic_year=AcademicYear.current()).status == "running"


def test_the_master_records_a_meeting_with_attendance(live_server: LiveServer, live_world: World, page: Page) -> None:
    workshop = make_workshop(live_world)  # master: the teacher; members: the pupil and (below) the mentor
    mentee, mentor = live_world.people["mentee"], live_world.people["mentor"]
    WorkshopMember.objects.create(
        workshop=workshop, person=mentor, academic_year=AcademicYear.current(), kind=MemberKind.TEACHER
    )

    login(page, live_server.url, "teacher", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name="Театр историй").click()
    expect(page.get_by_role("link", name="Изменить мастерскую и её ответственных")).to_have_count(0)
    page.get_by_role("button", name="Записать встречу").click()
    page.get_by_label("Дата").fill("2026-12-04")
    page.get_by_label("Тема").fill("Репетиция спектакля")
    page.get_by_label(mentee.full_name).check()
    page.get_by_role("button", name="Записать встречу").click()
    expect(page.get_by_text("Встреча записана.")).to_be_visible()
    row = page.locator("#meetings tr", has_text="Репетиция спектакля")
    expect(row).to_contain_text("04.12.2026")
    expect(row).to_contain_text("1 участник")
    row.get_by_role("link", name="Репетиция спектакля").click()
    expect(page.locator("#attendees")).to_contain_text(mentee.full_name)
    expect(page.locator("#attendees")).not_to_contain_text(mentor.full_name)
    meeting = workshop.meetings.get()
    assert set(meeting.attendees.all()) == {mentee}


def test_the_librarian_records_a_reading_and_a_quest_task_done(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    school, mentee = live_world.school, live_world.people["mentee"]
    workshop = make_workshop(live_world)
    workshop.librarian = live_world.people["mentor"]
    workshop.save()
    year = AcademicYear.current()
    book_set = BookSet.objects.create(
        organisation=school, academic_year=year, received_on=datetime.date(2026, 9, 15), title="Набор «Осень»"
    )
    Book.objects.create(book_set=book_set, title="Денискины рассказы", author="В. Драгунский")
    quest = Quest.objects.create(
        organisation=school,
        academic_year=year,
        season=QuestSeason.WINTER,
        title="Знакомая история",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2027, 1, 31),
    )
    first = QuestTask.objects.create(quest=quest, title="Найти книгу по описанию")
    QuestTask.objects.create(quest=quest, title="Нарисовать героя")
    QuestTeam.objects.create(quest=quest, name="Искатели", keeper=mentee)

    login(page, live_server.url, "mentor", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    page.get_by_role("link", name=f"Мастер-полка: {school.short_name}").click()
    row = page.locator("table.books tr", has_text="Денискины рассказы")
    row.locator("select[name=action]").select_option("read")
    row.locator("select[name=person]").select_option(label=mentee.full_name)
    row.locator("input[name=day]").fill("2026-12-03")
    row.get_by_role("button", name="Записать").click()
    expect(page.get_by_text("Сохранено.")).to_be_visible()
    expect(page.locator("#shelf-summary")).to_contain_text("Прочтений: 1")
    expect(page.locator("table.books tr", has_text="Денискины рассказы")).to_contain_text(mentee.full_name)

    page.get_by_role("link", name="Зимний читательский квест «Знакомая история»").click()
    team = page.locator("#progress tr", has_text="Искатели")
    expect(team).to_contain_text("0 из 2")
    team.get_by_label("Найти книгу по описанию").check()
    team.get_by_role("button", name="Сохранить прогресс").click()
    expect(page.locator("#progress tr", has_text="Искатели")).to_contain_text("1 из 2")
    assert list(QuestTeam.objects.get(quest=quest).done.all()) == [first]


def test_a_student_sees_only_his_workshops_and_no_management(
    live_server: LiveServer, live_world: World, page: Page
) -> None:
    workshop = make_workshop(live_world)  # the pupil «mentee» is a member
    other = services.open_workshop(
        Workshop(organisation=live_world.school, name="Шахматная мастерская", master=live_world.people["mentor"]),
        AcademicYear.current(),
    )
    services.log_meeting(workshop, datetime.date(2026, 12, 2), "Читаем пьесу по ролям", [live_world.people["mentee"]])

    login(page, live_server.url, "mentee", PASSWORD)
    page.get_by_role("link", name="Мастерские роста").first.click()
    table = page.locator("#workshops-table")
    expect(table).to_contain_text("Театр историй")
    expect(table).not_to_contain_text("Шахматная мастерская")
    expect(page.get_by_role("link", name="Открыть мастерскую")).to_have_count(0)
    expect(page.get_by_role("link", name="Мастер-полка")).to_have_count(0)
    table.get_by_role("link", name="Театр историй").click()
    expect(page.locator("#meetings")).to_contain_text("Читаем пьесу по ролям")
    expect(page.get_by_role("button", name="Записать встречу")).to_have_count(0)
    expect(page.get_by_role("button", name="Добавить участника")).to_have_count(0)
    expect(page.get_by_role("link", name="Изменить мастерскую и её ответственных")).to_have_count(0)

    base = live_server.url
    school = live_world.school.pk
    for path in (
        f"/workshops/{workshop.pk}/edit/",
        f"/workshops/{workshop.pk}/meetings/new/",
        f"/workshops/new/{school}/",
        f"/workshops/shelf/{school}/",
        f"/workshops/statistics/{school}/",
        f"/workshops/pd/{school}/",
    ):
        response = page.goto(base + path)
        assert response is not None and response.status in {403, 404}, path
    response = page.goto(f"{base}/workshops/{other.pk}/")
    assert response is not None and response.status == 404
