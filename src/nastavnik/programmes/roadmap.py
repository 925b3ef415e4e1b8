"""Roadmap templates (programmes/roadmaps/*.yaml) and their instantiation for a programme's year.

A template is read once per process. `instantiate` turns its items into RoadmapItem rows with
real dates for the programme's academic year and assigns the curator or the director where
the template names them; `create_default_cycle` does the same for the management cycle of
source 002. Both are idempotent.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from nastavnik.common.text import plural_ru
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.people.models import Person
from nastavnik.programmes.models import ItemStatus, ManagementFunction, ManagementTask, Programme, RoadmapItem

TEMPLATES_DIR = Path(__file__).resolve().parent / "roadmaps"
CLUB_ROADMAP = "club-roadmap-001"
ANNUAL_PLAN = "annual-plan-002"
# Columns of the annual plan (002, Приложение 1 item 4.1) kept in `extra` of a template item.
FORM_COLUMN = "Форма их реализации"
PARTICIPANTS_COLUMN = "Категория(-и) участников"
# Academic-year months in order: September … August.
ACADEMIC_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
# Working months used for items that have neither a period nor a stage: September … May.
WORKING_SPAN = (9, 5)

MONTHS_NOMINATIVE = (
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
)


@dataclass(frozen=True)
class Period:
    start_month: int
    end_month: int
    year_offset: int = 0


@dataclass(frozen=True)
class Stage:
    n: int
    title: str
    goal: str = ""
    task: str = ""
    result: str = ""


@dataclass(frozen=True)
class TemplateItem:
    n: int
    title: str
    number: str = ""
    stage: str = ""
    period: Period | None = None
    period_text: str = ""
    responsible: str = ""
    result: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CycleStep:
    code: str
    n: int
    name: str
    description: str
    responsible: str


@dataclass(frozen=True)
class RoadmapTemplate:
    code: str
    version: int
    title: str
    source: str
    description: str = ""
    note: str = ""
    columns: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    items: tuple[TemplateItem, ...] = ()
    cycle_title: str = ""
    cycle_description: str = ""
    cycle_columns: tuple[str, ...] = ()
    cycle: tuple[CycleStep, ...] = ()

    @property
    def label(self) -> str:
        """What a curator picks from: the title with the source and the number of items."""
        count = len(self.items)
        return f"{self.title} ({self.source}; {count} {plural_ru(count, 'мероприятие', 'мероприятия', 'мероприятий')})"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _parse(data: dict[str, Any]) -> RoadmapTemplate:
    items = []
    for raw in data.get("items") or []:
        period = raw.get("period")
        items.append(
            TemplateItem(
                n=int(raw["n"]),
                title=_text(raw["title"]),
                number=_text(raw.get("number")),
                stage=_text(raw.get("stage")),
                period=Period(int(period["start_month"]), int(period["end_month"]), int(period.get("year_offset", 0)))
                if period
                else None,
                period_text=_text(raw.get("period_text")),
                responsible=_text(raw.get("responsible")),
                result=_text(raw.get("result")),
                extra={str(k): _text(v) for k, v in (raw.get("extra") or {}).items()},
            )
        )
    stages = tuple(
        Stage(int(s["n"]), _text(s["title"]), _text(s.get("goal")), _text(s.get("task")), _text(s.get("result")))
        for s in data.get("stages") or []
    )
    cycle = tuple(
        CycleStep(_text(c["code"]), int(c["n"]), _text(c["name"]), _text(c["description"]), _text(c["responsible"]))
        for c in data.get("cycle") or []
    )
    return RoadmapTemplate(
        code=_text(data["code"]),
        version=int(data["version"]),
        title=_text(data["title"]),
        source=_text(data["source"]),
        description=_text(data.get("description")),
        note=_text(data.get("note")),
        columns=tuple(_text(c) for c in data.get("columns") or ()),
        stages=stages,
        items=tuple(items),
        cycle_title=_text(data.get("cycle_title")),
        cycle_description=_text(data.get("cycle_description")),
        cycle_columns=tuple(_text(c) for c in data.get("cycle_columns") or ()),
        cycle=cycle,
    )


@functools.cache
def load_templates() -> dict[str, RoadmapTemplate]:
    """Every template of roadmaps/, by code, in file-name order."""
    templates = {}
    for path in sorted(TEMPLATES_DIR.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            template = _parse(yaml.safe_load(handle))
        templates[template.code] = template
    return templates


def get_template(code: str) -> RoadmapTemplate:
    return load_templates()[code]


def instantiable_templates() -> list[RoadmapTemplate]:
    """Templates with activities (the annual plan of 002 is only a form: no rows)."""
    return [t for t in load_templates().values() if t.items]


# -- dates ---------------------------------------------------------------------------------


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def month_year(start_year: int, month: int, year_offset: int = 0) -> int:
    """Calendar year of `month` in the academic year that starts in September of `start_year`."""
    return start_year + year_offset + (0 if month >= 9 else 1)


def period_dates(period: Period, start_year: int) -> tuple[datetime.date, datetime.date]:
    """First day of the start month … last day of the end month, in the academic year's order."""
    begin = datetime.date(month_year(start_year, period.start_month, period.year_offset), period.start_month, 1)
    end_year = month_year(start_year, period.end_month, period.year_offset)
    return begin, last_day(end_year, period.end_month)


