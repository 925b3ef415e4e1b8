"""Demo data of the programme lifecycle: what the role pages and the curator's board of nudges show.

In «Точка развития» of school № 1 the curator confirmed three proposals of the questionnaire run
ten weeks ago, the director fixed them by an order and they started working:

* the demo «mentee» login's own pair with the demo «mentor» login (the olympiad form, teacher –
  student) — healthy: regular meetings, good marks, a plan with tasks, the latest meeting not rated
  yet (so «Оценить» is there);
* a pair with no meeting for exactly five weeks and an overdue task in the plan;
* a pair whose marks dropped (5, 5, 4, 3) and whose mentee asks for another mentor.

The demo «mentor» login also gets a working pair in «Молодой специалист» (appointed three weeks ago)
when the earlier steps left them without one there; its plan has a task three days overdue, so
`nastavnik send-reminders` has a reminder for the mentor.

Everything here only adds rows or moves pairs forward through the same services the curator
and the director use; no randomness is involved, the dates count back from `world.today`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry, StatusLevel, TrainingStatus
from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import (
    InteractionStage,
    MeetingKind,
    MentorChangeRequest,
    OrderStatus,
    Pair,
    PairMentee,
    PairOrder,
    PairStatus,
    PairTransition,
)
from nastavnik.people.models import Person
from nastavnik.programmes.models import ProblemCategory, Programme

CHANGE_REASON = (
    "С наставником трудно договориться о времени: встречи переносятся, а на последних мне было неинтересно. "
    "Хочу готовиться к олимпиаде по математике — можно ли наставника, который в этом разбирается?"
)


@dataclass(frozen=True)
class Meeting:
    days_ago: int
    kind: str
    topic: str
    score: int | None  # the mentee's mark; None — not rated yet


HEALTHY = (
    Meeting(63, MeetingKind.INTRO, "Знакомство: интересы, ожидания, правила работы", 5),
    Meeting(49, MeetingKind.PLANNING, "Составили индивидуальный план на полугодие", 4),
    Meeting(28, MeetingKind.REGULAR, "Разбор олимпиадных задач по информатике", 5),
    Meeting(12, MeetingKind.REGULAR, "Подготовка проекта к школьной конференции", 5),
    Meeting(4, MeetingKind.REGULAR, "Репетиция выступления с проектом", None),
)
QUIET = (
    Meeting(63, MeetingKind.INTRO, "Встреча-знакомство", 5),
    Meeting(50, MeetingKind.PLANNING, "Цели на полугодие: адаптация в классе", 5),
    Meeting(35, MeetingKind.REGULAR, "Как готовиться к контрольным", 4),
)
DROPPING = (
    Meeting(62, MeetingKind.INTRO, "Встреча-знакомство", 5),
    Meeting(48, MeetingKind.PLANNING, "План: математика и уверенность у доски", 5),
    Meeting(34, MeetingKind.REGULAR, "Домашние задания по алгебре", 4),
    Meeting(13, MeetingKind.REGULAR, "Повторение перед контрольной", 3),
)
MENTOR_PAIR = (
    Meeting(17, MeetingKind.INTRO, "Знакомство: запрос молодого специалиста", 5),
    Meeting(6, MeetingKind.PLANNING, "План на первое полугодие: уроки, документы, классное руководство", None),
)


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _programme(world: DemoWorld, title_start: str) -> Programme | None:
    school = world.orgs.get(catalog.SCHOOL1_SLUG)
    return (
        Programme.objects.filter(organisation=school, academic_year=world.year, title__startswith=title_start)
        .order_by("id")
        .first()
    )


def _current_member(person_id: int) -> PairMentee | None:
    return PairMentee.objects.filter(mentee__person_id=person_id, is_current=True).select_related("pair").first()


def _order_number(programme: Programme, number: int) -> str:
    """The first free number «N-од» from `number` on in the programme's orders."""
    taken = set(PairOrder.objects.filter(programme=programme).values_list("number", flat=True))
    while f"{number}-од" in taken:
        number += 1
    return f"{number}-од"


