"""Demo data of a working year in the districts, so that the district and region dashboards differ.

«Заречный район» (the demo «district» login) gets a programme in each of its two schools with
pairs in every state — proposed, confirmed, fixed by order, working, completed and dissolved —
formed by the three schemes, with weekly meeting logs from late September, the mentees' marks,
individual plans, completions with results and satisfaction, and a before/after self-assessment
with answers. In «Заречная СОШ» teachers mentor pupils of grades 5–9; in «Сосновская СОШ» senior
pupils mentor younger ones.

The city district (school № 1 and the lyceum) is made to look weaker on purpose: the lyceum's
programme has fewer completed pairs, more dissolved ones, lower marks and satisfaction and no
change in the self-assessment. Across both districts the schemes end differently: pairs from a
group meeting finish best, pairs appointed by a curator are dissolved most often.

Deterministic: one number from the world's generator seeds a local one, the people are taken in
the order they were created, and every date counts from the start of the academic year and never
passes `world.today`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.auth.models import User

from nastavnik.bases.models import MenteeEntry, MentorEntry, StatusLevel
from nastavnik.demo import catalog, texts
from nastavnik.demo.bases import BaseFiller, FormSpec, create_programme
from nastavnik.demo.builder import DemoWorld
from nastavnik.demo.roles import _moment
from nastavnik.demo.surveys import create_self_assessment
from nastavnik.diary import completion
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairEvaluation, PairMeeting, PlanTask, TaskStatus
from nastavnik.matching.models import Scheme
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import (
    Decision,
    MeetingKind,
    OrderStatus,
    Outcome,
    Pair,
    PairMentee,
    PairOrder,
    PairStatus,
    PairTransition,
)
from nastavnik.people.models import Person
from nastavnik.programmes.models import Audience, Programme, ProgrammeFormat, ProgrammeStatus

P, C, F, A, D, X = (
    PairStatus.PROPOSED,
    PairStatus.CONFIRMED,
    PairStatus.FIXED,
    PairStatus.ACTIVE,
    PairStatus.COMPLETED,
    PairStatus.DISSOLVED,
)
APPOINTED, QUESTIONNAIRE, GROUP = Scheme.APPOINTMENT, Scheme.QUESTIONNAIRE, Scheme.GROUP_MEETING
DISSOLVE_REASONS = (
    "Наставляемый перешёл в другую школу.",
    "Не совпали расписания: встречи срывались больше месяца.",
    "По просьбе родителей: ребёнок занят в спортивной секции в то же время.",
)
TOPICS = (
    "Разбор домашнего задания, трудные места",
    "Готовимся к контрольной работе",
    "Читаем и обсуждаем книгу из списка",
    "Проект: выбираем тему и источники",
    "Как распределить время на неделю",
    "Работа над ошибками контрольной",
    "Проект: план выступления",
    "Повторение перед четвертной оценкой",
)
TASKS = (
    "Вести дневник домашних заданий",
    "Исправить оценки по математике за четверть",
    "Выступить с проектом на классном часе",
)
START_DAY = 24  # the pairs start working on 25 September


@dataclass(frozen=True)
class Story:
    """One pair: how it was formed, where it stands today, the mentee's marks and satisfaction."""

    scheme: str
    status: str
    marks: tuple[int, ...] = (5, 5, 4)
    satisfaction: int | None = None


@dataclass(frozen=True)
class SchoolPlan:
    slug: str
    passport: texts.Passport
    form: FormSpec
    mentee_grades: tuple[int, ...]
    mentor_grades: tuple[int, ...]  # empty: teachers of the school with 5+ years are the mentors
    stories: tuple[Story, ...]
    survey_shift: int  # how far the self-assessment moved up since September


def _passport(title: str, who: str) -> texts.Passport:
    return replace(
        texts.DDT_STEP,
        title=title,
        participants=who,
        monitoring_frequency="Два раза в год: в сентябре (стартовая самооценка) и в мае (итоговая).",
    )