def shift_months(day: datetime.date, months: int, *, keep_month_end: bool = False) -> datetime.date:
    """The same day `months` later (earlier when negative), clamped to the month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if keep_month_end:
        return last_day(year, month)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_month_end(day: datetime.date) -> bool:
    return day == last_day(day.year, day.month)


def _academic_index(month: int) -> int:
    return ACADEMIC_MONTHS.index(month)


@functools.cache
def _club_stage_spans() -> tuple[Period, ...]:
    """Months covered by each stage of the 001 club roadmap, in stage order."""
    template = load_templates().get(CLUB_ROADMAP)
    if template is None:
        return ()
    spans = []
    for stage in template.stages:
        periods = [i.period for i in template.items if i.stage == stage.title and i.period]
        if not periods:
            return ()
        start = min((p.start_month for p in periods), key=_academic_index)
        end = max((p.end_month for p in periods), key=_academic_index)
        spans.append(Period(start, end))
    return tuple(spans)


def undated_spans(template: RoadmapTemplate) -> dict[str, Period]:
    """Periods for the stages of a template whose items have no period (003 gives no dates).

    Decision: the implementation stages of the target model (003) are the same seven stages
    as the club roadmap of 001 (preparation, base of mentees, base of mentors, selection and
    training, forming pairs, running the pairs, completion), so stage k of an undated template
    takes the months of stage k of club-roadmap-001 (October … June). A template with another
    number of stages gets equal consecutive slices of September … May instead. Items with no
    stage at all run over September … May. The curator moves them afterwards.
    """
    stages = [s.title for s in template.stages]
    club = _club_stage_spans()
    if stages and len(stages) == len(club):
        return dict(zip(stages, club, strict=True))
    spans: dict[str, Period] = {}
    first, last = _academic_index(WORKING_SPAN[0]), _academic_index(WORKING_SPAN[1])
    months = last - first + 1
    for index, title in enumerate(stages):
        begin = first + index * months // len(stages)
        end = max(begin, first + (index + 1) * months // len(stages) - 1)
        spans[title] = Period(ACADEMIC_MONTHS[begin], ACADEMIC_MONTHS[end])
    return spans


def item_dates(item: TemplateItem, template: RoadmapTemplate, start_year: int) -> tuple[datetime.date, datetime.date]:
    if item.period is not None:
        return period_dates(item.period, start_year)
    span = undated_spans(template).get(item.stage) or Period(*WORKING_SPAN)
    return period_dates(span, start_year)


def period_label(starts_on: datetime.date, due_on: datetime.date) -> str:
    """«октябрь 2026», «декабрь 2026 — март 2027» or «05.10.2026 — 20.10.2026»."""
    whole = starts_on.day == 1 and is_month_end(due_on)
    if not whole:
        if starts_on == due_on:
            return f"{due_on:%d.%m.%Y}"
        return f"{starts_on:%d.%m.%Y} — {due_on:%d.%m.%Y}"
    first = f"{MONTHS_NOMINATIVE[starts_on.month - 1]} {starts_on.year}"
    if (starts_on.year, starts_on.month) == (due_on.year, due_on.month):
        return first
    return f"{first} — {MONTHS_NOMINATIVE[due_on.month - 1]} {due_on.year}"


# -- people --------------------------------------------------------------------------------

STAFF_ROLES = (
    Role.DIRECTOR,
    Role.CURATOR,
    Role.WORKING_GROUP,
    Role.TEACHER,
    Role.EXTERNAL,
    Role.DISTRICT_COORDINATOR,
    Role.REGION_COORDINATOR,
)


def director_of(organisation: Organisation) -> Person | None:
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.DIRECTOR, is_active=True)
        .select_related("person")
        .order_by("id")
        .first()
    )
    return membership.person if membership else None


def staff_of(organisation: Organisation) -> Any:
    """People who may be responsible for an activity: the organisation's adults, by name."""
    members = Membership.objects.filter(organisation=organisation, role__in=STAFF_ROLES, is_active=True)
    return Person.objects.filter(pk__in=members.values("person_id")).order_by("last_name", "first_name", "id")


