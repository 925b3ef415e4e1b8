"""Demo of the courses: the tutor-supported PD course of source 004 (one cohort of 30 teachers,
modules, mini-teams, milestones, submissions checked and not, 3 dropouts, internship placement,
the commission's credit) and «Школа – Школе» after pairing (deficits, observations, the annual
cycle and two years of ВПР/ОГЭ results for both schools of the confirmed pair).

The methodologist is the `district` login, the tutor the `mentor` login, the trainee the
`trainee` login (a teacher of Заречная СОШ, created here), the host school head the `director`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from nastavnik.courses import cycle, services
from nastavnik.courses.models import (
    Audience,
    Cohort,
    CourseModule,
    CycleEvent,
    Deficit,
    Enrolment,
    ExamResult,
    HostSchool,
    LogEntry,
    Milestone,
    MiniTeam,
    ModuleKind,
    Observation,
    ObservationKind,
    RouteItem,
    RouteKind,
    Submission,
    SubmissionStatus,
)
from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD, EMAIL_DOMAIN
from nastavnik.demo.builder import DemoWorld
from nastavnik.district.models import PairingStatus, SchoolPairing
from nastavnik.orgs.models import Role
from nastavnik.people.models import Person

COHORT_SIZE = 30
MODULES = (
    ("Модуль 1. Дистанционный (обучающая платформа ODIN)", ModuleKind.DISTANCE, 72),
    ("Модуль 2. Технологический модуль по выбору: основы тьюторского сопровождения", ModuleKind.IN_PERSON, 36),
    ("Модуль 2. Технологический модуль по выбору: деятельностные пробы и кейсы", ModuleKind.IN_PERSON, 36),
    ("Модуль 3. Стажировка в школе района (ИОМ)", ModuleKind.INTERNSHIP, 36),
)
TEAMS = (
    ("Навигаторы", "педагог-тьютор"),
    ("Исследователи", "педагог-исследователь"),
    ("Методисты", "педагог-методист"),
    ("Наставники", "педагог-наставник"),
    ("Новаторы", "педагог-новатор"),
)
MILESTONES = (
    (14, "Входная самодиагностика тьюторских компетенций"),
    (28, "Эссе «Тьюторская позиция педагога»"),
    (42, "Кейс: сопровождение индивидуального маршрута ученика"),
    (56, "Проект ИОМ стажировки"),
)
INTERESTS = ("проектная деятельность", "инклюзия", "одарённые дети", "цифровые технологии", "профориентация")
HOSTS = (
    (catalog.SCHOOL1_SLUG, 9, "проектная деятельность, одарённые дети"),
    (catalog.LYCEUM_SLUG, 8, "одарённые дети, цифровые технологии"),
    (catalog.ZARECHNAYA_SLUG, 7, "инклюзия, профориентация"),
    (catalog.SOSNOVKA_SLUG, 4, "инклюзия, проектная деятельность"),
)
DROPOUTS = ((20, "Перегрузка на работе"), (33, "Болезнь"), (47, "Переезд в другой регион"))
TRAINEE_SCHOOLS = (catalog.ZARECHNAYA_SLUG, catalog.SCHOOL1_SLUG, catalog.LYCEUM_SLUG, catalog.SOSNOVKA_SLUG)


def create_courses(world: DemoWorld, users: dict[str, User]) -> None:
    cohort = _cohort(world)
    enrolments = _enrol(world, cohort)
    _trainee_login(world, enrolments[0].person, users)
    _work(world, cohort, enrolments)
    services.place_trainees(cohort)
    _credit(enrolments)
    _own_route(world, enrolments[0])
    _school_to_school(world)


def _day(world: DemoWorld, days_after_start: int) -> datetime.date:
    return world.today - datetime.timedelta(days=75) + datetime.timedelta(days=days_after_start)


def _cohort(world: DemoWorld) -> Cohort:
    cohort = Cohort.objects.create(
        organisation=world.orgs[catalog.METHODICAL_CENTRE_SLUG],
        academic_year=world.year,
        title="Современная педагогика как пространство для самореализации",
        name="Экспериментальная группа",
        hours=144,
        tutor=world.key["mentor"],
        starts_on=_day(world, 0),
        ends_on=_day(world, 70),
        credit_on=_day(world, 68),
        commission="Комиссия ТГУ",
    )
    for order, (title, kind, hours) in enumerate(MODULES, start=1):
        CourseModule.objects.create(cohort=cohort, order=order, title=title, kind=kind, hours=hours)
    for name, function in TEAMS:
        MiniTeam.objects.create(cohort=cohort, name=name, function=function)
    distance = cohort.modules.get(order=1)
    for days, title in MILESTONES:
        Milestone.objects.create(cohort=cohort, module=distance, title=title, due_on=_day(world, days))
    for slug, capacity, offers in HOSTS:
        HostSchool.objects.create(cohort=cohort, organisation=world.orgs[slug], capacity=capacity, offers=offers)
    return cohort


def _candidates(world: DemoWorld) -> list[Person]:
    busy = {world.key[k].pk for k in ("mentor", "curator", "working_group", "director", "curator2") if k in world.key}
    people: list[Person] = []
    for slug in TRAINEE_SCHOOLS:
        people += [p for p, _ in world.teachers.get(slug, []) if p.pk not in busy and p.has_consent]
    return people[:COHORT_SIZE]


def _enrol(world: DemoWorld, cohort: Cohort) -> list[Enrolment]:
    teams = list(cohort.teams.all())
    electives = list(cohort.modules.filter(kind=ModuleKind.IN_PERSON))
    enrolments = []
    for index, person in enumerate(_candidates(world)):
        interests = ", ".join(world.rng.sample(INTERESTS, 2))
        enrolments.append(
            Enrolment.objects.create(
                cohort=cohort,
                person=person,
                team=teams[index % len(teams)],
                chosen_module=electives[index % len(electives)],
                interests=interests,
            )
        )
    return enrolments


def _trainee_login(world: DemoWorld, person: Person, users: dict[str, User]) -> None:
    user = User.objects.create(
        username="trainee",
        email=f"trainee@{EMAIL_DOMAIN}",
        password=make_password(DEMO_PASSWORD),
        first_name=person.first_name,
        last_name=person.last_name,
    )
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    users["trainee"] = user


def _work(world: DemoWorld, cohort: Cohort, enrolments: list[Enrolment]) -> None:
    milestones = list(cohort.milestones.all())
    dropped = {enrolments[-1 - i].pk: (days, reason) for i, (days, reason) in enumerate(DROPOUTS)}
    for index, enrolment in enumerate(enrolments):
        left = dropped.get(enrolment.pk)
        for position, milestone in enumerate(milestones):
            if left is not None and milestone.due_on >= _day(world, left[0]):
                break
            if milestone.due_on > world.today or (index % 9 == 4 and position == len(milestones) - 1):
                continue  # not due yet, or simply missed
            _submission(world, enrolment, milestone, index, last=position == len(milestones) - 1)
        if left is not None:
            services.drop_out(enrolment, _day(world, left[0]), left[1])
        if index % 6 == 0:
            _log(world, enrolment)


def _submission(world: DemoWorld, enrolment: Enrolment, milestone: Milestone, index: int, *, last: bool) -> None:
    status = SubmissionStatus.ACCEPTED
    if last and index % 3 == 0:
        status = SubmissionStatus.SUBMITTED  # waits for the tutor
    elif last and index % 7 == 1:
        status = SubmissionStatus.RETURNED
    Submission.objects.create(
        enrolment=enrolment,
        milestone=milestone,
        text=f"{milestone.title}: выполнено, материалы приложены на платформе ODIN.",
        submitted_on=milestone.due_on - datetime.timedelta(days=1 + index % 3),
        status=status,
        comment="Раскройте, как вы будете сопровождать ученика." if status == SubmissionStatus.RETURNED else "",
        checked_on=milestone.due_on + datetime.timedelta(days=2) if status != SubmissionStatus.SUBMITTED else None,
    )


def _log(world: DemoWorld, enrolment: Enrolment) -> None:
    for days, text, hours in (
        (5, "Разобрался с платформой ODIN, прошёл вводный раздел.", "2"),
        (19, "Тьюториал в мини-команде: распределили роли.", "1.5"),
        (40, "Супервизия с тьютором: обсудили кейс ученика.", "1"),
    ):
        if _day(world, days) <= world.today:
            LogEntry.objects.create(enrolment=enrolment, day=_day(world, days), text=text, hours=Decimal(hours))


def _credit(enrolments: list[Enrolment]) -> None:
    active = [e for e in enrolments if e.status == "active"]
    for index, enrolment in enumerate(active):
        enrolment.refresh_from_db()
        if index == len(active) - 1:
            continue  # the last one has not come to the credit yet
        passed = index != len(active) - 2
        services.give_credit(
            enrolment, passed, "протокол комиссии ТГУ № 1" if passed else "не представлен ИОМ стажировки"
        )


def _own_route(world: DemoWorld, enrolment: Enrolment) -> None:
    RouteItem.objects.create(
        person=enrolment.person,
        academic_year=world.year,
        kind=RouteKind.EVENT,
        title="Семинар по планированию подготовки учащихся к ГИА",
        hours=6,
        planned_on=world.today - datetime.timedelta(days=20),
        completed_on=world.today - datetime.timedelta(days=20),
    )
    RouteItem.objects.create(
        person=enrolment.person,
        academic_year=world.year,
        kind=RouteKind.EVENT,
        title="Открытые уроки учителей школ-партнеров",
        hours=4,
        planned_on=world.today + datetime.timedelta(days=60),
    )


# -- «Школа – Школе» ------------------------------------------------------------------------------

DEFICITS = (
    (Audience.TEACHER, "Формирующее оценивание на уроке"),
    (Audience.TEACHER, "Подготовка учащихся к решению заданий части В"),
    (Audience.TEACHER, "Работа с учащимися с низкой учебной мотивацией"),
    (Audience.ADMINISTRATION, "Внутренняя система оценки качества образования (ВСОКО)"),
)
# exam, subject, class, (mean, share of «2» in %) for the supported school two years running; the leader is higher
RESULTS = (
    ("vpr", "Математика", 5, ("3.05", 24), ("3.32", 15)),
    ("vpr", "Русский язык", 5, ("3.10", 21), ("3.29", 14)),
    ("oge", "Математика", 9, ("3.02", 18), ("3.25", 10)),
    ("oge", "Русский язык", 9, ("3.41", 8), ("3.55", 5)),
)


def _school_to_school(world: DemoWorld) -> None:
    pairing = (
        SchoolPairing.objects.filter(academic_year=world.year, status=PairingStatus.CONFIRMED)
        .select_related("leader", "supported")
        .first()
    )
    if pairing is None:
        return
    teachers = list(
        Person.objects.filter(
            memberships__organisation=pairing.supported, memberships__role=Role.TEACHER, memberships__is_active=True
        ).order_by("pk")
    )
    if len(teachers) < len(DEFICITS):
        return
    _deficits(world, pairing, teachers)
    _observations(world, pairing, teachers)
    cycle.seed_plan(pairing)
    CycleEvent.objects.filter(pairing=pairing, day__lt=world.today).update(held=True)
    _results(world, pairing)


def _deficits(world: DemoWorld, pairing: SchoolPairing, teachers: list[Person]) -> None:
    for index, (audience, area) in enumerate(DEFICITS):
        deficit = Deficit.objects.create(
            pairing=pairing,
            person=teachers[index],
            audience=audience,
            area=area,
            identified_on=world.year.starts_on + datetime.timedelta(days=20),
        )
        item = services.assign_targeted_pd(deficit, world.year, world.year.starts_on + datetime.timedelta(days=40))
        if index == 0:
            services.complete_item(item, min(world.today, world.year.starts_on + datetime.timedelta(days=85)))


def _observations(world: DemoWorld, pairing: SchoolPairing, teachers: list[Person]) -> None:
    Observation.objects.create(
        pairing=pairing,
        kind=ObservationKind.LESSON,
        teacher=teachers[0],
        day=world.year.starts_on + datetime.timedelta(days=45),
        subject="Математика",
        class_label="7А",
        observer=f"Заместитель директора, {pairing.leader.short_name}",
        strengths="Чёткая постановка цели урока, доброжелательная атмосфера.",
        weaknesses="Мало заданий на самопроверку; обратная связь только от учителя.",
        recommendations="Ввести листы самооценки и взаимопроверку по образцу.",
    )
    Observation.objects.create(
        pairing=pairing,
        kind=ObservationKind.SELF,
        teacher=teachers[1],
        day=world.year.starts_on + datetime.timedelta(days=60),
        subject="Русский язык",
        class_label="9А",
        strengths="Системная подготовка к сочинению ОГЭ.",
        weaknesses="Не хватает приёмов работы со слабыми учащимися.",
        recommendations="Посетить открытые уроки школы-партнёра.",
    )


def _results(world: DemoWorld, pairing: SchoolPairing) -> None:
    years = (world.year.start_year - 1, world.year.start_year)
    for exam, subject, grade, before, after in RESULTS:
        for year, (mean, share) in zip(years, (before, after), strict=True):
            for school, lift in ((pairing.supported, Decimal(0)), (pairing.leader, Decimal("0.6"))):
                participants = 40 if school == pairing.supported else 75
                fails = participants * share // (100 if lift == 0 else 300)
                ExamResult.objects.create(
                    school=school,
                    exam=exam,
                    year=year,
                    subject=subject,
                    grade=grade,
                    participants=participants,
                    mean_score=Decimal(mean) + lift,
                    fails=fails,
                )
