"""The meeting log (дневник наставника), the mentees' ratings and the individual plan (ИОМ).

Rules decided here, used by the views, the demo and the other features:

* Entries are written by the pair's mentor and by the curator, working group or director of
  the programme's organisation, only while the pair is fixed by order or active. The first
  meeting logged for a fixed pair starts its work: the pair becomes active (through
  ``lifecycle.activate``) with the date of that meeting as its start.
* A meeting cannot be later than today nor earlier than the day the pair was confirmed; it lasts
  5–600 minutes; a pair has at most one final meeting («Итоговая встреча»).
* The notes are visible to everyone who sees the log: the mentor, the pair's mentees and the staff
  who read the pair. The form says so, so a mentor does not write anything private there.
* A meeting is rated (1–5 and a comment) only by a mentee of the pair from their own account, while
  they are in the pair (or after it completed); one rating per person and meeting, which they may
  change. Mentors and staff never rate.
* The plan of a mentee is created on first open with goals taken from the request. The mentor and
  the staff edit it; the mentee sees it and may move their own tasks to «В работе» or «Выполнена».
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePath
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from nastavnik.access.rules import access_for
from nastavnik.common.text import plural_ru
from nastavnik.common.uploads import extension_of, validate_upload
from nastavnik.diary.models import IndividualPlan, MeetingAttachment, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.pairs import lifecycle
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import MeetingKind, Pair, PairMentee, PairStatus

__all__ = [
    "LOG_STATUSES",
    "MeetingStats",
    "PairError",
    "can_log",
    "ensure_plan",
    "meeting_stats",
    "meeting_stats_for",
    "overdue_tasks",
]

# A log is written while the pair works; before the order and after the end it is read-only.
LOG_STATUSES = frozenset({PairStatus.FIXED, PairStatus.ACTIVE})
MIN_MINUTES, MAX_MINUTES = 5, 600
# Statuses a mentee may put on their own task.
MENTEE_TASK_STATUSES = (TaskStatus.IN_PROGRESS, TaskStatus.DONE)
OPEN_TASK_STATUSES = (TaskStatus.TODO, TaskStatus.IN_PROGRESS)

User = AbstractBaseUser | AnonymousUser


# -- who may do what ----------------------------------------------------------------------


def is_mentor(user: User, pair: Pair) -> bool:
    person_id = access_for(user).person_id
    return person_id is not None and pair.mentor.person_id == person_id


def members_of(pair: Pair) -> list[PairMentee]:
    """The pair's members with their people: the prefetched ones when the caller prefetched them."""
    cache = getattr(pair, "_prefetched_objects_cache", {})
    if "members" in cache:
        return list(cache["members"])
    return list(pair.members.select_related("mentee__person").order_by("id"))


def mentee_member(user: User, pair: Pair) -> PairMentee | None:
    """The user's own membership in the pair, if the user is one of its mentees."""
    person_id = access_for(user).person_id
    if person_id is None:
        return None
    cache = getattr(pair, "_prefetched_objects_cache", {})
    if "members" not in cache:
        return pair.members.select_related("mentee__person").filter(mentee__person_id=person_id).first()
    return next((m for m in cache["members"] if m.mentee.person_id == person_id), None)


def is_staff_of(user: User, pair: Pair) -> bool:
    return access_for(user).can_manage_org(pair.programme.organisation)


def can_log(user: User, pair: Pair) -> bool:
    """Writes the log and edits the plans: the pair's mentor or the organisation's staff."""
    return is_staff_of(user, pair) or is_mentor(user, pair)


def _author(user: User | None) -> Any:
    """The user to record as the author, or None for a system action."""
    return user if user is not None and user.is_authenticated else None


def log_refusal(pair: Pair) -> str:
    """Why the log of this pair cannot be changed now; empty when it can."""
    if pair.status in LOG_STATUSES:
        return ""
    if pair.status in {PairStatus.PROPOSED, PairStatus.CONFIRMED}:
        return (
            f"Пара в статусе «{pair.get_status_display()}»: встречи записываются после закрепления пары "
            "приказом директора."
        )
    return f"Пара в статусе «{pair.get_status_display()}»: дневник закрыт, изменить его нельзя."


def check_log_open(pair: Pair) -> None:
    refusal = log_refusal(pair)
    if refusal:
        raise PairError(refusal)


def can_rate(user: User, meeting: PairMeeting) -> bool:
    member = mentee_member(user, meeting.pair)
    return member is not None and (member.is_current or meeting.pair.status == PairStatus.COMPLETED)


def rating_refusal(user: User, meeting: PairMeeting) -> str:
    if can_rate(user, meeting):
        return ""
    if is_mentor(user, meeting.pair):
        return "Встречу оценивает наставляемый; наставник оценить свою встречу не может."
    if mentee_member(user, meeting.pair) is not None:
        return "Вы больше не участник этой пары — оценить встречу нельзя."
    return "Встречу оценивает сам наставляемый из своей учётной записи."


