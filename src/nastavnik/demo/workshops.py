"""Demo growth workshops (source 000): three schools run workshops with masters, members, meetings
and projects; teachers are enrolled in every trajectory (some completed); popularisation events.
Every figure of the §5 statistics is then non-zero on the school, district and region dashboards."""

from __future__ import annotations

import datetime
from typing import Any

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Organisation, OrganisationKind
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from nastavnik.workshops import services
from nastavnik.workshops.models import (
    ApplicationKind,
    ApplicationStatus,
    Book,
    BookSet,
    CatalogueWorkshop,
    Conference,
    ConferenceApplication,
    ConferenceParticipant,
    MasterLevel,
    MemberKind,
    Partnership,
    PartnershipItem,
    PartnershipMeeting,
    PopularisationEvent,
    PopularisationKind,
    ProgrammeItem,
    Quest,
    QuestSeason,
    QuestTask,
    QuestTeam,
    Reading,
    SeasonStatus,
    Shift,
    StatusApplication,
    StatusState,
    Trajectory,
    Workshop,
    WorkshopMember,
    WorkshopProject,
)

OWN_WORKSHOPS = ("Мастерская «Школьная газета»", "Мастерская «Экология двора»")
PROJECTS = ("Подкаст о школе", "Спектакль к фестивалю мастерских", "Карта добрых дел")


def _school_slugs(world: DemoWorld) -> list[str]:
    slugs = [
        slug for slug in world.teachers if len(world.teachers[slug]) >= 6 and len(world.students.get(slug, [])) >= 12
    ]
    return slugs[:3]


def _workshops_of(world: DemoWorld, slug: str, index: int) -> list[Workshop]:
    org = world.orgs[slug]
    teachers = [person for person, _ in world.teachers[slug]]
    catalogue = list(CatalogueWorkshop.objects.all())
    specs: list[tuple[CatalogueWorkshop | None, str]] = [(c, c.name) for c in catalogue]
    specs.append((None, OWN_WORKSHOPS[index % len(OWN_WORKSHOPS)]))
    workshops = []
    for number, (entry, name) in enumerate(specs):
        workshop = Workshop(
            organisation=org,
            catalogue=entry,
            name=name,
            master=teachers[number],
            master_level=MasterLevel.EXPERT if number == 0 else MasterLevel.NOVICE,
            coordinator=teachers[3],
            librarian=teachers[4],
            director=teachers[5],
        )
        workshops.append(services.open_workshop(workshop, world.year))
        if number == 0:
            services.set_status(workshop, world.year, SeasonStatus.RUNNING)
    return workshops


def _members_and_meetings(world: DemoWorld, slug: str, workshops: list[Workshop]) -> None:
    students = [person for person, _ in world.students[slug]][: 4 * len(workshops)]
    teachers = [person for person, _ in world.teachers[slug]]
    start = world.year.starts_on
    for number, workshop in enumerate(workshops):
        group = students[number :: len(workshops)]
        rows = [
            WorkshopMember(workshop=workshop, person=p, academic_year=world.year, kind=MemberKind.STUDENT)
            for p in group
        ]
        rows.append(
            WorkshopMember(
                workshop=workshop, person=teachers[number], academic_year=world.year, kind=MemberKind.TEACHER
            )
        )
        WorkshopMember.objects.bulk_create(rows)
        for week, topic in enumerate(("Первое занятие смены «Выбор»", "Второе занятие смены «Выбор»")):
            held_on = start + datetime.timedelta(days=20 + 14 * week + number)
            if held_on <= world.today:
                services.log_meeting(workshop, held_on, topic, group[: 3 + week])
        WorkshopProject.objects.create(
            workshop=workshop, academic_year=world.year, title=PROJECTS[number % len(PROJECTS)], completed=number == 0
        )


def _development(world: DemoWorld, slug: str) -> None:
    org = world.orgs[slug]
    teachers = [person for person, _ in world.teachers[slug]]
    for number, trajectory in enumerate(Trajectory.objects.all()):
        for person in teachers[number * 2 : number * 2 + 2]:
            enrolment, _ = services.enrol(org, person, trajectory, world.year)
            if person == teachers[number * 2]:
                enrolment.modules.update(attended=True)
                services.complete(enrolment, min(world.today, world.year.starts_on + datetime.timedelta(days=60)))


