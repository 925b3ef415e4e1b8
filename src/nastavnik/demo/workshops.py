"""Demo growth workshops (source 000): three schools run workshops with masters, members, meetings
and projects; teachers are enrolled in every trajectory (some completed); popularisation events.
Every figure of the §5 statistics is then non-zero on the school, district and region dashboards."""

from __future__ import annotations

import datetime
from typing import Any

from nastavnik.demo.builder import DemoWorld
from nastavnik.workshops import services
from nastavnik.workshops.models import (
    CatalogueWorkshop,
    MasterLevel,
    MemberKind,
    PopularisationEvent,
    PopularisationKind,
    SeasonStatus,
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
