"""Demo of the district project office: the six projects of source 004 held by the demo district's
methodological centre (ИМЦ Заречного р-на), under the cascade «Программа развития → стратегический
проект → ветвь».

Texts (names, goals, tasks, activities, timing, forecast results, funding, participants, НП links) are
the source's own words. The source's dates (2019–2025) are shifted so that the source's year 2021/2022
becomes the demo's current academic year: every date moves by the same number of years (`SHIFT`), so
the cascade is running now. Leaders are the demo centre's (fictional) staff; the source's positions
are kept in «руководители: должности». Two logins are added: `imc` — the centre's administrator
(director of the centre) and `methodist` — a methodologist (coordinator role in the centre) who also
leads «ПРОкомьюнити в мире VUCA» and «Траектория развития»; the demo teacher `mentor` of school № 1
co-leads «Траектория развития» (the object-level role of a project leader).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD, EMAIL_DOMAIN
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.projects import services
from nastavnik.projects.models import (
    Activity,
    ActivityItem,
    Charter,
    FundingSource,
    Level,
    Mode,
    NationalDirection,
    Project,
    Stage,
    Status,
    Task,
)
from nastavnik.projects.source_projects import PROJECTS, TRAJECTORY, ActivitySpec, ProjectSpec

SOURCE_YEAR = 2021


@dataclass
class Shift:
    years: int

    def date(self, day: datetime.date) -> datetime.date:
        # 29 February never occurs in the source's dates.
        return day.replace(year=day.year + self.years)

    def maybe(self, day: datetime.date | None) -> datetime.date | None:
        return None if day is None else self.date(day)


def _login(person: Person, username: str) -> User:
    user = User.objects.create(
        username=username,
        email=f"{username}@{EMAIL_DOMAIN}",
        password=make_password(DEMO_PASSWORD),
        first_name=person.first_name,
        last_name=person.last_name,
    )
    person.user = user
    person.email = user.email
    person.save(update_fields=["user", "email", "updated_at"])
    return user


def _cascade(world: DemoWorld) -> Project:
    imc = world.orgs[catalog.METHODICAL_CENTRE_SLUG]
    programme = Project.objects.create(
        organisation=imc,
        level=Level.PROGRAMME,
        name="Программа развития «От трансформации к системным изменениям»",
        status=Status.RUNNING,
    )
    strategic = Project.objects.create(
        organisation=imc,
        level=Level.STRATEGIC,
        parent=programme,
        name="ИМЦ – офис инициации и управления проектами",
        status=Status.RUNNING,
    )
    return Project.objects.create(
        organisation=imc,
        level=Level.BRANCH,
        parent=strategic,
        name="Ветвь методических проектов",
        status=Status.RUNNING,
    )


def _activity(project: Project, spec: ActivitySpec, shift: Shift, stages: dict[str, Stage], who: Person | None) -> None:
    rule = spec.rule
    Activity.objects.create(
        project=project,
        stage=stages.get(spec.stage) if spec.stage else None,
        number=spec.number,
        title=spec.title,
        timing_text=spec.timing,
        kind=rule.kind,
        starts_on=shift.maybe(rule.start),
        ends_on=shift.maybe(rule.end),
        month_from=rule.month_from,
        month_to=rule.month_to,
        period=rule.period.value if rule.period else "",
        times=rule.times,
        forecast=spec.forecast,
        responsible=who if spec.kind_of_responsible == "leader" else None,
        responsible_note=spec.responsible,
    )


def _project(world: DemoWorld, spec: ProjectSpec, branch: Project, shift: Shift, leaders: list[Person]) -> Project:
    project = Project.objects.create(
        organisation=branch.organisation,
        level=Level.PROJECT,
        parent=branch,
        name=spec.name,
        idea=spec.idea,
        goal=spec.goal,
        tasks="\n".join(spec.tasks),
        concept=spec.concept,
        toolkit="\n".join(spec.toolkit),
        advantage=spec.advantage,
        funding_note=spec.funding_text,
        expected_results="\n".join(spec.expected),
        achieved_results="\n".join(spec.achieved),
        participant_groups="\n".join(spec.participants),
        leaders_note=spec.leaders_note,
        normative_acts="\n".join(spec.acts),
        mode=Mode.AGILE if spec.agile else Mode.PLAN,
    )
    project.funding.set(FundingSource.objects.filter(name__in=spec.funding))
    project.directions.set(NationalDirection.objects.filter(name__in=spec.directions))
    project.leaders.set(leaders)
    project.schools.set([world.orgs[slug] for slug in spec.schools if slug in world.orgs])
    stages = {}
    for key, kind, name, start, end in spec.stages:
        stages[key] = Stage.objects.create(
            project=project, kind=kind, name=name, starts_on=shift.date(start), ends_on=shift.date(end)
        )
    for activity in spec.activities:
        _activity(project, activity, shift, stages, leaders[min(1, len(leaders) - 1)] if leaders else None)
    return project


def _walk_statuses(project: Project, target: str, user: User) -> None:
    order = [Status.APPROVED, Status.RUNNING, Status.FINISHED, Status.CLOSED]
    for status in order[: order.index(Status(target)) + 1]:
        services.change_status(project, status, user, "Решение методического совета ИМЦ")


def _agile(project: Project, shift: Shift, user: User, today: datetime.date) -> None:
    Charter.objects.create(
        project=project,
        vision=(
            "Активно и в ногу со временем действует ПРОкомьюнити, обеспечивающая возможность "
            "«горизонтальное обучение» педагогических работников района."
        ),
        team="Руководитель рабочей группы — директор ИМЦ\nМетодисты ИМЦ\nПедагогический актив ПРОкомьюнити",
        processes=(
            "Предполагается 5 спринтов, детали каждого следующего спринта планируются только по завершении предыдущего."
        ),
        sprint_count=5,
        sprint_weeks=26,
        expected_results="Мероприятия фиксируются в выбранном инструменте гибкого управления проектами",
    )
    start = shift.date(datetime.date(2021, 11, 1))
    initial = services.start_sprint(
        project, "Начальный спринт: первичное тестирование", start, start + datetime.timedelta(days=27), user
    )
    for title in ("Оформление ценностей, принципов и правил коллаборации.", "Назначение участников команды проекта"):
        services.move_task(services.add_task(project, title, None, user), "done", initial, user)
    services.close_sprint(
        initial,
        "Видение проекта задокументировано, команда назначена.",
        "Сообществам нужен простой и знакомый инструмент: оставить одну доску.",
        user,
    )
    first_start = initial.ends_on + datetime.timedelta(days=1)
    sprint = services.start_sprint(
        project,
        "Формирование новой архитектуры ПРОкомьюнити, упорядочивание рабочих процессов педагогических "
        "сообществ, их институализация.",
        first_start,
        max(first_start + datetime.timedelta(days=181), today + datetime.timedelta(days=30)),
        user,
    )
    for title, column in (
        ("Выявление и привлечение в актив сообщества компетентных и проактивных педагогических работников", "doing"),
        ("Построение системы мотивации и геймификации.", "todo"),
        ("Внедрение в районе каскадного обучения педагогических работников с опорой на актив ПРОкомьюнити.", "backlog"),
    ):
        task = services.add_task(project, title, None, user)
        if column != "backlog":
            services.move_task(task, column, sprint, user)
    assert Task.objects.filter(project=project).count() == 5


def create_projects(world: DemoWorld, users: dict[str, User]) -> None:
    imc = world.orgs[catalog.METHODICAL_CENTRE_SLUG]
    methodists = [person for person, _ in world.teachers.get(catalog.METHODICAL_CENTRE_SLUG, [])]
    if len(methodists) < 2:
        return
    leader, admin_person = methodists[0], methodists[1]
    Membership.objects.create(person=admin_person, organisation=imc, role=Role.DIRECTOR, position="директор")
    Membership.objects.create(person=leader, organisation=imc, role=Role.DISTRICT_COORDINATOR, position="методист")
    admin_user = _login(admin_person, "imc")
    _login(leader, "methodist")
    # A teacher of school № 1 co-leads «Траектория развития»: the object-level role of a project leader.
    school_leader = world.key.get("mentor")
    shift = Shift(world.year.start_year - SOURCE_YEAR)
    branch = _cascade(world)
    for spec in PROJECTS:
        leaders = [admin_person, leader] if spec.led_by_methodist else [admin_person]
        if spec is TRAJECTORY and school_leader is not None:
            leaders.append(school_leader)
        project = _project(world, spec, branch, shift, leaders)
        services.log(project, admin_user, f"Даты источника сдвинуты на {shift.years} г. (демо)")
        _walk_statuses(project, spec.status, admin_user)
        if spec.agile:
            _agile(project, shift, admin_user, world.today)
        services.sync_project(project, world.year)
        services.sync_project(project, world.previous_year)
    _mark_done(world)


def _mark_done(world: DemoWorld) -> None:
    """Most past items of the current year are done; a few stay overdue for «Внимание по проектам»."""
    past = ActivityItem.objects.filter(due_on__lt=world.today, done_on__isnull=True).order_by("due_on", "id")
    for index, item in enumerate(past):
        if index % 3 != 0:
            item.done_on = item.due_on
            item.save(update_fields=["done_on"])