def responsible_for(text: str, curator: Person | None, director: Person | None) -> Person | None:
    """The person behind a template's wording: the first role it names, when it is the curator or the director.

    «Куратор», «Куратор программы» → the programme's curator; «Директор», «Директор ОО»,
    «Директор, координатор проекта» → the organisation's director. Anything else
    («Мастера, координатор проекта») stays as text for the curator to assign.
    """
    first = text.replace("\n", ",").split(",")[0].strip().casefold()
    if first.startswith("куратор"):
        return curator
    if first.startswith("директор"):
        return director
    return None


# -- instantiation -------------------------------------------------------------------------


@dataclass(frozen=True)
class InstantiateResult:
    created: int
    skipped: int


@transaction.atomic
def instantiate(programme: Programme, code: str, user: Any = None) -> InstantiateResult:
    """Copy the template's items into the programme's roadmap; items copied before are skipped."""
    template = get_template(code)
    start_year = programme.academic_year.start_year
    existing = set(programme.roadmap.filter(template_code=code).values_list("template_n", flat=True))
    director = director_of(programme.organisation)
    # Where the source gives the expected result for a whole stage only (001), its items carry it.
    stage_results = {stage.title: stage.result for stage in template.stages}
    new = []
    for item in template.items:
        if item.n in existing:
            continue
        starts_on, due_on = item_dates(item, template, start_year)
        new.append(
            RoadmapItem(
                programme=programme,
                template_code=code,
                template_n=item.n,
                number=item.number[:20],
                stage=item.stage[:300],
                title=item.title,
                form_of_work=item.extra.get(FORM_COLUMN, "")[:300],
                participants=item.extra.get(PARTICIPANTS_COLUMN, "")[:300],
                starts_on=starts_on,
                due_on=due_on,
                period_text=item.period_text[:100],
                responsible=responsible_for(item.responsible, programme.curator, director),
                responsible_text=item.responsible[:200],
                result=item.result or stage_results.get(item.stage, ""),
                status=ItemStatus.PLANNED,
                order=item.n,
            )
        )
    if new:
        bulk_create_with_history(new, RoadmapItem, default_user=user if getattr(user, "pk", None) else None)
    return InstantiateResult(created=len(new), skipped=len(template.items) - len(new))


def next_order(programme: Programme) -> int:
    top = programme.roadmap.aggregate(top=Max("order"))["top"]
    return (top or 0) + 1


@transaction.atomic
def create_default_cycle(programme: Programme) -> int:
    """The five functions of the management cycle (002) as tasks; functions that already have tasks are left alone.

    The curator is added as responsible where the source names the curator («Куратор»,
    «Куратор программы»); the source's wording is kept in `responsible_text`.
    """
    template = get_template(ANNUAL_PLAN)
    present = set(programme.management_tasks.values_list("function", flat=True))
    valid = set(ManagementFunction.values)
    created = 0
    for step in template.cycle:
        if step.code in present or step.code not in valid:
            continue
        task = ManagementTask.objects.create(
            programme=programme,
            function=step.code,
            title=step.description,
            responsible_text=step.responsible[:300],
            order=step.n,
        )
        lines = [line.strip().casefold() for line in step.responsible.splitlines()]
        if programme.curator_id and any(line.startswith("куратор") for line in lines):
            task.responsible.add(programme.curator_id)
        created += 1
    return created


def cycle_step(code: str) -> CycleStep | None:
    return next((s for s in get_template(ANNUAL_PLAN).cycle if s.code == code), None)