ZARECHNAYA = SchoolPlan(
    catalog.ZARECHNAYA_SLUG,
    _passport("Шаг навстречу", "Учителя школы со стажем от 5 лет и обучающиеся 5–9 классов."),
    FormSpec("teacher_student", grades="5, 6, 7, 8, 9", types=("individual",)),
    (5, 6, 7, 8, 9),
    (),
    (
        Story(GROUP, D, (5, 5, 5), 5),
        Story(GROUP, D, (5, 4, 5), 5),
        Story(GROUP, D, (4, 5, 5), 4),
        Story(GROUP, A, (5, 5, 4)),
        Story(QUESTIONNAIRE, D, (5, 4, 4), 5),
        Story(QUESTIONNAIRE, D, (4, 4, 5), 4),
        Story(QUESTIONNAIRE, A, (4, 5, 5)),
        Story(QUESTIONNAIRE, F),
        Story(QUESTIONNAIRE, P),
        Story(APPOINTED, D, (4, 4, 4), 4),
        Story(APPOINTED, X, (4, 3, 3)),
        Story(APPOINTED, A, (5, 4, 4)),
        Story(APPOINTED, C),
    ),
    survey_shift=1,
)
SOSNOVKA = SchoolPlan(
    catalog.SOSNOVKA_SLUG,
    _passport("Старший – младшему", "Обучающиеся 10–11 классов и обучающиеся 5–8 классов."),
    FormSpec("student_student", role_model="peer_to_peer", grades="5, 6, 7, 8, 10, 11", types=("peer",)),
    (5, 6, 7, 8),
    (10, 11),
    (
        Story(GROUP, D, (5, 5, 4), 5),
        Story(GROUP, A, (5, 4, 5)),
        Story(QUESTIONNAIRE, D, (5, 5, 5), 5),
        Story(QUESTIONNAIRE, A, (4, 4, 5)),
        Story(QUESTIONNAIRE, P),
        Story(APPOINTED, D, (4, 4, 5), 4),
        Story(APPOINTED, X, (4, 3, 4)),
        Story(APPOINTED, F),
        Story(APPOINTED, C),
    ),
    survey_shift=1,
)
LYCEUM = SchoolPlan(
    catalog.LYCEUM_SLUG,
    _passport("Первые шаги в лицее", "Учителя лицея со стажем от 5 лет и обучающиеся 5–7 классов."),
    FormSpec("teacher_student", grades="5, 6, 7", types=("individual",)),
    (5, 6, 7),
    (),
    (
        Story(GROUP, A, (4, 4, 3)),
        Story(GROUP, C),
        Story(QUESTIONNAIRE, D, (4, 3, 3), 3),
        Story(QUESTIONNAIRE, X, (3, 3, 2)),
        Story(QUESTIONNAIRE, A, (4, 3, 4)),
        Story(APPOINTED, D, (3, 4, 3), 3),
        Story(APPOINTED, X, (3, 2, 3)),
        Story(APPOINTED, X, (4, 3, 2)),
        Story(APPOINTED, A, (4, 4, 3)),
        Story(APPOINTED, F),
        Story(QUESTIONNAIRE, P),
    ),
    survey_shift=0,
)
PLANS = (ZARECHNAYA, SOSNOVKA, LYCEUM)


def create_district_life(world: DemoWorld, users: dict[str, User]) -> None:
    local = replace(world, rng=random.Random(world.rng.random()))
    for plan in PLANS:
        _school_year(local, plan, users)


def _day(world: DemoWorld, days: int) -> datetime.date:
    return min(world.year.starts_on + datetime.timedelta(days=days), world.today)


