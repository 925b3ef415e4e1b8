"""The report on the implementation of the programme (DOCX, PDF).

`build_report(org, year, user=…)` gathers everything once — the programmes, the Appendix-2
table (`report.build_reports` / `report.summary`), the monitoring figures of the dashboards
(`dashboard.dashboard_data`: stage 1 and 2 of source 003, involvement against the 70 % of
source 001, pairing schemes, source 000 statistics), their texts and the charts
(`report_content`) — into a `ReportData`; `report_docx` renders it through the editable
template of kind "report" (documents/rendering.py: the organisation's own upload, an
ancestor's, the platform's or the built-in one), `report_pdf` through the HTML template
monitoring/report_pdf.html (WeasyPrint). The project passport is in `passport`, the pairs as
XLSX in `pairs_xlsx`.

The DOCX is rendered here rather than by `render_docx` because the charts are docxtpl
InlineImage objects, which must be bound to the very template being rendered; the template
itself is chosen by `rendering.template_bytes` exactly as `render_docx` does.

For an organisation with subordinate organisations (a district, the region) the report is a
summary: indicator values added up over the organisations with programmes, the roll-up of the
dashboard, and an appendix with a section per organisation.
"""

from __future__ import annotations

import base64
import datetime
import io
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from docx.shared import Mm
from docxtpl import InlineImage

from nastavnik.access.rules import access_for
from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.text import plural_ru
from nastavnik.documents import rendering
from nastavnik.monitoring.dashboard import dashboard_data
from nastavnik.monitoring.report import OrgReport, build_reports, default_as_of, organisations_with_programmes, summary
from nastavnik.monitoring.report_content import (
    IN_MENTORING,
    analysis,
    draw_charts,
    indicator_groups,
    indicator_row,
    involvement_text,
    rollup_rows,
    ru_date,
    scheme_rows,
    schemes_text,
    stage1_text,
    stage2_lines,
    stage2_text,
    workshops_text,
)
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.pairs.models import Pair
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import Programme, ProgrammeFormat

Progress = Callable[[int, str], None]
CHART_WIDTH_MM = 160
# Organisations per batch of the indicator tables: each batch is one round of ~20 queries and
# a progress step of a background job.
REPORT_BATCH = 50


def _silent(percent: int, message: str) -> None:
    """The default progress callback: a report built in a request reports to no one."""


# -- the data of a report ---------------------------------------------------------------------


@dataclass
class ReportData:
    organisation: Organisation
    year: AcademicYear
    as_of: datetime.date
    context: dict[str, Any]
    charts: dict[str, bytes | None] = field(default_factory=dict)
    organisations: int = 1

    @property
    def is_territory(self) -> bool:
        return bool(self.context["report"]["is_territory"])


def report_scope(org: Organisation, year: AcademicYear, user: Any = None) -> tuple[list[Organisation], bool]:
    """The organisations whose indicator tables go into the report, and whether it is a summary."""
    territory = Organisation.objects.filter(parent=org).exists()
    if not territory:
        return [org], False
    orgs = organisations_with_programmes(org, year)
    if user is not None:
        access = access_for(user)
        orgs = [o for o in orgs if access.can_read_org(o)]
    return orgs, True


def count_organisations(org: Organisation, year: AcademicYear, user: Any = None) -> int:
    return len(report_scope(org, year, user)[0])


