"""Nudges: pairs that need the curator's attention, and reminders to mentors.

The rules (one place, used by the curator's board, the director's summary and the reminders):

* **No meeting for N weeks** — a pair fixed by order or working (`LIVING`) whose last meeting
  held on or before today (or, with none, the day it started, else the day it was confirmed,
  else the day it was created) is at least `Programme.nudge_weeks` × 7 days ago. Exactly N
  weeks counts: with N = 3, a pair last met 21 days ago is flagged, 20 days ago is not.
  N = 0 switches the nudge off for the programme.
* **Overdue plan task** — a task «не начата» or «в работе» whose deadline is before today,
  in the plan of a mentee of a living pair.
* **Satisfaction dropped** — taken per mentee of a living pair, over that mentee's own meeting
  ratings in the order the meetings were held: the latest rating is 2 or lower, or there are
  at least three ratings and the mean of the latest two is lower than the mean of all the
  earlier ones by one point or more (5, 5, 4, 4: 4 ≤ 5 − 1, dropped; 5, 5, 5, 4: 4,5 > 4, not).
  Compared in integers, so no rounding decides a boundary.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, DateField, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse

from nastavnik.common.text import plural_ru
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes import reminders as roadmap_reminders
from nastavnik.programmes.models import ItemStatus, RoadmapItem
from nastavnik.programmes.reminders import Summary
from nastavnik.reminders.sending import Reminder, send_once

# Pairs whose meetings are expected: fixed by the director's order or already working.
LIVING = (PairStatus.FIXED, PairStatus.ACTIVE)
OPEN_TASK = (TaskStatus.TODO, TaskStatus.IN_PROGRESS)
OPEN_ITEM = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
# A rating this low is a signal on its own.
LOW_RATING = 2


# -- no meeting for N weeks -------------------------------------------------------------


def with_quiet_since(pairs: QuerySet[Pair], today: datetime.date) -> QuerySet[Pair]:
    """Annotate `last_met` (the last meeting held by today) and `quiet_since` (what the silence counts from)."""
    last = (
        PairMeeting.objects.filter(pair=OuterRef("pk"), held_on__lte=today)
        .order_by("-held_on", "-id")
        .values("held_on")[:1]
    )
    return pairs.annotate(
        last_met=Subquery(last, output_field=DateField()),
        quiet_since=Coalesce(
            Subquery(last, output_field=DateField()),
            F("started_on"),
            TruncDate("confirmed_at"),
            TruncDate("created_at"),
            output_field=DateField(),
        ),
    )


def quiet_pairs(pairs: QuerySet[Pair], today: datetime.date) -> QuerySet[Pair]:
    """Living pairs of `pairs` with no meeting for their programme's `nudge_weeks` weeks (or longer)."""
    living = with_quiet_since(pairs.filter(status__in=LIVING), today)
    # 0 weeks switches the nudge off for a programme.
    weeks = set(living.order_by().values_list("programme__nudge_weeks", flat=True).distinct()) - {0}
    if not weeks:
        return living.none()
    limits = [Q(programme__nudge_weeks=n, quiet_since__lte=today - datetime.timedelta(weeks=n)) for n in sorted(weeks)]
    return living.filter(reduce(or_, limits))


def quiet_weeks(pair: Pair, today: datetime.date) -> int:
    """Whole weeks without a meeting for a pair annotated by `with_quiet_since`."""
    since: datetime.date | None = getattr(pair, "quiet_since", None)
    return (today - since).days // 7 if since else 0


# -- overdue plan tasks -----------------------------------------------------------------


