"""Operations that change a project: status moves, the activity items of a year, sprints and the board.

Each runs in one transaction and writes the project's log.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from nastavnik.engines.recurrence import Kind, Period, Rule, RuleError, expand
from nastavnik.orgs.models import AcademicYear
from nastavnik.projects.models import (
    COLUMN_ORDER,
    NEXT_STATUSES,
    Activity,
    ActivityItem,
    Column,
    LogEntry,
    Project,
    Sprint,
    SprintStatus,
    Status,
    StatusChange,
    Task,
)


class Refused(Exception):
    """An operation the rules forbid; the message is Russian and shown to the user."""


def log(project: Project, user: Any, text: str) -> None:
    LogEntry.objects.create(project=project, user=user if getattr(user, "pk", None) else None, text=text[:500])


def rule_of(activity: Activity) -> Rule:
    return Rule(
        kind=Kind(activity.kind),
        start=activity.starts_on,
        end=activity.ends_on,
        month_from=activity.month_from,
        month_to=activity.month_to,
        period=Period(activity.period) if activity.period else None,
        times=activity.times,
    )


@transaction.atomic
def sync_items(activity: Activity, year: AcademicYear) -> list[ActivityItem]:
    """The activity's items of `year` as its rule gives them; marks on unchanged windows are kept."""
    try:
        windows = expand(rule_of(activity), year.start_year)
    except RuleError:
        windows = []
    wanted = {(w.start, w.end) for w in windows}
    existing = {(i.starts_on, i.due_on): i for i in activity.items.filter(academic_year=year)}
    stale = [item.pk for key, item in existing.items() if key not in wanted]
    ActivityItem.objects.filter(pk__in=stale).delete()
    for start, end in sorted(wanted - set(existing)):
        ActivityItem.objects.create(activity=activity, academic_year=year, starts_on=start, due_on=end)
    return list(activity.items.filter(academic_year=year).order_by("due_on"))


def sync_project(project: Project, year: AcademicYear) -> None:
    for activity in project.activities.all():
        sync_items(activity, year)


def project_years(project: Project) -> list[int]:
    """Academic years (start years) covered by the project's stages."""
    bounds = [(s.starts_on, s.ends_on) for s in project.stages.all()]
    if not bounds:
        return []
    first = AcademicYear.start_year_for(min(b[0] for b in bounds))
    last = AcademicYear.start_year_for(max(b[1] for b in bounds))
    return list(range(first, last + 1))


@transaction.atomic
def change_status(project: Project, status: str, user: Any, comment: str = "") -> StatusChange:
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if status not in NEXT_STATUSES[locked.status]:
        raise Refused(f"Из статуса «{locked.get_status_display()}» нельзя перейти в «{Status(status).label}»")
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    project.status = status
    change = StatusChange.objects.create(project=locked, status=status, changed_by=user, comment=comment[:500])
    log(locked, user, f"Статус: {Status(status).label}")
    return change


@transaction.atomic
def mark_item(item: ActivityItem, done: bool, user: Any, today: datetime.date) -> None:
    item.done_on = today if done else None
    item.done_by = user if done else None
    item.save(update_fields=["done_on", "done_by"])
    state = "выполнено" if done else "снята отметка"
    log(item.activity.project, user, f"{item.activity.number} {item.activity.title[:200]}: {state}")


# -- sprints ------------------------------------------------------------------------------------------


@transaction.atomic
def start_sprint(project: Project, goal: str, starts_on: datetime.date, ends_on: datetime.date, user: Any) -> Sprint:
    """Plan the next sprint; refused while the previous one is open (no review and retrospective)."""
    Project.objects.select_for_update().get(pk=project.pk)
    if project.sprints.filter(status=SprintStatus.ACTIVE).exists():
        raise Refused("Следующий спринт планируется только после закрытия текущего: подведите итоги и ретроспективу")
    charter = getattr(project, "charter", None)
    last = project.sprints.order_by("-number").first()
    number = 0 if last is None else last.number + 1
    if charter and charter.sprint_count is not None and number > charter.sprint_count:
        raise Refused(f"Все спринты по плану инициации проведены ({charter.sprint_count})")
    if last is not None and starts_on <= last.ends_on:
        raise Refused(f"Спринт должен начинаться после окончания предыдущего ({last.ends_on:%d.%m.%Y})")
    if ends_on < starts_on:
        raise Refused("Дата окончания спринта раньше даты начала")
    sprint = Sprint.objects.create(project=project, number=number, goal=goal, starts_on=starts_on, ends_on=ends_on)
    log(project, user, f"Запланирован {sprint}: {goal[:200]}")
    return sprint


@transaction.atomic
def close_sprint(sprint: Sprint, review: str, retrospective: str, user: Any) -> None:
    if sprint.status == SprintStatus.CLOSED:
        raise Refused("Спринт уже закрыт")
    if not review.strip() or not retrospective.strip():
        raise Refused("Чтобы закрыть спринт, заполните итоги и ретроспективу")
    sprint.review, sprint.retrospective = review.strip(), retrospective.strip()
    sprint.status = SprintStatus.CLOSED
    sprint.closed_at = timezone.now()
    sprint.save()
    # Unfinished tasks go back to the backlog for the next sprint.
    sprint.tasks.exclude(column=Column.DONE).update(sprint=None, column=Column.BACKLOG)
    log(sprint.project, user, f"{sprint} закрыт: итоги и ретроспектива записаны")


@transaction.atomic
def add_task(project: Project, title: str, sprint: Sprint | None, user: Any) -> Task:
    column = Column.TODO if sprint is not None else Column.BACKLOG
    task = Task.objects.create(project=project, sprint=sprint, title=title.strip()[:300], column=column)
    log(project, user, f"Задача «{task.title}» добавлена" + (f" в {sprint}" if sprint else " в бэклог"))
    return task


@transaction.atomic
def move_task(task: Task, column: str, sprint: Sprint | None, user: Any) -> None:
    """Put a task in a column: a sprint column takes it into the open sprint, «Бэклог» out of it."""
    if column not in COLUMN_ORDER:
        raise Refused("Неизвестная колонка")
    if column != Column.BACKLOG and sprint is None:
        raise Refused("Нет открытого спринта: сначала запланируйте спринт")
    task.column = column
    task.sprint = None if column == Column.BACKLOG else sprint
    task.save(update_fields=["column", "sprint"])
    log(task.project, user, f"Задача «{task.title}» → {Column(column).label}")
