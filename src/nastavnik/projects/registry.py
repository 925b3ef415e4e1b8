"""The registry of projects: filters, groups, the portfolio dashboard, overdue items, XLSX rows and the
annual cyclogram (month grid)."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from nastavnik.common.xlsx import build_workbook
from nastavnik.engines.recurrence import ACADEMIC_MONTHS, month_end, month_start
from nastavnik.orgs.models import AcademicYear
from nastavnik.projects.models import Activity, ActivityItem, Level, Project, Stage, Status

MONTH_NAMES = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
NO_GROUP = "— не указано —"


def with_card(qs: QuerySet[Project]) -> QuerySet[Project]:
    return qs.select_related("organisation", "parent").prefetch_related(
        "leaders", "directions", "funding", Prefetch("stages", queryset=Stage.objects.order_by("starts_on"))
    )


def current_stage(project: Project, today: datetime.date) -> Stage | None:
    for stage in project.stages.all():
        if stage.starts_on <= today <= stage.ends_on:
            return stage
    return None


def stages_text(project: Project) -> str:
    return "; ".join(f"{s}: {s.starts_on:%d.%m.%Y}–{s.ends_on:%d.%m.%Y}" for s in project.stages.all())


def leaders_text(project: Project) -> str:
    return ", ".join(p.short_name for p in project.leaders.all())


def filter_projects(qs: QuerySet[Project], data: dict[str, Any], today: datetime.date) -> list[Project]:
    if data.get("direction"):
        qs = qs.filter(directions=data["direction"])
    if data.get("leader"):
        qs = qs.filter(leaders=data["leader"])
    if data.get("funding"):
        qs = qs.filter(funding=data["funding"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    projects = list(with_card(qs.distinct()).order_by("name"))
    if data.get("stage"):
        projects = [p for p in projects if (s := current_stage(p, today)) is not None and s.kind == data["stage"]]
    return projects


def _keys(project: Project, group: str, today: datetime.date) -> list[str]:
    if group == "direction":
        return [d.name for d in project.directions.all()] or [NO_GROUP]
    if group == "leader":
        return [p.short_name for p in project.leaders.all()] or [NO_GROUP]
    if group == "funding":
        return [f.name for f in project.funding.all()] or [NO_GROUP]
    if group == "status":
        return [project.get_status_display()]
    stage = current_stage(project, today)
    return [stage.get_kind_display() if stage else "вне сроков этапов"]


def group_projects(projects: list[Project], group: str, today: datetime.date) -> list[tuple[str, list[Project]]]:
    """Groups in name order; a project with several directions (leaders, sources) is in each of them."""
    if not group:
        return [("", projects)]
    groups: dict[str, list[Project]] = defaultdict(list)
    for project in projects:
        for key in _keys(project, group, today):
            groups[key].append(project)
    return sorted(groups.items(), key=lambda kv: (kv[0] == NO_GROUP, kv[0]))


# -- items, overdue, dashboard -------------------------------------------------------------------------


def items_of(projects: QuerySet[Project]) -> QuerySet[ActivityItem]:
    return ActivityItem.objects.filter(activity__project__in=projects).select_related(
        "activity__project", "activity__responsible"
    )


def overdue(projects: QuerySet[Project], today: datetime.date) -> list[ActivityItem]:
    running = projects.filter(status__in=[Status.APPROVED, Status.RUNNING])
    return list(items_of(running).filter(due_on__lt=today, done_on__isnull=True).order_by("due_on", "id"))


@dataclass
class Dashboard:
    by_stage: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    due_soon: list[ActivityItem]
    overdue: list[ActivityItem]
    results: list[dict[str, Any]] = field(default_factory=list)


def dashboard(projects: QuerySet[Project], today: datetime.date, days: int = 30) -> Dashboard:
    cards = list(with_card(projects.filter(level=Level.PROJECT)).order_by("name"))
    stages = Counter(_keys(p, "stage", today)[0] for p in cards)
    statuses = Counter(p.get_status_display() for p in cards)
    horizon = today + datetime.timedelta(days=days)
    soon = list(
        items_of(projects).filter(due_on__gte=today, due_on__lte=horizon, done_on__isnull=True).order_by("due_on")[:50]
    )
    results = [
        {
            "project": p,
            "expected": len(Project.lines(p.expected_results)),
            "achieved": len(Project.lines(p.achieved_results)),
        }
        for p in cards
    ]
    order = {label: i for i, (_, label) in enumerate(Status.choices)}
    return Dashboard(
        by_stage=sorted(stages.items()),
        by_status=sorted(statuses.items(), key=lambda kv: order.get(kv[0], 99)),
        due_soon=soon,
        overdue=overdue(projects, today)[:200],
        results=results,
    )


# -- cyclogram -----------------------------------------------------------------------------------------


@dataclass
class CycleRow:
    activity: Activity
    # Per month: (item, True when the item falls due this month).
    cells: list[list[tuple[ActivityItem, bool]]]


def cyclogram(project: Project, year: AcademicYear) -> tuple[list[str], list[CycleRow]]:
    """One row per activity, one column per month of the academic year; a cell holds the items active then."""
    headers = [f"{MONTH_NAMES[m - 1]} {year.start_year if m >= 9 else year.start_year + 1}" for m in ACADEMIC_MONTHS]
    items = defaultdict(list)
    for item in ActivityItem.objects.filter(activity__project=project, academic_year=year).order_by("starts_on"):
        items[item.activity_id].append(item)
    rows = []
    for activity in sorted(project.activities.all(), key=lambda a: a.sort_key):
        cells = []
        for month in ACADEMIC_MONTHS:
            first, last = month_start(month, year.start_year), month_end(month, year.start_year)
            active = [i for i in items[activity.pk] if i.starts_on <= last and i.due_on >= first]
            cells.append([(i, first <= i.due_on <= last) for i in active])
        rows.append(CycleRow(activity, cells))
    return headers, rows


# -- XLSX ----------------------------------------------------------------------------------------------

REGISTRY_HEADER = (
    "Название проекта",
    "Уровень",
    "Организация",
    "Цель",
    "Этапы и сроки",
    "Руководители рабочей группы",
    "Статус",
    "Направления НП «Образование»",
    "Источники финансирования",
)


def registry_rows(projects: list[Project]) -> list[list[str]]:
    return [
        [
            p.name,
            p.get_level_display(),
            p.organisation.short_name or p.organisation.name,
            p.goal,
            stages_text(p),
            leaders_text(p),
            p.get_status_display(),
            "; ".join(d.name for d in p.directions.all()),
            "; ".join(f.name for f in p.funding.all()),
        ]
        for p in projects
    ]


def registry_xlsx(projects: list[Project]) -> bytes:
    return build_workbook(
        "Реестр проектов", REGISTRY_HEADER, registry_rows(projects), (40, 18, 24, 50, 50, 30, 14, 36, 36)
    )
