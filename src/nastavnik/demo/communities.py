"""Demo of source 004 in Заречный район: two communities, a reserve cycle, the preschool lab.

The methodological centre (ИМЦ) runs all three. The demo `mentor` leads the first community (a leader
needs no organisation role); `working_group` of school № 1 is a reserve candidate, so `director` reads
her record. Two kindergartens with educators are added for the lab: their express-survey answers
become the mentor map, and two cross-institution pairs follow their step checklists.
"""

from __future__ import annotations

import datetime
from itertools import cycle as endless
from typing import Any

from django.contrib.auth.models import User

from nastavnik.communities import lab as lab_service
from nastavnik.communities.cycle import ORDER, in_window
from nastavnik.communities.models import (
    Attendance,
    Community,
    CommunityEvent,
    CommunityReport,
    Competence,
    CompetenceRating,
    LabParticipant,
    LabSurvey,
    Material,
    Member,
    ReserveCycle,
    ReserveEntry,
    Training,
)
from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import Consent, Person
from nastavnik.surveys import engine
from nastavnik.surveys.services import store_response

ROLES = ("change_leader", "mentor", "tutor", "coach", "expert", "organiser", "activator", "consultant")
EDUCATORS = (
    ("Белова", "Ирина", "Сергеевна"),
    ("Громова", "Анна", "Петровна"),
    ("Данилова", "Ольга", "Викторовна"),
    ("Егорова", "Марина", "Ивановна"),
    ("Жукова", "Светлана", "Андреевна"),
    ("Зайцева", "Наталья", "Олеговна"),
)
ANSWERS: tuple[dict[str, Any], ...] = (
    {"role": "mentor", "topic": "play", "forms": ["master_class"]},
    {"role": "mentee", "topic": "digital"},
    {"role": "both", "topic": "parents", "forms": ["consultation"]},
    {"role": "mentor", "topic": "digital", "forms": ["practicum"]},
    {"role": "mentee", "topic": "play"},
    {"role": "no"},
)


def _zarechny_teachers(world: DemoWorld) -> list[Person]:
    slugs = (catalog.ZARECHNAYA_SLUG, catalog.SOSNOVKA_SLUG, catalog.DDT_SLUG)
    return [p for slug in slugs for p, _ in world.teachers.get(slug, [])]


def create_communities(world: DemoWorld, users: dict[str, User]) -> None:
    centre = world.orgs[catalog.METHODICAL_CENTRE_SLUG]
    teachers = _zarechny_teachers(world)
    curator = next((p for p, _ in world.teachers.get(catalog.METHODICAL_CENTRE_SLUG, [])), teachers[0])
    leader = world.key.get("mentor", teachers[0])
    _community_with_life(world, centre, leader, curator, teachers[:8])
    forming = Community.objects.create(
        organisation=centre,
        name="Молодые педагоги Заречного района",
        topic="Адаптация начинающих педагогов",
        leader=teachers[8],
        curator=curator,
        goals="Собрать не менее пяти молодых педагогов и провести первую встречу.",
    )
    for person in teachers[8:11]:
        Member.objects.create(community=forming, person=person, joined_on=world.today)
    _reserve(world, centre)
    _lab(world, centre, users)