def _start(
    world: DemoWorld,
    pairs: list[Pair],
    users: dict[str, Any],
    *,
    order_days_ago: int,
    start_days_ago: int,
    first_number: int,
) -> None:
    """Confirmed pairs: backdate the confirmation, fix them by a registered order, start them working."""
    if not pairs:
        return
    curator, director = users["curator"], users["director"]
    programme = pairs[0].programme
    order_on = world.today - datetime.timedelta(days=order_days_ago)
    confirmed_on = order_on - datetime.timedelta(days=7)
    for pair in pairs:
        Pair.objects.filter(pk=pair.pk).update(
            created_at=_moment(confirmed_on - datetime.timedelta(days=3), 10),
            confirmed_at=_moment(confirmed_on, 11),
            confirmed_by=curator,
        )
        PairTransition.objects.filter(pair=pair, to_status=PairStatus.PROPOSED).update(
            at=_moment(confirmed_on - datetime.timedelta(days=3), 10)
        )
        PairTransition.objects.filter(pair=pair, to_status=PairStatus.CONFIRMED).update(at=_moment(confirmed_on, 11))
    order = PairOrder.objects.create(
        programme=programme,
        number=_order_number(programme, first_number),
        order_date=order_on,
        period_from=order_on,
        period_to=programme.academic_year.ends_on,
        status=OrderStatus.DRAFT,
        created_by=curator,
    )
    lifecycle.attach_to_order(order, pairs)
    lifecycle.register_order(order, director)
    registered_at = _moment(order_on, 14)
    PairOrder.objects.filter(pk=order.pk).update(created_at=_moment(order_on, 9), registered_at=registered_at)
    PairTransition.objects.filter(pair__in=pairs, to_status=PairStatus.FIXED).update(at=registered_at)
    started_on = world.today - datetime.timedelta(days=start_days_ago)
    for pair in pairs:
        lifecycle.activate(pair, director, started_on)
    PairTransition.objects.filter(pair__in=pairs, to_status=PairStatus.ACTIVE).update(at=_moment(started_on, 15))


def _log(world: DemoWorld, pair: Pair, meetings: tuple[Meeting, ...], mentor_user: User | None) -> None:
    member = pair.members.select_related("mentee__person").order_by("id").first()
    for m in meetings:
        meeting = PairMeeting.objects.create(
            pair=pair,
            held_on=world.today - datetime.timedelta(days=m.days_ago),
            kind=m.kind,
            topic=m.topic,
            duration_minutes=45,
            created_by=mentor_user,
        )
        if m.score is not None and member is not None:
            MeetingRating.objects.create(meeting=meeting, person=member.mentee.person, score=m.score)


def _plan(world: DemoWorld, pair: Pair, tasks: list[tuple[str, int, str]]) -> None:
    """A plan for the pair's mentee: (title, due in days from today — negative is the past, status)."""
    member = pair.members.select_related("mentee").order_by("id").first()
    if member is None or IndividualPlan.objects.filter(member=member).exists():
        return
    plan = IndividualPlan.objects.create(member=member, goals=member.mentee.goal)
    for order, (title, due_in, status) in enumerate(tasks, start=1):
        due_on = world.today + datetime.timedelta(days=due_in)
        PlanTask.objects.create(
            plan=plan,
            title=title,
            due_on=due_on,
            status=status,
            order=order,
            done_on=due_on if status == TaskStatus.DONE else None,
        )


def _confirm(pairs: list[Pair], wanted: int, curator: User) -> list[Pair]:
    """Confirm the first `wanted` of `pairs` that can be confirmed (seats and consents are checked)."""
    confirmed: list[Pair] = []
    for pair in pairs:
        if len(confirmed) == wanted:
            break
        try:
            confirmed.append(services.confirm(pair, curator))
        except PairError:
            continue
    return confirmed


def _olympiad_mentor(world: DemoWorld, programme: Programme, curator: User) -> MentorEntry | None:
    """The demo «mentor» in the olympiad form of «Точка развития» (the form of the demo mentee's request)."""
    person = world.key.get("mentor")
    programme_form = programme.forms.filter(form__code="teacher_student").order_by("id").first()
    if person is None or programme_form is None:
        return None
    teaching = person.memberships.filter(role=Role.TEACHER).order_by("id").first()
    entry, _ = MentorEntry.objects.get_or_create(
        person=person,
        programme=programme,
        defaults={
            "programme_form": programme_form,
            "subjects": teaching.subjects if teaching else "",
            "experience_years": teaching.experience_years if teaching else None,
            "interests": "олимпиадная математика и программирование",
            "availability": "вторник и четверг после 15:00",
            "capacity": 2,
            "training_status": TrainingStatus.TRAINED,
            "status_level": StatusLevel.GOLD,
            "motivation": "Готовлю ребят к олимпиадам много лет — хочу, чтобы сильных учеников стало больше.",
            "admission": Admission.ADMITTED,
            "admission_reason": "Стаж более 5 лет, победители олимпиад среди учеников.",
            "decided_by": curator,
            "decided_at": _moment(world.year.starts_on + datetime.timedelta(days=10), 15),
        },
    )
    entry.capabilities.set(ProblemCategory.objects.filter(code__in=("talent_development", "educational_trajectory")))
    return entry


