"""The project passport of a programme (DOCX, source 002, Приложение 4).

Rendered by `rendering.render_docx` through the editable template of kind "passport"
(documents/rendering.py): the organisation's own upload, an ancestor's, the platform's or the
built-in one.
"""

from __future__ import annotations

import datetime
from typing import Any

from nastavnik.bases.models import MenteeEntry
from nastavnik.common.declension import capitalised
from nastavnik.documents import rendering
from nastavnik.monitoring.report_content import IN_MENTORING, ru_date
from nastavnik.pairs.models import Outcome, Pair, PairMentee, PairStatus
from nastavnik.programmes import roadmap
from nastavnik.programmes.exports import dates_text, responsible_text
from nastavnik.programmes.models import ParticipantKind, Programme


def split_goals(text: str) -> tuple[str, str]:
    """«Цель и задачи» of a programme → (goals, tasks), split at a line that starts with «Задачи»."""
    lines = text.strip().splitlines()
    for index, line in enumerate(lines):
        if line.strip().lower().startswith("задачи"):
            goals = "\n".join(lines[:index]).strip()
            tasks = "\n".join(lines[index:]).strip()
            head, _, rest = tasks.partition(":")
            tasks = rest.strip() if head.strip().lower().startswith("задачи") and rest.strip() else tasks
            goals = goals.split(":", 1)[1].strip() if goals.lower().startswith("цель") and ":" in goals else goals
            return goals, tasks
    return text.strip(), ""


def _passport_indicators(programme: Programme) -> list[dict[str, Any]]:
    """The project indicators of source 002 (Приложение 4, item 5), counted for the programme."""
    pairs = Pair.objects.filter(programme=programme, status__in=IN_MENTORING)
    members = PairMentee.objects.filter(pair__in=pairs)
    rows = [
        {
            "name": "Количество наставляемых, подавших запрос на наставника",
            "value": MenteeEntry.objects.filter(programme=programme).values("person_id").distinct().count(),
        },
        {
            "name": "Количество наставляемых, вошедших в состав наставнических пар",
            "value": members.values("mentee__person_id").distinct().count(),
        },
        {
            "name": "Количество наставников, вошедших в состав наставнических пар",
            "value": pairs.values("mentor__person_id").distinct().count(),
        },
    ]
    # Grades are an indicator only where the mentees are learners (not in «учитель – учитель»).
    learners = {ParticipantKind.STUDENT, ParticipantKind.STUDENT_COLLEGE}
    if not programme.forms.filter(form__mentee_kind__in=learners).exists():
        return rows
    improved = {
        person_id
        for person_id, outcomes in members.filter(pair__status=PairStatus.COMPLETED).values_list(
            "mentee__person_id", "outcomes"
        )
        if isinstance(outcomes, list) and Outcome.GRADES_IMPROVED in outcomes
    }
    rows.append(
        {
            "name": "Количество наставляемых из наставнических пар, у которых улучшилась успеваемость "
            "(по ранее сформулированному запросу)",
            "value": len(improved),
        }
    )
    return rows


def _stages(programme: Programme) -> list[dict[str, Any]]:
    """Stages of the roadmap with their first and last dates; the programme's term without a roadmap."""
    spans: dict[str, list[datetime.date]] = {}
    for stage, starts, due in programme.roadmap.order_by("starts_on", "order", "id").values_list(
        "stage", "starts_on", "due_on"
    ):
        key = stage or "Реализация программы наставничества"
        span = spans.setdefault(key, [starts, due])
        span[0], span[1] = min(span[0], starts), max(span[1], due)
    if not spans:
        starts = programme.starts_on or programme.academic_year.starts_on
        ends = programme.ends_on or programme.academic_year.ends_on
        spans["Реализация программы наставничества"] = [starts, ends]
    return [{"title": title, "starts": ru_date(a), "ends": ru_date(b)} for title, (a, b) in spans.items()]


def _activities(programme: Programme) -> list[dict[str, Any]]:
    items = programme.roadmap.select_related("responsible").order_by("starts_on", "order", "id")
    return [
        {
            "number": item.number or str(index),
            "title": item.title,
            "period": dates_text(item),
            "result": item.result,
            "responsible": responsible_text(item),
        }
        for index, item in enumerate(items, start=1)
    ]


def _target_groups(programme: Programme) -> str:
    forms = programme.forms.select_related("form", "variant").order_by("id")
    lines = [
        f"{form}: наставник — {form.form.get_mentor_kind_display().lower()}, "
        f"наставляемый — {form.form.get_mentee_kind_display().lower()}"
        + (f" (параллели: {form.grades})" if form.grades else "")
        for form in forms
    ]
    return "\n".join(lines) or "—"


def passport_context(programme: Programme) -> dict[str, Any]:
    goals, tasks = split_goals(programme.goals)
    director = roadmap.director_of(programme.organisation)
    leaders = []
    if programme.curator:
        leaders.append(f"{programme.curator.full_name}, куратор программы наставничества")
    if director:
        leaders.append(f"{director.full_name}, руководитель организации")
    return {
        "organisation": {"name": programme.organisation.name, "short_name": programme.organisation.short_name},
        "director": {"position": "Директор", "name": director.short_name if director else "________________"},
        "project": {
            "title": programme.title,
            "year": programme.academic_year.name,
            "participants": programme.participants or "—",
            "goals": capitalised(goals) or "—",
            "tasks": capitalised(tasks) or "—",
            "expected_results": programme.expected_results or "—",
            "criteria": programme.indicators,
            "relevance": programme.relevance or "—",
            "target_groups": _target_groups(programme),
            "concept": programme.forms_description or "—",
            "resources": programme.resources or "—",
            "leaders": "\n".join(leaders) or "—",
            "national_projects": programme.national_projects or "—",
            "funding": programme.funding or "—",
        },
        "indicators": _passport_indicators(programme),
        "stages": _stages(programme),
        "activities": _activities(programme),
    }


def passport_docx(programme: Programme) -> bytes:
    return rendering.render_docx("passport", passport_context(programme), programme.organisation)


def passport_filename(programme: Programme) -> str:
    return f"pasport-proekta-{programme.pk}-{programme.academic_year.start_year}.docx"