def _community_with_life(
    world: DemoWorld, centre: Organisation, leader: Person, curator: Person, people: list[Person]
) -> None:
    day = world.today
    community = Community.objects.create(
        organisation=centre,
        name="ПРОкомьюнити «Наставники Заречья»",
        topic="Наставничество и горизонтальное обучение педагогов",
        leader=leader,
        curator=curator,
        charter="Равный – равному. Решения принимаем вместе, лидер координирует без формальной власти.",
        goals="Банк наставнических практик района; каскадное обучение педагогов школ района.",
        indicators="Не менее 20 педагогов обучены участниками актива; 10 материалов в банке.",
        registered_on=day - datetime.timedelta(days=80),
    )
    members = [leader, *[p for p in people if p != leader]][:8]
    for person, role in zip(members, [*ROLES, ""], strict=False):
        Member.objects.create(
            community=community, person=person, asset_role=role, joined_on=day - datetime.timedelta(days=90)
        )
    for weeks, title in (
        (10, "Установочная встреча сообщества"),
        (6, "Мастер-класс «Первая встреча пары»"),
        (2, "Круглый стол по банку практик"),
    ):
        event = CommunityEvent.objects.create(
            community=community, title=title, held_on=day - datetime.timedelta(weeks=weeks)
        )
        came = members[: 8 - weeks // 3]
        Attendance.objects.bulk_create([Attendance(event=event, person=p) for p in came])
    for author, title in zip(
        endless(members[:3]),
        ("Памятка наставника", "Сценарий первой встречи", "Карта запросов наставляемых", "Чек-лист открытого урока"),
        strict=False,
    ):
        Material.objects.create(
            community=community, title=title, author=author, added_on=day - datetime.timedelta(days=30)
        )
    trainees = _zarechny_teachers(world)[12:16]
    for trainee in trainees:
        Training.objects.create(
            community=community,
            trainer=members[1],
            trainee=trainee,
            topic="Целевая модель наставничества",
            held_on=day - datetime.timedelta(days=20),
        )
    CommunityReport.objects.create(
        community=community,
        period="I полугодие",
        text="Проведены три встречи, собраны четыре материала, обучены четыре педагога.",
        submitted_on=day - datetime.timedelta(days=5),
    )


def _current_stage(day: datetime.date) -> str:
    return next((stage for stage in ORDER if in_window(stage, day)), ORDER[0])


def _reserve(world: DemoWorld, centre: Organisation) -> None:
    current = ReserveCycle.objects.create(
        organisation=centre, academic_year=world.year, stage=_current_stage(world.today)
    )
    previous = ReserveCycle.objects.create(organisation=centre, academic_year=world.previous_year, stage="closed")
    people = [p for p in [world.key.get("working_group")] if p] + _zarechny_teachers(world)[16:22]
    competences = list(Competence.objects.all())
    results = ("winner", "participant", "participant", "", "", "", "")
    for index, (person, result) in enumerate(zip(people, results, strict=False)):
        workplace = person.organisation or centre
        entry = ReserveEntry.objects.create(
            cycle=current,
            person=person,
            workplace=workplace,
            position="заместитель директора" if index % 2 == 0 else "руководитель методического объединения",
            status="member" if index < 2 else "candidate",
            competition=result,
            strengths="Организация команды, работа с родителями." if index < 4 else "",
            deficits="Финансовое планирование." if index < 4 else "",
            plan="Стажировка в школе-лидере, семинары резерва, мастер-классы акселератора." if index < 3 else "",
            internship="апрель, СОШ № 1 г. Приозёрска" if result == "winner" else "",
        )
        CompetenceRating.objects.bulk_create(
            [CompetenceRating(entry=entry, competence=c, level=1 + (index + i) % 4) for i, c in enumerate(competences)]
        )
        if index < 2:
            ReserveEntry.objects.create(
                cycle=previous, person=person, workplace=workplace, position=entry.position, competition="participant"
            )


def _educators(world: DemoWorld, district: Organisation) -> list[Person]:
    people: list[Person] = []
    for number in (1, 2):
        kg = Organisation.objects.create(
            name=f"МБДОУ «Детский сад № {number}» пгт Заречный", short_name=f"Д/с № {number} Заречный",
            slug=f"zarechny-dou-{number}", kind=OrganisationKind.KINDERGARTEN, parent=district,
        )  # fmt: skip
        for last, first, middle in EDUCATORS[(number - 1) * 3 : number * 3]:
            born = datetime.date(1980 + len(people), 5, 10)
            person = Person.objects.create(
                last_name=last, first_name=first, middle_name=middle, organisation=kg, birth_date=born, has_consent=True
            )
            Membership.objects.create(person=person, organisation=kg, role=Role.TEACHER, position="воспитатель")
            Consent.objects.create(person=person, given_on=world.today - datetime.timedelta(days=100), given_by="self")
            people.append(person)
    return people


def _lab(world: DemoWorld, centre: Organisation, users: dict[str, User]) -> None:
    educators = _educators(world, world.orgs[catalog.DISTRICT_SLUG])
    lab = LabSurvey.objects.create(organisation=centre, academic_year=world.year)
    lab_service.start_survey(lab, users["district"], world.today - datetime.timedelta(days=10))
    assert lab.campaign is not None
    definition = lab.campaign.version.definition
    by_person = {i.person_id: i for i in lab.campaign.invitations.all()}
    for person, answers in zip(educators, ANSWERS, strict=True):
        store_response(by_person[person.pk], engine.check(definition, answers))
    lab_service.collect(lab)
    mentors = list(LabParticipant.objects.filter(lab=lab, role="mentor").order_by("id"))
    mentees = list(LabParticipant.objects.filter(lab=lab, role="mentee").order_by("id"))
    made = 0
    for mentor in mentors:
        for mentee in mentees:
            if made < 2 and mentor.organisation_id != mentee.organisation_id and mentor.topic == mentee.topic:
                pair = lab_service.make_pair(lab, mentor, mentee, "consultation")
                pair.steps.filter(order__lte=2).update(done_on=world.today - datetime.timedelta(days=3))
                made += 1