def overdue_task_q(today: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": OPEN_TASK, f"{prefix}due_on__lt": today})


def overdue_tasks(pairs: QuerySet[Pair], today: datetime.date) -> QuerySet[PlanTask]:
    """Overdue tasks in the plans of the mentees of the living pairs of `pairs`."""
    return PlanTask.objects.filter(overdue_task_q(today), plan__member__pair__in=pairs.filter(status__in=LIVING))


def plans_with_overdue(pairs: QuerySet[Pair], today: datetime.date) -> QuerySet[IndividualPlan]:
    """Plans with at least one overdue task, annotated with `overdue` (how many) and `oldest_due`."""
    overdue = overdue_task_q(today, "tasks__")
    return (
        IndividualPlan.objects.filter(member__pair__in=pairs.filter(status__in=LIVING))
        .annotate(overdue=Count("tasks", filter=overdue), oldest_due=Min("tasks__due_on", filter=overdue))
        .filter(overdue__gt=0)
    )


# -- satisfaction -----------------------------------------------------------------------


def satisfaction_drop(scores: Sequence[int]) -> str | None:
    """Why one mentee's ratings (oldest first) show a drop, in Russian; None when they don't."""
    if not scores:
        return None
    if scores[-1] <= LOW_RATING:
        return f"последняя оценка встречи — {scores[-1]}"
    if len(scores) < 3:
        return None
    earlier, latest = scores[:-2], scores[-2:]
    # mean(latest) <= mean(earlier) - 1, multiplied out: n·Σlatest <= 2·Σearlier - 2n.
    n = len(earlier)
    if n * sum(latest) <= 2 * sum(earlier) - 2 * n:
        return f"средняя двух последних оценок {_mean(latest)}, до них — {_mean(earlier)}"
    return None


def _mean(values: Sequence[int]) -> str:
    return f"{sum(values) / len(values):.1f}".replace(".", ",")


@dataclass(frozen=True)
class Drop:
    pair_id: int
    person_id: int
    reason: str
    last_score: int
    last_on: datetime.date


def satisfaction_drops(pairs: QuerySet[Pair]) -> list[Drop]:
    """Mentees of living pairs whose satisfaction dropped, latest rated meeting first (one query)."""
    rows = (
        MeetingRating.objects.filter(meeting__pair__in=pairs.filter(status__in=LIVING))
        .order_by("meeting__pair_id", "person_id", "meeting__held_on", "meeting_id", "id")
        .values_list("meeting__pair_id", "person_id", "score", "meeting__held_on")
    )
    series: dict[tuple[int, int], list[tuple[int, datetime.date]]] = {}
    for pair_id, person_id, score, held_on in rows:
        series.setdefault((pair_id, person_id), []).append((score, held_on))
    drops = []
    for (pair_id, person_id), marks in series.items():
        reason = satisfaction_drop([score for score, _ in marks])
        if reason:
            drops.append(Drop(pair_id, person_id, reason, marks[-1][0], marks[-1][1]))
    drops.sort(key=lambda d: (d.last_on, d.pair_id, d.person_id), reverse=True)
    return drops


# -- roadmap ----------------------------------------------------------------------------


def overdue_items(programmes: Iterable[int], today: datetime.date) -> QuerySet[RoadmapItem]:
    return RoadmapItem.objects.filter(programme__in=programmes, status__in=OPEN_ITEM, due_on__lt=today)


# -- reminders to mentors ---------------------------------------------------------------


def _site(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _mentees_text(pair: Pair) -> str:
    """«наставляемый: Быков И. А.» or «группа: …» — no declension of names needed."""
    names = ", ".join(m.mentee.person.short_name for m in pair.members.all())
    return f"группа: {names}" if pair.is_group or "," in names else f"наставляемый: {names or '—'}"


def _recipient(person: Person) -> str:
    """The person's e-mail, else the e-mail of their login."""
    return person.email or (person.user.email if person.user is not None else "")


def _greeting(person: Person) -> str:
    return f"Здравствуйте, {' '.join(p for p in (person.first_name, person.middle_name) if p)}!"


def mentor_reminders(today: datetime.date) -> list[Reminder]:
    """Reminders to mentors: a quiet pair (one per pair and ISO week) and each overdue plan task (one per due date).

    Keys are stable: calling twice on the same day (or in the same week for a quiet pair) gives
    the same keys, so `send_once` never sends one twice.
    """
    reminders: list[Reminder] = []
    living = Pair.objects.filter(status__in=LIVING)
    iso_year, iso_week, _ = today.isocalendar()
    quiet = (
        quiet_pairs(living, today)
        .select_related("mentor__person__user", "programme")
        .prefetch_related("members__mentee__person")
        .order_by("id")
    )
    for pair in quiet:
        recipient = _recipient(pair.mentor.person)
        if not recipient:
            continue
        weeks = quiet_weeks(pair, today)
        weeks_text = f"{weeks} {plural_ru(weeks, 'неделю', 'недели', 'недель')}"
        last_met: datetime.date | None = getattr(pair, "last_met", None)
        last = f"последняя встреча — {last_met:%d.%m.%Y}" if last_met else "встреч в дневнике ещё нет"
        subject = f"Наставник: нет встреч уже {weeks_text} ({_mentees_text(pair)})"
        body = "\n".join(
            [
                _greeting(pair.mentor.person),
                "",
                f"В программе «{pair.programme.title}» в вашей паре ({_mentees_text(pair)})"
                f" нет встреч уже {weeks_text}: {last}.",
                "Договоритесь о встрече и запишите её в дневник наставника:",
                _site(reverse("pairs:meeting_add", args=[pair.pk])),
                "",
                "Все ваши пары: " + _site(reverse("pairs:my_mentees")),
            ]
        )
        reminders.append(Reminder(f"nudge:no-meeting:{pair.pk}:{iso_year}-W{iso_week:02d}", recipient, subject, body))
    tasks = (
        overdue_tasks(living, today)
        .select_related(
            "plan__member__mentee__person", "plan__member__pair__mentor__person__user", "plan__member__pair__programme"
        )
        .order_by("due_on", "id")
    )
    for task in tasks:
        member = task.plan.member
        mentor = member.pair.mentor.person
        recipient = _recipient(mentor)
        if not recipient or task.due_on is None:
            continue
        mentee = member.mentee.person.short_name
        subject = f"Наставник: просрочена задача плана ({mentee})"
        body = "\n".join(
            [
                _greeting(mentor),
                "",
                f"В индивидуальном плане наставляемого {mentee} (программа «{member.pair.programme.title}»)",
                f"задача «{task.title}» должна была быть выполнена до {task.due_on:%d.%m.%Y}"
                f" (статус: {task.get_status_display().lower()}).",
                "Обсудите её на встрече, отметьте результат или перенесите срок:",
                _site(reverse("pairs:plan", args=[member.pk])),
            ]
        )
        reminders.append(Reminder(f"nudge:plan-task:{task.pk}:due:{task.due_on.isoformat()}", recipient, subject, body))
    return reminders


def send_all(today: datetime.date, days: int) -> Summary:
    """Command `send-reminders`: the roadmap letters, then the mentors' nudges, each reminder once."""
    summary = Summary()
    roadmap_reminders.send_roadmap(today, days, summary)
    for reminder in mentor_reminders(today):
        if send_once(reminder.key, reminder.recipient, reminder.subject, reminder.body):
            summary.mentor_letters += 1
    return summary