def create_workshops(world: DemoWorld, users: dict[str, Any]) -> None:
    for index, slug in enumerate(_school_slugs(world)):
        workshops = _workshops_of(world, slug, index)
        _members_and_meetings(world, slug, workshops)
        _development(world, slug)
        PopularisationEvent.objects.create(
            organisation=world.orgs[slug],
            academic_year=world.year,
            kind=PopularisationKind.MASTER_CLASS if index % 2 == 0 else PopularisationKind.PUBLICATION,
            title="Мастерские роста: опыт второго года",
            held_on=world.year.starts_on + datetime.timedelta(days=45),
        )
    create_programme_life(world)


def _shift_with_answers(world: DemoWorld, slug: str, workshops: list[Workshop]) -> None:
    """The shift «Выбор» with its participants and the answers of its questionnaire (form 2)."""
    org = world.orgs[slug]
    start = world.year.starts_on
    shift = Shift.objects.create(
        organisation=org,
        academic_year=world.year,
        code="choice",
        starts_on=start + datetime.timedelta(days=14),
        ends_on=start + datetime.timedelta(days=59),
    )
    members = WorkshopMember.objects.filter(workshop__in=workshops, academic_year=world.year)
    shift.participants.set({m.person_id for m in members})
    version = InstrumentVersion.objects.filter(instrument__code="autumn-optimism-feedback").order_by("-number").first()
    if version is None:
        return
    campaign = Campaign.objects.create(
        organisation=org,
        version=version,
        title="Обратная связь по смене «Выбор»",
        opens_on=shift.ends_on,
        closes_on=shift.ends_on + datetime.timedelta(days=14),
    )
    shift.campaign = campaign
    shift.save(update_fields=["campaign"])
    teachers = [m.person for m in members.select_related("person") if m.kind == MemberKind.TEACHER]
    for number, person in enumerate(teachers):
        Response.objects.create(
            campaign=campaign,
            version=version,
            person=person,
            answers={
                "q1": "challenge" if number % 3 else "go_with_flow",
                "q2": TRAJECTORY_GOALS[number % len(TRAJECTORY_GOALS)],
                "q4": SHIFT_JOYS[number % len(SHIFT_JOYS)],
            },
        )


TRAJECTORY_GOALS = ("basics", "mastery", "management", "pedagogical_classes")
SHIFT_JOYS = ("Ученики сами выбрали роли в команде.", "Коллеги пришли на открытое занятие.")
BOOKS = (
    ("Л. Кэрролл", "Алиса в Стране чудес"),
    ("Р. Брэдбери", "Вино из одуванчиков"),
    ("А. Сент-Экзюпери", "Маленький принц"),
    ("В. Каверин", "Два капитана"),
    ("Р. Паласио", "Чудо"),
    ("Ю. Олеша", "Три толстяка"),
)
QUEST_TASKS = ("Найти книгу по цитате", "Разгадать шифр хранителя ключей", "Составить карту героя", "Финальная загадка")


def _master_shelf(world: DemoWorld, slug: str, workshops: list[Workshop]) -> None:
    org = world.orgs[slug]
    start = world.year.starts_on
    book_set = BookSet.objects.create(
        organisation=org,
        academic_year=world.year,
        title="Набор Мастер-полки второго года",
        received_on=start + datetime.timedelta(days=10),
    )
    readers = [person for person, _ in world.students[slug]][:6]
    for number, (author, title) in enumerate(BOOKS):
        book = Book.objects.create(book_set=book_set, author=author, title=title, age="12+")
        Reading.objects.create(
            book=book, person=readers[number % len(readers)], read_on=start + datetime.timedelta(days=30)
        )
        if number < 3:
            book.awarded_to = workshops[number % len(workshops)]
            book.awarded_on = start + datetime.timedelta(days=60)
            if number < 2:
                book.donated_by, book.donated_on = book.awarded_to, start + datetime.timedelta(days=75)
            book.save()
    quest = Quest.objects.create(
        organisation=org,
        academic_year=world.year,
        season=QuestSeason.WINTER,
        title="Знакомая история",
        starts_on=world.today - datetime.timedelta(days=5),
        ends_on=world.today + datetime.timedelta(days=40),
    )
    tasks = [QuestTask.objects.create(quest=quest, title=title) for title in QUEST_TASKS]
    for number, name in enumerate(("Совы", "Следопыты")):
        team = QuestTeam.objects.create(quest=quest, name=name, keeper=readers[number])
        team.done.set(tasks[: 2 - number])