def reports_in_batches(
    orgs: Sequence[Organisation], year: AcademicYear, as_of: datetime.date, progress: Progress, start: int, end: int
) -> list[OrgReport]:
    """`build_reports` batch by batch, moving the progress from `start` to `end` per cent."""
    reports: list[OrgReport] = []
    total = len(orgs)
    for first in range(0, total, REPORT_BATCH):
        batch = orgs[first : first + REPORT_BATCH]
        reports += build_reports(batch, year, as_of)
        done = first + len(batch)
        progress(start + (end - start) * done // max(total, 1), f"Показатели: {done} из {total} организаций")
    return reports


def _programmes(orgs: Sequence[Organisation], year: AcademicYear) -> list[Programme]:
    return list(
        Programme.objects.filter(organisation__in=[o.pk for o in orgs], academic_year=year)
        .select_related("organisation", "curator", "academic_year")
        .order_by("organisation__path", "title", "pk")
    )


def _counts(programme_ids: list[int]) -> dict[str, dict[int, int]]:
    """Mentors, mentees and pairs (confirmed and later) per programme: three grouped queries."""

    def grouped(qs: Any, key: str) -> dict[int, int]:
        return dict(qs.order_by().values_list(key).annotate(n=Count("pk", distinct=True)))

    return {
        "mentors": grouped(MentorEntry.objects.filter(programme_id__in=programme_ids), "programme_id"),
        "mentees": grouped(MenteeEntry.objects.filter(programme_id__in=programme_ids), "programme_id"),
        "pairs": grouped(Pair.objects.filter(programme_id__in=programme_ids, status__in=IN_MENTORING), "programme_id"),
    }


def _forms(programme_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    for form in ProgrammeFormat.objects.filter(programme_id__in=programme_ids).select_related("form", "variant"):
        names[form.programme_id].append(str(form))
    return {pk: ", ".join(items) for pk, items in names.items()}


def term_text(programme: Programme) -> str:
    starts = programme.starts_on or programme.academic_year.starts_on
    ends = programme.ends_on or programme.academic_year.ends_on
    return f"{ru_date(starts)} — {ru_date(ends)}"


def programme_rows(programmes: Sequence[Programme]) -> list[dict[str, Any]]:
    ids = [p.pk for p in programmes]
    counts = _counts(ids)
    forms = _forms(ids)
    return [
        {
            "n": index,
            "title": programme.title,
            "organisation": programme.organisation.short_name,
            "organisation_id": programme.organisation_id,
            "term": term_text(programme),
            "curator": programme.curator.short_name if programme.curator else "",
            "forms": forms.get(programme.pk, ""),
            "mentors": counts["mentors"].get(programme.pk, 0),
            "mentees": counts["mentees"].get(programme.pk, 0),
            "pairs": counts["pairs"].get(programme.pk, 0),
            "status": programme.get_status_display(),
        }
        for index, programme in enumerate(programmes, start=1)
    ]


def passport_rows(programmes: Sequence[Programme]) -> list[dict[str, Any]]:
    return [
        {
            "title": p.title,
            "goals": p.goals or "—",
            "participants": p.participants or "—",
            "expected_results": p.expected_results or "—",
            "monitoring_frequency": p.monitoring_frequency or "не указана",
            "review_body": p.review_body or "не указано",
        }
        for p in programmes
    ]


# -- assembling ---------------------------------------------------------------------------------


def _section(report: OrgReport, index: int, programmes: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """An organisation in the appendix of a territory's report: its indicators that are not zero."""
    own = [p for p in programmes if p["organisation_id"] == report.organisation.pk]
    pairs = sum(p["pairs"] for p in own)
    mentees = sum(p["mentees"] for p in own)
    titles = ", ".join(f"«{p['title']}»" for p in own) or "нет"
    shown = [r for r in report.rows if r.start.value or r.result.value or r.target is not None]
    zero = [r.indicator.code for r in report.rows if r not in shown]
    summary_text = (
        f"Программы: {titles}. Наставляемых в базе: {mentees}, пар (групп): {pairs}. "
        f"На дату начала — {report.start_label}; на дату подведения итогов — {report.result_label}."
    )
    if zero:
        summary_text += f" Равны нулю или не заполнены показатели: {', '.join(zero)}."
    return {
        "n": index,
        "name": report.organisation.name,
        "summary": summary_text,
        "indicators": [indicator_row(r) for r in shown],
    }


def build_report(
    org: Organisation,
    year: AcademicYear,
    *,
    user: Any = None,
    as_of: datetime.date | None = None,
    today: datetime.date | None = None,
    progress: Progress = _silent,
) -> ReportData:
    """Everything the report shows, computed once for the DOCX and the PDF alike."""
    as_of = as_of or default_as_of(year)
    today = today or timezone.localdate()
    progress(5, "Отбор организаций")
    orgs, territory = report_scope(org, year, user)
    reports = reports_in_batches(orgs, year, as_of, progress, 5, 45)
    if territory:
        rows = summary(reports)
        start_label = "сумма по организациям (срезы на дату начала, иначе расчёт на дату начала программ)"
        result_label = f"сумма по организациям (итоговые срезы, иначе расчёт на {ru_date(as_of)})"
    elif reports:
        rows, start_label, result_label = reports[0].rows, reports[0].start_label, reports[0].result_label
    else:  # pragma: no cover - an organisation always gets its own table
        rows, start_label, result_label = [], "", ""
    progress(50, "Программы и их паспорта")
    programmes = _programmes(orgs, year)
    programme_list = programme_rows(programmes)
    progress(55, "Мониторинг: этапы 1 и 2, вовлечённость, схемы формирования пар")
    data = dashboard_data(org, year, user=user, as_of=as_of)
    progress(70, "Диаграммы")
    charts = draw_charts(rows, data)
    director = roadmap.director_of(org)
    curators = sorted({p.curator.short_name for p in programmes if p.curator})
    indicators = [indicator_row(r) for r in rows]
    orgs_word = _organisations_word(len(orgs))
    context: dict[str, Any] = {
        "organisation": {"name": org.name, "short_name": org.short_name, "kind": org.get_kind_display()},
        "report": {
            "title": "Отчёт о реализации программы наставничества",
            "year": year.name,
            "date": ru_date(today),
            "as_of": ru_date(as_of),
            "start_label": start_label,
            "result_label": result_label,
            "is_territory": territory,
            "scope": f"Сводный отчёт: {len(orgs)} {orgs_word} с программами наставничества",
            "organisations": len(orgs),
            "indicator_note": "* — значение введено вручную (с комментарием); «—» — значения нет.",
        },
        "programmes": programme_list,
        "passports": [] if territory else passport_rows(programmes),
        "groups": indicator_groups(indicators),
        "indicators": indicators,
        "monitoring": {
            "stage1": stage1_text(data),
            "stage2": stage2_text(data),
            "stage2_lines": stage2_lines(data),
            "involvement": involvement_text(data),
            "schemes": schemes_text(data),
            "workshops": workshops_text(data),
        },
        "schemes": scheme_rows(data),
        "rollup": rollup_rows(data) if territory else [],
        "analysis": analysis(rows, data),
        "signature": {
            "position": "Руководитель" if territory else "Директор",
            "name": director.short_name if director else "________________",
        },
        "curator": {"name": ", ".join(curators) if not territory else ""},
        "sections": [_section(r, i, programme_list) for i, r in enumerate(reports, start=1)] if territory else [],
        "charts": {},
    }
    return ReportData(org, year, as_of, context, charts, organisations=len(orgs))


def _organisations_word(count: int) -> str:
    return plural_ru(count, "организация", "организации", "организаций")


def report_docx(data: ReportData) -> bytes:
    """The DOCX from the organisation's template (or the built-in one), charts as pictures."""
    template = rendering.open_template(rendering.template_bytes("report", data.organisation))
    charts: dict[str, Any] = {
        name: InlineImage(template, io.BytesIO(png), width=Mm(CHART_WIDTH_MM)) if png else ""
        for name, png in data.charts.items()
    }
    rendering.render_document(template, {**data.context, "charts": charts})  # sandboxed Jinja
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def report_pdf(data: ReportData) -> bytes:
    """The PDF: the HTML template monitoring/report_pdf.html through WeasyPrint (A4, DejaVu)."""
    from weasyprint import HTML

    charts = {
        name: "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else ""
        for name, png in data.charts.items()
    }
    html = render_to_string("monitoring/report_pdf.html", {**data.context, "charts": charts})
    return bytes(HTML(string=html).write_pdf())


def filename(data: ReportData, extension: str) -> str:
    return f"otchet-{data.organisation.slug}-{data.year.start_year}.{extension}"
