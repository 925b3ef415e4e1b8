"""Demo meeting logs (дневник наставника), the mentees' ratings and the individual plans.

Working pairs of this year get a log from the day they started: the meeting types of source 003
in order (знакомство → пробная → планирование → встречи из серии, weekly), topics that follow the
mentee's request, most meetings rated by the mentee (the latest one not yet), the plan drawn up on
the planning meeting attached to it, and an individual plan with tasks — some done, and in the
first pair one task past its deadline. The pairs completed last year get a whole year's log with
the final meeting and a finished plan.

Deterministic: one number is drawn from the world's generator and seeds a local one, so changes
here do not shift the data of later steps. Files are stored under a name derived from their
content and written only when missing, so repeated builds do not pile up copies.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from nastavnik.demo.builder import DemoWorld
from nastavnik.diary.models import (
    IndividualPlan,
    MeetingAttachment,
    MeetingFormat,
    MeetingRating,
    PairMeeting,
    PlanTask,
    TaskStatus,
)
from nastavnik.pairs.models import MeetingKind, Pair, PairMentee, PairStatus


@dataclass(frozen=True)
class Theme:
    trial: str
    regular: tuple[str, ...]
    tasks: tuple[str, ...]


THEMES: dict[str, Theme] = {
    "informatics": Theme(
        "Пробная встреча: решаем задачу школьного этапа олимпиады",
        (
            "Разбор задач школьного этапа олимпиады по информатике",
            "Сортировки и двоичный поиск: решаем задачи",
            "Динамическое программирование: первые задачи",
            "Пробный тур: четыре задачи за три часа",
            "Разбор ошибок пробного тура",
            "Графы: обход в ширину и в глубину",
            "Стратегия на туре муниципального этапа",
        ),
        (
            "Пройти модули 1–3 курса «Алгоритмы» на платформе",
            "Решить задачи школьного этапа прошлых лет",
            "Написать пробный тур и разобрать ошибки",
            "Решить 20 задач на динамическое программирование",
            "Участвовать в муниципальном этапе олимпиады",
        ),
    ),
    "chess": Theme(
        "Пробная встреча: партия с наставником и разбор",
        (
            "Дебюты: итальянская партия",
            "Тактика: вилки и связки",
            "Эндшпиль: король и пешка",
            "Разбор сыгранных партий",
            "Подготовка к школьному турниру",
        ),
        (
            "Решить 30 тактических задач",
            "Выучить два дебюта за белых",
            "Сыграть 10 партий с записью ходов",
            "Сыграть в школьном турнире",
        ),
    ),
    "art": Theme(
        "Пробная встреча: наброски с натуры",
        (
            "Выбор темы работы для выставки",
            "Композиция и эскизы",
            "Работа с цветом: акварель",
            "Доработка выставочной работы",
            "Оформление работы и подпись к ней",
        ),
        (
            "Сделать три эскиза на выбранную тему",
            "Выполнить работу в цвете",
            "Оформить работу в паспарту",
            "Подать заявку на районную выставку",
        ),
    ),
    "maths": Theme(
        "Пробная встреча: что получается в математике, а что нет",
        (
            "Дроби: сложение и вычитание",
            "Решаем текстовые задачи вместе",
            "Разбор домашнего задания по математике",
            "Подготовка к контрольной работе",
            "Работа над ошибками контрольной",
            "Повторение трудных тем четверти",
        ),
        (
            "Повторить правила действий с дробями",
            "Решать по пять задач из тренажёра каждую неделю",
            "Написать контрольную по дробям без двоек",
            "Исправить оценку за четверть на «4»",
        ),
    ),
    "reading": Theme(
        "Пробная встреча: читаем вслух короткий рассказ",
        (
            "Чтение вслух и пересказ",
            "Как понять, о чём текст: вопросы к тексту",
            "Читаем по ролям",
            "Книга на выбор: обсуждаем прочитанное",
        ),
        (
            "Читать по 20 минут каждый день",
            "Прочитать одну книгу по выбору",
            "Пересказать рассказ классу",
        ),
    ),
    "russian": Theme(
        "Пробная встреча: пробный вариант ОГЭ, задание 1",
        (
            "Сжатое изложение: приёмы сжатия текста",
            "Сочинение-рассуждение: структура",
            "Орфография: трудные случаи",
            "Пунктуация в сложном предложении",
            "Разбор пробного экзамена",
        ),
        (
            "Написать три изложения по демоверсии",
            "Выучить правила пунктуации в сложном предложении",
            "Написать пробный экзамен на «4»",
            "Разобрать ошибки пробного экзамена",
        ),
    ),
    "conflict": Theme(
        "Пробная встреча: игра на сотрудничество",
        (
            "Что такое конфликт и почему он возникает",
            "Учимся говорить «я-сообщениями»",
            "Разбор ситуации на перемене",
            "Как договориться, когда мнения разные",
            "Как помириться после ссоры",
        ),
        (
            "Вести дневник трудных ситуаций",
            "Попробовать «я-сообщение» в споре",
            "Провести игру на сотрудничество с классом",
            "Неделя без ссор в классе",
        ),
    ),
    "communication": Theme(
        "Пробная встреча: игра «Расскажи о себе»",
        (
            "Как начать разговор с одноклассником",
            "Готовим короткое выступление",
            "Работа в команде: общий проект",
            "Что делать, если стесняюсь",
            "Репетиция выступления перед группой",
        ),
        (
            "Познакомиться с тремя ребятами из класса",
            "Выступить с коротким сообщением в группе",
            "Участвовать в общем деле класса",
            "Выступить с докладом на уроке",
        ),
    ),
    "motivation": Theme(
        "Пробная встреча: что мне интересно",
        (
            "Планировщик недели: когда делать уроки",
            "Большая задача по шагам",
            "Кружки и секции школы: выбираем",
            "Что получилось за месяц",
        ),
        (
            "Завести планировщик домашних заданий",
            "Две недели сдавать домашние задания вовремя",
            "Выбрать кружок и сходить на занятие",
            "Ходить в кружок месяц",
        ),
    ),
    "career": Theme(
        "Пробная встреча: тест интересов и обсуждение",
        (
            "Какие профессии есть в нашем городе",
            "Профили 10 класса: что выбрать",
            "Экскурсия на предприятие-партнёр",
            "Профессиональная проба: подготовка",
            "Вузы и предметы ЕГЭ",
        ),
        (
            "Пройти тест профессиональных интересов",
            "Побывать на экскурсии на предприятии",
            "Пройти профессиональную пробу",
            "Составить план подготовки к выбранному профилю",
        ),
    ),
    "adaptation": Theme(
        "Пробная встреча: экскурсия по школе",
        (
            "Правила школы и распорядок дня",
            "Игры на переменах: знакомимся с ребятами",
            "Собираем портфель вместе",
            "Как попросить помощи у учителя",
            "Мой класс: рисуем карту друзей",
        ),
        (
            "Знать, где столовая, библиотека и медпункт",
            "Собирать портфель по расписанию сам(а)",
            "Познакомиться с ребятами из класса",
            "Рассказать наставнику о своём дне в школе",
        ),
    ),
    "teacher": Theme(
        "Пробная встреча: посещение урока наставника",
        (
            "Технологическая карта урока по ФГОС",
            "Разбор посещённого урока молодого специалиста",
            "Оценивание: критерии и обратная связь",
            "Подготовка к родительскому собранию",
            "Дисциплина на уроке: приёмы",
            "Открытый урок: подготовка",
        ),
        (
            "Посетить пять уроков наставника",
            "Составить технологические карты уроков на четверть",
            "Провести родительское собрание",
            "Провести открытый урок",
        ),
    ),
    "general": Theme(
        "Пробная встреча: пробуем работать вместе",
        (
            "Обсуждение результатов недели",
            "Работа над задачами плана",
            "Разбор трудностей и поиск решений",
            "Промежуточные итоги",
        ),
        (
            "Уточнить цель и результат вместе с наставником",
            "Выполнить первые шаги плана",
            "Подвести промежуточные итоги",
        ),
    ),
}

# The request's goal decides the theme: the first matching keyword wins.
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("информатик", "informatics"),
    ("шахмат", "chess"),
    ("выставк", "art"),
    ("рисун", "art"),
    ("математик", "maths"),
    ("дроб", "maths"),
    ("читать", "reading"),
    ("русскому", "russian"),
    ("спор", "conflict"),
    ("сдерживаться", "conflict"),
    ("друз", "communication"),
    ("выступать", "communication"),
    ("откладывать", "motivation"),
    ("зачем мне учиться", "motivation"),
    ("професси", "career"),
    ("профиль", "career"),
    ("инженер", "career"),
    ("привыкнуть", "adaptation"),
    ("освоиться в первом", "adaptation"),
    ("урок", "teacher"),
    ("журнал", "teacher"),
    ("родительск", "teacher"),
    ("дисциплин", "teacher"),
)

INTRO_TOPIC = "Знакомство: интересы, ожидания, правила общения"
FINAL_TOPIC = "Итоговая встреча: что получилось, что дальше"
NOTES = (
    "Договорились о времени встреч и способе связи.",
    "Наставляемый(ая) активно участвовал(а), задавал(а) вопросы.",
    "К следующей встрече: выполнить задание из плана.",
    "Обсудили, что получилось за неделю и что было трудно.",
    "Наставник показал приём, попробовали вместе.",
    "",
)
COMMENTS = {
    5: ("Было очень интересно!", "Всё понятно, спасибо", "Хочу ещё так заниматься", ""),
    4: ("Полезно, но немного долго", "Хорошо, было понятно", ""),
    3: ("Было трудновато", "Хотелось бы больше примеров", ""),
}
DURATIONS = (40, 45, 45, 45, 60, 60, 90)
PLAN_OFFSETS = (7, 14, 35, 63, 100, 140)


def theme_for(goal: str) -> Theme:
    text = goal.casefold()
    for word, key in KEYWORDS:
        if word in text:
            return THEMES[key]
    return THEMES["general"]


def _confirmed_on(pair: Pair) -> datetime.date | None:
    return timezone.localdate(pair.confirmed_at) if pair.confirmed_at else None


def _schedule(rng: random.Random, first: datetime.date, last: datetime.date, step: int) -> list[datetime.date]:
    """Meeting days from `first` to `last`, about every `step` days, never on Sunday."""
    days: list[datetime.date] = []
    day = first
    while day <= last:
        held = day if day.weekday() != 6 else day - datetime.timedelta(days=1)
        if not days or held > days[-1]:
            days.append(min(held, last))
        day += datetime.timedelta(days=step + rng.choice((-1, 0, 0, 1)))
    return days


def _kinds(count: int, final: bool) -> list[str]:
    opening: list[str] = [MeetingKind.INTRO, MeetingKind.TRIAL, MeetingKind.PLANNING]
    kinds = opening[:count]
    kinds += [str(MeetingKind.REGULAR)] * (count - len(kinds))
    if final and count >= 4:
        kinds[-1] = MeetingKind.FINAL
    return kinds


def _topic(kind: str, theme: Theme, goal: str, index: int) -> str:
    if kind == MeetingKind.INTRO:
        return INTRO_TOPIC
    if kind == MeetingKind.TRIAL:
        return theme.trial
    if kind == MeetingKind.PLANNING:
        return f"Составляем план по запросу: «{goal.strip().rstrip('.')}»"[:300]
    if kind == MeetingKind.FINAL:
        return FINAL_TOPIC
    return theme.regular[index % len(theme.regular)]


def _format(rng: random.Random, member: PairMentee | None) -> str:
    preferred = member.mentee.preferred_format if member else "offline"
    if preferred == "online":
        return MeetingFormat.ONLINE if rng.random() < 0.8 else MeetingFormat.OFFLINE
    if preferred == "mixed":
        return rng.choice((MeetingFormat.ONLINE, MeetingFormat.OFFLINE))
    return MeetingFormat.OFFLINE


def _score(rng: random.Random) -> int:
    return rng.choices((5, 4, 3), weights=(6, 3, 1))[0]


def _attach_plan(meeting: PairMeeting, theme: Theme, member: PairMentee, user: Any) -> None:
    lines = [
        f"План работы: {member.mentee.person.short_name}",
        f"Цель: {member.mentee.goal}",
        "",
        *(f"{n}. {title}" for n, title in enumerate(theme.tasks, start=1)),
    ]
    content = ("\n".join(lines) + "\n").encode("utf-8")
    name = f"meetings/demo/{hashlib.sha256(content).hexdigest()[:16]}.txt"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    MeetingAttachment.objects.create(
        meeting=meeting, file=name, name="План работы.txt", size=len(content), uploaded_by=user
    )


def _log(
    rng: random.Random,
    pair: Pair,
    days: list[datetime.date],
    *,
    final: bool,
    leave_last_unrated: bool,
    user: Any,
) -> list[PairMeeting]:
    members = list(pair.members.select_related("mentee__person").order_by("id"))
    lead = members[0] if members else None
    goal = lead.mentee.goal if lead else ""
    theme = theme_for(goal)
    created: list[PairMeeting] = []
    regular = 0
    for day, kind in zip(days, _kinds(len(days), final), strict=True):
        meeting = PairMeeting.objects.create(
            pair=pair,
            held_on=day,
            kind=kind,
            topic=_topic(kind, theme, goal, regular),
            duration_minutes=60 if kind in {MeetingKind.PLANNING, MeetingKind.FINAL} else rng.choice(DURATIONS),
            format=_format(rng, lead),
            notes=rng.choice(NOTES),
            created_by=user,
        )
        regular += kind == MeetingKind.REGULAR
        created.append(meeting)
        if kind == MeetingKind.PLANNING and lead is not None:
            _attach_plan(meeting, theme, lead, user)
    rated = created[:-1] if leave_last_unrated else created
    for meeting in rated:
        for member in members:
            if rng.random() < 0.85:
                score = _score(rng)
                MeetingRating.objects.create(
                    meeting=meeting, person=member.mentee.person, score=score, comment=rng.choice(COMMENTS[score])
                )
    return created


def _plan(
    rng: random.Random,
    member: PairMentee,
    start: datetime.date,
    today: datetime.date,
    *,
    overdue: bool,
    finished: bool,
) -> None:
    if IndividualPlan.objects.filter(member=member).exists():
        return
    from nastavnik.diary.log import goals_from_request

    theme = theme_for(member.mentee.goal)
    plan = IndividualPlan.objects.create(member=member, goals=goals_from_request(member))
    late_left = overdue
    future_started = False
    past = [start + datetime.timedelta(days=d) < today for d in PLAN_OFFSETS[: len(theme.tasks)]]
    last_past = max((i for i, p in enumerate(past) if p), default=-1)
    for order, (title, offset) in enumerate(zip(theme.tasks, PLAN_OFFSETS, strict=False), start=1):
        due_on = start + datetime.timedelta(days=offset)
        status, done_on, result = TaskStatus.TODO, None, ""
        if finished or due_on < today:
            status, done_on = TaskStatus.DONE, due_on - datetime.timedelta(days=rng.randint(0, 3))
            result = "Выполнено" if rng.random() < 0.5 else ""
            if late_left and order - 1 == last_past:
                status, done_on, result, late_left = TaskStatus.IN_PROGRESS, None, "", False
        elif not future_started:
            status, future_started = TaskStatus.IN_PROGRESS, True
        PlanTask.objects.create(
            plan=plan, title=title, due_on=due_on, status=status, done_on=done_on, result=result, order=order
        )
    if finished:
        plan.results = f"Все задачи плана выполнены. {member.mentee.desired_result or ''}".strip()
        plan.save(update_fields=["results"])


def _this_year(rng: random.Random, world: DemoWorld, users: dict[str, Any]) -> None:
    pairs = Pair.objects.filter(programme__academic_year=world.year, status=PairStatus.ACTIVE).order_by("id")
    for index, pair in enumerate(pairs):
        confirmed = _confirmed_on(pair)
        start = pair.started_on or (confirmed + datetime.timedelta(days=3) if confirmed else None)
        start = min(start or world.today - datetime.timedelta(days=28), world.today)
        if confirmed is not None:
            start = max(start, confirmed)
        last = max(world.today - datetime.timedelta(days=2), start)
        days = _schedule(rng, start, last, 7)
        mentor_user = pair.mentor.person.user
        _log(rng, pair, days, final=False, leave_last_unrated=True, user=mentor_user or users.get("curator"))
        if pair.started_on is None:
            Pair.objects.filter(pk=pair.pk).update(started_on=days[0])
        for member in pair.members.select_related("mentee__person").order_by("id"):
            _plan(rng, member, start, world.today, overdue=index == 0, finished=False)


def _last_year(rng: random.Random, world: DemoWorld, users: dict[str, Any]) -> None:
    year = world.previous_year
    first = max(year.starts_on + datetime.timedelta(days=30), datetime.date(year.start_year, 10, 1))
    end = min(datetime.date(year.start_year + 1, 5, 20), world.today - datetime.timedelta(days=1))
    pairs = Pair.objects.filter(programme__academic_year=year, status=PairStatus.COMPLETED).order_by("id")
    for pair in pairs:
        if pair.meetings.exists():
            continue
        start = first + datetime.timedelta(days=rng.randint(0, 6))
        days = _schedule(rng, start, end - datetime.timedelta(days=rng.randint(0, 6)), 14)
        if len(days) < 4:
            continue
        updates: dict[str, Any] = {}
        if pair.confirmed_at is None:
            updates["confirmed_at"] = timezone.make_aware(
                datetime.datetime.combine(start - datetime.timedelta(days=10), datetime.time(11))
            )
        if pair.started_on is None:
            updates["started_on"] = start
        if pair.completed_at is None:
            updates["completed_at"] = timezone.make_aware(datetime.datetime.combine(days[-1], datetime.time(16)))
        if updates:
            Pair.objects.filter(pk=pair.pk).update(**updates)
        mentor_user = pair.mentor.person.user
        _log(rng, pair, days, final=True, leave_last_unrated=False, user=mentor_user or users.get("curator"))
        for member in pair.members.select_related("mentee__person").order_by("id"):
            _plan(rng, member, start, world.today, overdue=False, finished=True)


def create_diaries(world: DemoWorld, users: dict[str, Any]) -> None:
    rng = random.Random(world.rng.getrandbits(32))
    _this_year(rng, world, users)
    _last_year(rng, world, users)