def _newcomer(org: Organisation) -> Organisation | None:
    """A school of the same district that has no workshop yet: the new school of the project."""
    schools = Organisation.objects.filter(parent_id=org.parent_id, kind=OrganisationKind.SCHOOL)
    return schools.exclude(pk=org.pk).exclude(workshops__isnull=False).order_by("path").first()


def _status_and_partnership(world: DemoWorld, slug: str, workshops: list[Workshop]) -> None:
    """The first school is in its second year, holds the ЦРЛП status and supports a new school."""
    org = world.orgs[slug]
    for workshop in workshops:
        services.set_status(workshop, world.previous_year, SeasonStatus.CLOSED)
    StatusApplication.objects.create(
        organisation=org,
        status="crlp",
        applied_on=world.previous_year.starts_on + datetime.timedelta(days=250),
        state=StatusState.GRANTED,
        decided_on=world.year.starts_on - datetime.timedelta(days=10),
    )
    StatusApplication.objects.create(
        organisation=org, status="fip", applied_on=world.year.starts_on + datetime.timedelta(days=40)
    )
    newcomer = _newcomer(org)
    if newcomer is None:
        return
    pair = Partnership.objects.create(mentor_school=org, new_school=newcomer, academic_year=world.year)
    start = world.year.starts_on
    for days, title, done in (
        (30, "Знакомство команд и договор о партнёрстве", True),
        (90, "Открытое занятие мастерской для мастеров-новичков", True),
        (150, "Совместная зимняя встреча мастерских", False),
    ):
        PartnershipItem.objects.create(
            partnership=pair, title=title, due_on=start + datetime.timedelta(days=days), done=done
        )
    PartnershipMeeting.objects.create(partnership=pair, held_on=start + datetime.timedelta(days=28), topic="Знакомство")
    PartnershipMeeting.objects.create(
        partnership=pair, held_on=start + datetime.timedelta(days=85), topic="Разбор первой смены «Выбор»"
    )


def _conference(world: DemoWorld, slugs: list[str]) -> None:
    end = world.year.ends_on
    conference = Conference.objects.create(
        organisation=world.orgs[catalog.REGION_SLUG],
        academic_year=world.year,
        code="growth_factors",
        held_on=datetime.date(end.year, 6, 14),
        applications_until=datetime.date(end.year, 5, 15),
        place="Санкт-Петербург",
    )
    for number, slug in enumerate(slugs):
        teacher = world.teachers[slug][0][0]
        application = ConferenceApplication.objects.create(
            conference=conference,
            organisation=world.orgs[slug],
            person=teacher,
            kind=ApplicationKind.TALK if number % 2 == 0 else ApplicationKind.ARTICLE,
            title="Мастерские роста: второй год в школе",
            status=ApplicationStatus.ACCEPTED if number == 0 else ApplicationStatus.SUBMITTED,
            submitted_on=min(world.today, conference.applications_until),
        )
        ConferenceParticipant.objects.create(conference=conference, person=teacher, organisation=world.orgs[slug])
        if number == 0:
            ProgrammeItem.objects.create(
                conference=conference, starts_at=datetime.time(10, 0), title="Пленарное заседание", application=None
            )
            ProgrammeItem.objects.create(
                conference=conference, starts_at=datetime.time(11, 30), title="Доклад школы", application=application
            )


def create_programme_life(world: DemoWorld) -> None:
    """Shifts, Master-shelf, statuses, partnership and a conference for the demo's workshop schools."""
    slugs = [slug for slug in _school_slugs(world) if Workshop.objects.filter(organisation=world.orgs[slug]).exists()]
    if not slugs:
        return
    for slug in slugs:
        workshops = list(Workshop.objects.filter(organisation=world.orgs[slug]))
        _shift_with_answers(world, slug, workshops)
        _master_shelf(world, slug, workshops)
    # The supporting school: the first one whose district has a school new to the project.
    mentor = next((slug for slug in slugs if _newcomer(world.orgs[slug]) is not None), slugs[0])
    _status_and_partnership(world, mentor, list(Workshop.objects.filter(organisation=world.orgs[mentor])))
    _conference(world, slugs)