def _school_year(world: DemoWorld, plan: SchoolPlan, users: dict[str, User]) -> None:
    org = world.orgs[plan.slug]
    staff = [(p, m) for p, m in world.teachers[plan.slug] if p.has_consent and (m.experience_years or 0) >= 5]
    staff = [(p, m) for p, m in staff if p is not world.key.get("curator2")]
    if not staff:
        return
    curator = staff[-1][0]
    programme, (form,) = create_programme(org, world.year, plan.passport, ProgrammeStatus.ACTIVE, curator, (plan.form,))
    mentors = _mentors(world, plan, programme, form, users, staff[:-1])
    mentees = _mentees(world, plan, programme, form, len(plan.stories))
    if not mentors or len(mentees) < len(plan.stories):
        return
    seats = -(-len(plan.stories) // len(mentors))
    MentorEntry.objects.filter(pk__in=[m.pk for m in mentors]).update(capacity=seats + 1)
    pairs = [(_form_pair(mentors[i % len(mentors)], mentees[i], s), s) for i, s in enumerate(plan.stories)]
    _fix_by_order(world, programme, [p for p, s in pairs if s.status not in {P, C}])
    for index, (pair, story) in enumerate(pairs):
        if story.status in {A, D, X}:
            _work(world, pair, story, index)
    create_self_assessment(world, org, programme, users["district"], plan.survey_shift)


def _mentors(
    world: DemoWorld,
    plan: SchoolPlan,
    programme: Programme,
    form: ProgrammeFormat,
    users: dict[str, User],
    staff: list[tuple[Person, Any]],
) -> list[MentorEntry]:
    filler = BaseFiller(world, users)
    if plan.mentor_grades:
        seniors = world.consented_students(plan.slug, *plan.mentor_grades)[:4]
        return [filler.mentor(p, programme, form, audience=Audience.STUDENT, decided_by=None) for p in seniors]
    chosen = staff[:4]
    return [
        filler.mentor(
            person,
            programme,
            form,
            audience=Audience.STUDENT,
            decided_by=None,
            experience=membership.experience_years,
            subjects=membership.subjects,
            level=StatusLevel.GOLD if index == 0 else StatusLevel.INITIAL,
        )
        for index, (person, membership) in enumerate(chosen)
    ]


def _mentees(world: DemoWorld, plan: SchoolPlan, programme: Programme, form: ProgrammeFormat, count: int) -> list[Any]:
    """Pupils of the grades who have no request in another programme of the year yet."""
    busy = set(MenteeEntry.objects.filter(programme__academic_year=world.year).values_list("person_id", flat=True))
    pupils = [p for p in world.consented_students(plan.slug, *plan.mentee_grades) if p.pk not in busy]
    filler = BaseFiller(world, {})
    return [
        filler.mentee(person, programme, form, audience=Audience.STUDENT, created_by=None) for person in pupils[:count]
    ]


def _form_pair(mentor: MentorEntry, mentee: MenteeEntry, story: Story) -> Pair:
    pair = services.propose(mentor, [mentee], story.scheme, None)
    return pair if story.status == P else services.confirm(pair, None)


def _fix_by_order(world: DemoWorld, programme: Programme, pairs: list[Pair]) -> None:
    """One order fixes every pair that went past confirmation; they all start working on one day."""
    if not pairs:
        return
    order_on = _day(world, START_DAY - 4)
    for pair in pairs:
        Pair.objects.filter(pk=pair.pk).update(created_at=_moment(order_on, 9), confirmed_at=_moment(order_on, 10))
        PairTransition.objects.filter(pair=pair).update(at=_moment(order_on, 10))
    order = PairOrder.objects.create(
        programme=programme,
        number="12-од",
        order_date=order_on,
        period_from=order_on,
        period_to=programme.academic_year.ends_on,
        status=OrderStatus.DRAFT,
    )
    lifecycle.attach_to_order(order, pairs)
    lifecycle.register_order(order, None)
    PairOrder.objects.filter(pk=order.pk).update(created_at=_moment(order_on, 9), registered_at=_moment(order_on, 14))
    PairTransition.objects.filter(pair__in=pairs, to_status=F).update(at=_moment(order_on, 14))


def _work(world: DemoWorld, pair: Pair, story: Story, index: int) -> None:
    """Start the pair, log its weekly meetings with marks and a plan, then complete or dissolve it."""
    started_on = _day(world, START_DAY)
    lifecycle.activate(pair, None, started_on)
    PairTransition.objects.filter(pair=pair, to_status=A).update(at=_moment(started_on, 15))
    weeks = 8 if story.status == D else 4 if story.status == X else 20
    days = [started_on + datetime.timedelta(days=7 * week + index % 3) for week in range(weeks)]
    days = [day for day in days if day < world.today] or [started_on]
    member = pair.members.select_related("mentee__person").get()
    _log(world, pair, member, days, story)
    _plan(world, member, days, story)
    if story.status == D:
        _complete(pair, member, story, days[-1])
    elif story.status == X:
        reason = DISSOLVE_REASONS[index % len(DISSOLVE_REASONS)]
        lifecycle.dissolve(pair, reason, None)
        PairTransition.objects.filter(pair=pair, to_status=X).update(at=_moment(days[-1], 17))


def _kind(position: int, total: int, story: Story) -> str:
    if story.status == D and position == total - 1:
        return MeetingKind.FINAL
    opening = (MeetingKind.INTRO, MeetingKind.TRIAL, MeetingKind.PLANNING)
    return opening[position] if position < len(opening) else MeetingKind.REGULAR


def _log(world: DemoWorld, pair: Pair, member: PairMentee, days: list[datetime.date], story: Story) -> None:
    meetings = PairMeeting.objects.bulk_create(
        [
            PairMeeting(
                pair=pair,
                held_on=day,
                kind=_kind(position, len(days), story),
                topic="Итоги работы за период" if story.status == D and position == len(days) - 1
                else TOPICS[(position + pair.pk) % len(TOPICS)],
                duration_minutes=world.rng.choice((30, 40, 45)),
            )
            for position, day in enumerate(days)
        ]
    )  # fmt: skip
    # A working pair's latest meeting is not rated yet.
    rated = meetings[:-1] if story.status == A else meetings
    MeetingRating.objects.bulk_create(
        [
            MeetingRating(meeting=meeting, person=member.mentee.person, score=story.marks[position % len(story.marks)])
            for position, meeting in enumerate(rated)
        ]
    )


def _plan(world: DemoWorld, member: PairMentee, days: list[datetime.date], story: Story) -> None:
    plan = IndividualPlan.objects.create(member=member, goals=member.mentee.goal)
    done = story.status == D
    tasks = []
    for order, title in enumerate(TASKS, start=1):
        due_on = days[0] + datetime.timedelta(days=21 * order)
        status = TaskStatus.DONE if done or order == 1 else (TaskStatus.IN_PROGRESS if order == 2 else TaskStatus.TODO)
        tasks.append(
            PlanTask(
                plan=plan,
                title=title,
                due_on=due_on,
                status=status,
                order=order,
                done_on=min(due_on, world.today) if status == TaskStatus.DONE else None,
            )
        )
    PlanTask.objects.bulk_create(tasks)


def _complete(pair: Pair, member: PairMentee, story: Story, last_day: datetime.date) -> None:
    lifecycle.complete(pair, None, Decision.CONTINUE if (story.satisfaction or 0) >= 4 else Decision.STOP)
    note = "Запрос решён: оценки за четверть выросли, появилась уверенность на уроках."
    outcomes = [Outcome.REQUEST_MET.value, Outcome.GRADES_IMPROVED.value]
    result = completion.MenteeResult(member.pk, outcomes, note, story.satisfaction)
    completion.save_results(pair, [result])
    finished = _moment(last_day, 18)
    Pair.objects.filter(pk=pair.pk).update(completed_at=finished)
    PairTransition.objects.filter(pair=pair, to_status=D).update(at=finished)
    score = story.satisfaction or 4
    PairEvaluation.objects.bulk_create(
        [
            PairEvaluation(pair=pair, author=member.mentee.person, side="mentee", score=score),
            PairEvaluation(pair=pair, author=pair.mentor.person, side="mentor", score=min(5, score + 1)),
        ]
    )