# -- the log ------------------------------------------------------------------------------


def confirmed_on(pair: Pair) -> datetime.date | None:
    return timezone.localdate(pair.confirmed_at) if pair.confirmed_at else None


def date_error(pair: Pair, held_on: datetime.date, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    if held_on > today:
        return f"Встреча не может быть позже сегодняшнего дня ({today:%d.%m.%Y})."
    start = confirmed_on(pair)
    if start is not None and held_on < start:
        return f"Пара подтверждена {start:%d.%m.%Y} — встреча не может быть раньше этой даты."
    return ""


def final_meeting_exists(pair: Pair, exclude: PairMeeting | None = None) -> bool:
    qs = pair.meetings.filter(kind=MeetingKind.FINAL)
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


MEETING_FIELDS = ("held_on", "kind", "topic", "duration_minutes", "format", "notes")


@transaction.atomic
def save_meeting(
    pair: Pair,
    data: dict[str, Any],
    files: Sequence[Any],
    user: User,
    meeting: PairMeeting | None = None,
) -> PairMeeting:
    """Create or change a log entry with its new attachments; a fixed pair becomes active.

    The form has already checked the fields; the rules are checked again here so that
    no other caller can break them.
    """
    pair = Pair.objects.select_for_update().get(pk=pair.pk)
    check_log_open(pair)
    error = date_error(pair, data["held_on"])
    if error:
        raise PairError(error)
    if not MIN_MINUTES <= int(data["duration_minutes"]) <= MAX_MINUTES:
        raise PairError(f"Длительность встречи — от {MIN_MINUTES} до {MAX_MINUTES} минут.")
    if data["kind"] == MeetingKind.FINAL and final_meeting_exists(pair, exclude=meeting):
        raise PairError("Итоговая встреча у пары уже записана — вторая не нужна.")
    author = _author(user)
    if meeting is None:
        meeting = PairMeeting(pair=pair, created_by=author)
    for name in MEETING_FIELDS:
        setattr(meeting, name, data[name])
    meeting.save()
    for upload in files:
        add_attachment(meeting, upload, user)
    if pair.status == PairStatus.FIXED:
        first = pair.meetings.order_by("held_on").values_list("held_on", flat=True).first()
        lifecycle.activate(pair, user, started_on=first)
    return meeting


def add_attachment(meeting: PairMeeting, upload: Any, user: User) -> MeetingAttachment:
    validate_upload(upload)
    # The file is stored under a random name: the original one (often a child's name) stays
    # in the database and is given back only by the download view.
    original = PurePath(str(getattr(upload, "name", "") or "файл")).name
    name = original if len(original) <= 200 else original[:150] + "…" + original[-40:]
    attachment = MeetingAttachment(
        meeting=meeting,
        name=name,
        size=int(getattr(upload, "size", 0) or 0),
        uploaded_by=_author(user),
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{extension_of(original)}", upload, save=False)
    attachment.save()
    return attachment


def delete_attachment(attachment: MeetingAttachment) -> None:
    check_log_open(attachment.meeting.pair)
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


@transaction.atomic
def delete_meeting(meeting: PairMeeting) -> None:
    check_log_open(meeting.pair)
    files = [(a.file.storage, a.file.name) for a in meeting.attachments.all() if a.file.name]
    meeting.delete()
    for storage, name in files:
        transaction.on_commit(partial(storage.delete, name))


# -- ratings ------------------------------------------------------------------------------


def rate(meeting: PairMeeting, user: User, score: int, comment: str = "") -> MeetingRating:
    """The mentee's rating of a meeting: a second call changes the first one."""
    if not can_rate(user, meeting):
        raise PairError(rating_refusal(user, meeting))
    if not 1 <= int(score) <= 5:
        raise PairError("Оценка — от 1 до 5.")
    person_id = access_for(user).person_id
    rating, _ = MeetingRating.objects.update_or_create(
        meeting=meeting, person_id=person_id, defaults={"score": int(score), "comment": comment.strip()}
    )
    return rating


# -- figures for the pair page, the boards and the nudges -----------------------------------


@dataclass
class MeetingStats:
    count: int = 0
    minutes: int = 0
    last_held_on: datetime.date | None = None
    average_rating: float | None = None
    ratings_count: int = 0
    # Scores of the two latest rated meetings' ratings, newest first.
    last_ratings: list[int] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    @property
    def hours_text(self) -> str:
        """«12,5 ч»; whole numbers without a fraction."""
        hours = self.hours
        text = f"{hours:.0f}" if hours == int(hours) else f"{hours:.1f}".replace(".", ",")
        return f"{text} ч"

    @property
    def count_text(self) -> str:
        return f"{self.count} {plural_ru(self.count, 'встреча', 'встречи', 'встреч')}"

    @property
    def average_text(self) -> str:
        return "—" if self.average_rating is None else f"{self.average_rating:.1f}".replace(".", ",")

    @property
    def rating_dropped(self) -> bool:
        """The latest rating is lower than the one before it."""
        return len(self.last_ratings) == 2 and self.last_ratings[0] < self.last_ratings[1]


def meeting_stats_for(pair_ids: Iterable[int]) -> dict[int, MeetingStats]:
    """Stats of many pairs in three queries (for boards and reminders)."""
    ids = list(pair_ids)
    stats = {pk: MeetingStats() for pk in ids}
    if not ids:
        return stats
    rows = (
        PairMeeting.objects.filter(pair_id__in=ids)
        .order_by()
        .values("pair_id")
        .annotate(n=Count("id"), minutes=Sum("duration_minutes"), last=Max("held_on"))
    )
    for row in rows:
        item = stats[row["pair_id"]]
        item.count, item.minutes, item.last_held_on = row["n"], row["minutes"] or 0, row["last"]
    ratings = (
        MeetingRating.objects.filter(meeting__pair_id__in=ids)
        .order_by("meeting__pair_id", "-meeting__held_on", "-meeting_id", "-created_at", "-id")
        .values_list("meeting__pair_id", "score")
    )
    sums: dict[int, int] = {}
    for pair_id, score in ratings:
        item = stats[pair_id]
        item.ratings_count += 1
        sums[pair_id] = sums.get(pair_id, 0) + score
        if len(item.last_ratings) < 2:
            item.last_ratings.append(score)
    for pair_id, total in sums.items():
        stats[pair_id].average_rating = round(total / stats[pair_id].ratings_count, 2)
    return stats


def meeting_stats(pair: Pair) -> MeetingStats:
    """Number of meetings, hours, the last meeting's date, the average rating and the last two ratings."""
    return meeting_stats_for([pair.pk])[pair.pk]


# -- the individual plan ------------------------------------------------------------------


def goals_from_request(member: PairMentee) -> str:
    """The plan's goals as the mentee wrote them in the request (map of request, source 003)."""
    entry = member.mentee
    lines = []
    if entry.area:
        lines.append(f"Сфера запроса: {entry.area}")
    if entry.goal:
        lines.append(f"Цель: {entry.goal.strip()}")
    if entry.desired_result:
        lines.append(f"Желаемый результат: {entry.desired_result.strip()}")
    problems = [p.name for p in entry.problems.all()]
    if problems:
        lines.append("С чем нужна помощь: " + "; ".join(problems))
    if entry.interests:
        lines.append(f"Интересы: {entry.interests}")
    return "\n".join(lines)


def ensure_plan(member: PairMentee) -> IndividualPlan:
    """The member's plan, created on first use with goals prefilled from the request."""
    try:
        return member.plan
    except IndividualPlan.DoesNotExist:
        pass
    plan, _ = IndividualPlan.objects.get_or_create(member=member, defaults={"goals": goals_from_request(member)})
    member.plan = plan
    return plan


def plan_editable(pair: Pair) -> bool:
    return pair.status in LOG_STATUSES


def set_task_status(task: PlanTask, status: str, today: datetime.date | None = None) -> PlanTask:
    if status not in TaskStatus.values:
        raise PairError("Неизвестный статус задачи.")
    task.status = status
    if status == TaskStatus.DONE:
        task.done_on = task.done_on or today or timezone.localdate()
    else:
        task.done_on = None
    task.save(update_fields=["status", "done_on"])
    return task


def next_task_order(plan: IndividualPlan) -> int:
    last = plan.tasks.aggregate(m=Max("order"))["m"]
    return (last or 0) + 1


def overdue_q(today: datetime.date | None = None, prefix: str = "") -> Q:
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status__in": OPEN_TASK_STATUSES, f"{prefix}due_on__lt": today})


def overdue_tasks(pairs: QuerySet[Pair], today: datetime.date | None = None) -> QuerySet[PlanTask]:
    """Open tasks past their deadline in the plans of these pairs (for the curator's nudges)."""
    return (
        PlanTask.objects.filter(overdue_q(today), plan__member__pair__in=pairs)
        .select_related("plan__member__pair", "plan__member__mentee__person")
        .order_by("due_on", "id")
    )


@dataclass
class PlanProgress:
    member: PairMentee
    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def plan_progress(members: Sequence[PairMentee], today: datetime.date | None = None) -> list[PlanProgress]:
    """Tasks done and overdue per member, in one query (cancelled tasks do not count)."""
    progress = {m.pk: PlanProgress(member=m) for m in members}
    if not progress:
        return []
    rows = (
        PlanTask.objects.filter(plan__member_id__in=list(progress))
        .exclude(status=TaskStatus.CANCELLED)
        .order_by()
        .values("plan__member_id")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("id", filter=overdue_q(today)),
        )
    )
    for row in rows:
        item = progress[row["plan__member_id"]]
        item.total, item.done, item.overdue = row["total"], row["done"], row["overdue"]
    return list(progress.values())
