"""The programme document (DOCX), the roadmap / annual plan (DOCX and XLSX).

The DOCX files are rendered from the editable templates of documents/rendering.py (kinds
"programme" and "roadmap"); this module only builds their context from the database.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from nastavnik.common.xlsx import build_workbook
from nastavnik.documents.rendering import render_docx
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, ManagementTask, Programme, RoadmapItem

# Annual plan columns of 002 (annual-plan-002.yaml `columns`) with the number, stage and status around them.
XLSX_HEADER = (
    "№",
    "Этап / раздел",
    *roadmap.get_template(roadmap.ANNUAL_PLAN).columns,
    "Статус",
    "Выполнено",
    "Подтверждение",
)
XLSX_WIDTHS = (8, 30, 60, 22, 24, 34, 22, 40, 16, 12, 40)
EMPTY_APPROVAL_DATE = "«___» __________ 20___ г."


def ru(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def dates_text(item: RoadmapItem) -> str:
    if item.starts_on == item.due_on:
        return ru(item.due_on)
    return f"{ru(item.starts_on)} — {ru(item.due_on)}"


def responsible_text(item: RoadmapItem) -> str:
    """«Куратор — Смирнова А. В.»: the template's wording and the person assigned."""
    person = item.responsible.short_name if item.responsible else ""
    if item.responsible_text and person:
        return f"{item.responsible_text} — {person}"
    return person or item.responsible_text


def status_text(item: RoadmapItem, today: datetime.date) -> str:
    if item.status == ItemStatus.DONE and item.done_on:
        return f"Выполнено {ru(item.done_on)}"
    if item.is_overdue(today):
        return f"{item.get_status_display()}, просрочено"
    return item.get_status_display()


def items_of(programme: Programme) -> QuerySet[RoadmapItem]:
    return programme.roadmap.select_related("responsible").order_by("starts_on", "order", "id")


def item_row(item: RoadmapItem, index: int, today: datetime.date) -> dict[str, Any]:
    return {
        "number": item.number or str(index),
        "title": item.title,
        "stage": item.stage,
        "form_of_work": item.form_of_work,
        "period": dates_text(item),
        "responsible": responsible_text(item),
        "participants": item.participants,
        "result": item.result,
        "status": status_text(item, today),
    }


def group_by_stage(items: list[RoadmapItem]) -> list[tuple[str, list[RoadmapItem]]]:
    """Items in date order, grouped by stage in the order the stages first appear."""
    groups: dict[str, list[RoadmapItem]] = {}
    for item in items:
        groups.setdefault(item.stage, []).append(item)
    return list(groups.items())


def _stages(items: list[RoadmapItem], today: datetime.date) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    stages = []
    for title, members in group_by_stage(items):
        stage_rows = [item_row(item, len(rows) + k + 1, today) for k, item in enumerate(members)]
        rows += stage_rows
        stages.append({"title": title, "activities": stage_rows})
    return stages, rows


def _person(person: Any) -> dict[str, str]:
    if person is None:
        return {"name": "", "full_name": ""}
    return {"name": person.short_name, "full_name": person.full_name}


def _cycle_rows(programme: Programme) -> list[dict[str, Any]]:
    tasks = ManagementTask.objects.filter(programme=programme).prefetch_related("responsible").order_by("order", "id")
    rows = []
    for index, task in enumerate(tasks, start=1):
        names = ", ".join(p.short_name for p in task.responsible.all())
        responsible = task.responsible_text
        if names:
            responsible = f"{responsible}\nОтветственные: {names}" if responsible else names
        rows.append(
            {"n": index, "function": task.get_function_display(), "title": task.title, "responsible": responsible}
        )
    return rows


def _forms(programme: Programme) -> list[dict[str, Any]]:
    forms = programme.forms.select_related("form", "variant", "role_model", "interaction_variant").prefetch_related(
        "types"
    )
    rows = []
    for index, form in enumerate(forms.order_by("id"), start=1):
        model = form.role_model or form.interaction_variant
        rows.append(
            {
                "n": index,
                "name": str(form),
                "types": ", ".join(t.name for t in form.types.all()),
                "model": model.name if model else "",
                "grades": form.grades,
            }
        )
    return rows


def term_text(programme: Programme) -> str:
    starts = programme.starts_on or programme.academic_year.starts_on
    ends = programme.ends_on or programme.academic_year.ends_on
    return f"{ru(starts)} — {ru(ends)}"


def common_context(programme: Programme, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    items = list(items_of(programme))
    stages, rows = _stages(items, today)
    director = roadmap.director_of(programme.organisation)
    year = programme.academic_year
    codes = sorted({i.template_code for i in items if i.template_code})
    templates = roadmap.load_templates()
    return {
        "organisation": {"name": programme.organisation.name, "short_name": programme.organisation.short_name},
        "director": {"position": "Директор", **_person(director)},
        "curator": _person(programme.curator),
        "programme": {
            "title": programme.title,
            "academic_year": year.name,
            "status": programme.get_status_display(),
            "term": term_text(programme),
            "relevance": programme.relevance,
            "related_documents": programme.related_documents,
            "goals": programme.goals,
            "forms_description": programme.forms_description,
            "participants": programme.participants,
            "resources": programme.resources,
            "expected_results": programme.expected_results,
            "indicators": programme.indicators,
            "control": programme.control,
            "monitoring_frequency": programme.monitoring_frequency,
            "review_body": programme.review_body,
        },
        "approval": {
            "date": ru(programme.approved_on) if programme.approved_on else EMPTY_APPROVAL_DATE,
            "document": programme.approval_document,
        },
        "stages": stages,
        "items": rows,
        "plan": {
            "year_from": str(year.start_year),
            "year_to": str(year.start_year + 1),
            "templates": "; ".join(f"{templates[c].title} ({templates[c].source})" for c in codes if c in templates),
            "total": len(items),
            "done": sum(1 for i in items if i.status == ItemStatus.DONE),
            "overdue": sum(1 for i in items if i.is_overdue(today)),
        },
    }


def programme_context(programme: Programme, today: datetime.date | None = None) -> dict[str, Any]:
    return {
        **common_context(programme, today),
        "forms": _forms(programme),
        "cycle": _cycle_rows(programme),
        "cycle_description": roadmap.get_template(roadmap.ANNUAL_PLAN).cycle_description,
    }


def passport_docx(programme: Programme, today: datetime.date | None = None) -> bytes:
    return render_docx("programme", programme_context(programme, today), programme.organisation)


def roadmap_docx(programme: Programme, today: datetime.date | None = None) -> bytes:
    context = {**common_context(programme, today), "forms": [], "cycle": [], "cycle_description": ""}
    return render_docx("roadmap", context, programme.organisation)


def roadmap_xlsx(programme: Programme, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    rows = []
    for index, item in enumerate(items_of(programme), start=1):
        evidence = item.evidence_url or (item.evidence_file.name.rsplit("/", 1)[-1] if item.evidence_file else "")
        rows.append(
            (
                item.number or str(index),
                item.stage,
                item.title,
                item.form_of_work,
                dates_text(item),
                responsible_text(item),
                item.participants,
                item.result,
                status_text(item, today),
                ru(item.done_on),
                evidence,
            )
        )
    title = f"План {programme.academic_year.name}".replace("/", "-")
    return build_workbook(title, XLSX_HEADER, rows, XLSX_WIDTHS)


def filename(programme: Programme, stem: str, extension: str) -> str:
    """An ASCII-safe download name: «programme-12-2026-2027.docx»."""
    start = programme.academic_year.start_year
    return f"{stem}-{programme.pk}-{start}-{start + 1}.{extension}"