def _appoint_own(world: DemoWorld, programme: Programme, mentee: Person, curator: User) -> list[Pair]:
    """No proposal of the run holds the demo mentee: the curator appoints the demo mentor to her."""
    entry = MenteeEntry.objects.filter(programme=programme, person=mentee, status=MenteeStatus.WAITING).first()
    if entry is None:
        return []
    preferred = _olympiad_mentor(world, programme, curator)
    others = MentorEntry.objects.filter(programme=programme, admission=Admission.ADMITTED).order_by("id")
    for mentor in [m for m in (preferred, *others) if m is not None]:
        if mentor.free_seats:
            try:
                return [services.appoint(mentor, entry, curator)]
            except PairError:
                continue
    return []


def _point_of_development(world: DemoWorld, users: dict[str, Any]) -> None:
    programme = _programme(world, "Точка")
    if programme is None:
        return
    mentee = world.key.get("mentee")
    proposals = list(
        Pair.objects.filter(programme=programme, status=PairStatus.PROPOSED, is_group=False).order_by("id")
    )
    mine = {p.pk for p in proposals if mentee is not None and p.members.filter(mentee__person=mentee).exists()}
    needs_mentor = mentee is not None and _current_member(mentee.pk) is None
    own = _confirm([p for p in proposals if p.pk in mine], 1 if needs_mentor else 0, users["curator"])
    if needs_mentor and not own and mentee is not None:
        own = _appoint_own(world, programme, mentee, users["curator"])
    others = _confirm([p for p in proposals if p.pk not in mine], 2, users["curator"])
    _start(world, own + others, users, order_days_ago=70, start_days_ago=66, first_number=96)
    if own:
        pair = own[0]
        Pair.objects.filter(pk=pair.pk).update(stage=InteractionStage.TOGETHER)
        writer = users.get("mentor") if pair.mentor.person_id == getattr(world.key.get("mentor"), "pk", None) else None
        _log(world, pair, HEALTHY, writer)
        _plan(
            world,
            pair,
            [
                ("Выбрать тему проекта для школьной конференции", -40, TaskStatus.DONE),
                ("Решить 20 олимпиадных задач прошлых лет", 10, TaskStatus.IN_PROGRESS),
                ("Выступить с проектом на конференции", 45, TaskStatus.TODO),
            ],
        )
    if others:
        quiet = others[0]
        Pair.objects.filter(pk=quiet.pk).update(stage=InteractionStage.SHOW)
        _log(world, quiet, QUIET, None)
        _plan(
            world,
            quiet,
            [
                ("Завести дневник домашних заданий", -30, TaskStatus.DONE),
                ("Подготовиться к контрольной по русскому языку с наставником", -10, TaskStatus.TODO),
            ],
        )
    if len(others) > 1:
        dropping = others[1]
        Pair.objects.filter(pk=dropping.pk).update(stage=InteractionStage.SHOW)
        _log(world, dropping, DROPPING, None)
        member = dropping.members.select_related("mentee__person").order_by("id").first()
        if member is not None:
            request = MentorChangeRequest.objects.create(
                pair=dropping, person=member.mentee.person, reason=CHANGE_REASON
            )
            MentorChangeRequest.objects.filter(pk=request.pk).update(
                created_at=_moment(world.today - datetime.timedelta(days=2), 18)
            )


def _mentor_login_pair(world: DemoWorld, users: dict[str, Any]) -> None:
    """The demo mentor works with at least one pair: appoint a waiting young specialist when needed."""
    person = world.key.get("mentor")
    young_specialist = _programme(world, "Молодой")
    if person is None or young_specialist is None:
        return
    working = Pair.objects.filter(mentor__person=person, programme=young_specialist, status=PairStatus.ACTIVE)
    if working.exists():
        return
    entry = MentorEntry.objects.filter(person=person, programme=young_specialist).order_by("id").first()
    if entry is None or entry.free_seats < 1:
        return
    waiting = MenteeEntry.objects.filter(programme=entry.programme, status=MenteeStatus.WAITING).order_by("id")
    for mentee in waiting:
        try:
            pair = services.appoint(entry, mentee, users["curator"])
        except PairError:
            continue
        _start(world, [pair], users, order_days_ago=20, start_days_ago=18, first_number=140)
        Pair.objects.filter(pk=pair.pk).update(stage=InteractionStage.TELL)
        _log(world, pair, MENTOR_PAIR, users.get("mentor"))
        _plan(
            world,
            pair,
            [
                # Overdue: the demo mentor gets a reminder from `send-reminders`.
                ("Заполнить карту профессиональных затруднений", -3, TaskStatus.TODO),
                ("Посетить два урока наставника и обсудить их", 7, TaskStatus.IN_PROGRESS),
                ("Подготовить технологическую карту открытого урока", 30, TaskStatus.TODO),
            ],
        )
        return


def create_role_data(world: DemoWorld, users: dict[str, Any]) -> None:
    _point_of_development(world, users)
    _mentor_login_pair(world, users)
