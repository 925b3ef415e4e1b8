"""The report on the implementation of the programme (DOCX, PDF) and the project passport (DOCX).

`build_report(org, year, user=…)` gathers everything once — the programmes, the Appendix-2
table (`report.build_reports` / `report.summary`), the monitoring figures of the dashboards
(`dashboard.dashboard_data`: stage 1 and 2 of source 003, involvement against the 70 % of
source 001, pairing schemes, source 000 statistics) and the charts (`charts_png`) — into a
`ReportData`; `report_docx` renders it through the editable template of kind "report"
(documents/rendering.py: the organisation's own upload, an ancestor's, the platform's or the
built-in one), `report_pdf` through the HTML template monitoring/report_pdf.html (WeasyPrint).

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

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from docx.shared import Mm
from docxtpl import InlineImage

from nastavnik.access.rules import access_for
from nastavnik.common.declension import capitalised
from nastavnik.common.text import plural_ru
from nastavnik.documents import rendering
from nastavnik.monitoring import charts_png
from nastavnik.monitoring.charts_png import Bar
from nastavnik.monitoring.compute import Value
from nastavnik.monitoring.dashboard import DashboardData, SchemeFigures, dashboard_data
from nastavnik.monitoring.indicators import DEFINITIONS
from nastavnik.monitoring.report import (
    OrgReport,
    Row,
    build_reports,
    default_as_of,
    format_percent,
    organisations_with_programmes,
    summary,
)
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.pairs.models import Pair, PairMentee, PairStatus, Scheme
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ParticipantKind, Programme, ProgrammeForm

Progress = Callable[[int, str], None]
CHART_WIDTH_MM = 160
# Organisations per batch of the indicator tables: each batch is one round of ~20 queries and
# a progress step of a background job.
REPORT_BATCH = 50
# Charts of a territory show at most this many rows (the roll-up table lists them all).
CHART_ROWS = 25
IN_MENTORING = (PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.COMPLETED)
SCHEME_SHORT: dict[str, str] = {
    Scheme.APPOINTMENT: "Назначение куратором",
    Scheme.QUESTIONNAIRE: "Подбор по анкетам",
    Scheme.GROUP_MEETING: "Групповая встреча",
}
NO_DATA = "нет данных"
FILL_IN = "______________________________________________ (заполняется куратором)"


def _silent(percent: int, message: str) -> None:
    """The default progress callback: a report built in a request reports to no one."""


def ru_date(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def number(value: float | None, digits: int = 1) -> str:
    """4.5 → «4,5»; 4.0 → «4»; None → «—»."""
    if value is None:
        return "—"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",").replace("-", "−")


def share(value: float | None) -> str:
    return "—" if value is None else f"{number(value)} %"


def signed(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = number(value, digits)
    return f"+{text}" if value > 0 else text


def _value(value: Value) -> str:
    if value.value is None:
        return "—"
    return f"{value.value}*" if value.is_manual else str(value.value)


def indicator_row(row: Row) -> dict[str, Any]:
    dynamics = row.dynamics
    return {
        "code": row.indicator.code,
        "name": row.indicator.name,
        "start": _value(row.start),
        "current": _value(row.result),
        "dynamics": "—" if dynamics is None else (f"+{dynamics}" if dynamics > 0 else str(dynamics).replace("-", "−")),
        "percent": format_percent(row.percent).replace("-", "−"),
        "target": row.target.label if row.target else "",
        "met": row.met_label,
    }


def indicator_groups(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows laid out as Appendix 2: groups, the model subtitles of group 3, indicators."""
    by_code = {row["code"]: row for row in rows}
    return [
        {
            "code": group.code,
            "title": group.title,
            "sections": [
                {"subtitle": section.subtitle, "indicators": [by_code[i.code] for i in section.indicators]}
                for section in group.sections
            ],
        }
        for group in DEFINITIONS.groups
    ]


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
    from nastavnik.bases.models import MenteeEntry, MentorEntry

    def grouped(qs: Any, key: str) -> dict[int, int]:
        return dict(qs.order_by().values_list(key).annotate(n=Count("pk", distinct=True)))

    return {
        "mentors": grouped(MentorEntry.objects.filter(programme_id__in=programme_ids), "programme_id"),
        "mentees": grouped(MenteeEntry.objects.filter(programme_id__in=programme_ids), "programme_id"),
        "pairs": grouped(Pair.objects.filter(programme_id__in=programme_ids, status__in=IN_MENTORING), "programme_id"),
    }


def _forms(programme_ids: list[int]) -> dict[int, str]:
    names: dict[int, list[str]] = defaultdict(list)
    for form in ProgrammeForm.objects.filter(programme_id__in=programme_ids).select_related("form", "variant"):
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


# -- monitoring texts ---------------------------------------------------------------------------


def _of_five(value: float | None) -> str:
    """«4,5 из 5», or «оценок пока нет» instead of a bare dash."""
    return "оценок пока нет" if value is None else f"{number(value)} из 5"


def stage1_text(data: DashboardData) -> str:
    quality, conformity = data.total.quality, data.total.conformity
    lines = [
        f"Оценки встреч наставляемыми: средняя — {_of_five(quality.ratings.value)} "
        f"(оценок: {quality.ratings.count}); встреч проведено: {quality.meetings}.",
        f"Удовлетворённость наставляемых по итогам завершённых пар: {_of_five(quality.satisfaction.value)} "
        f"(ответов: {quality.satisfaction.count}).",
        f"Взаимная оценка при завершении: наставники — {_of_five(quality.mentor_marks.value)}, "
        f"наставляемые — {_of_five(quality.mentee_marks.value)}.",
        f"Регулярность встреч: каждый месяц встречались {quality.regular_pairs} из {quality.working_pairs} "
        f"работающих пар" + (f" ({share(quality.regular_share)})." if quality.regular_share is not None else "."),
    ]
    if conformity.responses:
        lines.append(
            f"Анкета соответствия куратора: анкет — {conformity.responses}, ответов «Да» — "
            f"{share(conformity.yes_share)} пунктов, средняя оценка — {_of_five(conformity.marks.value)}."
        )
    else:
        lines.append("Анкета соответствия куратора за учебный год не заполнялась.")
    return "\n".join(lines)


def stage2_lines(data: DashboardData) -> list[dict[str, Any]]:
    """Stage 2 as lines; `worse` marks a scale that changed the wrong way (a rise in anxiety too)."""
    surveys = data.total.surveys
    if not surveys.links:
        return [
            {
                "text": "Анкетирование «до» и «после» за учебный год не связано в пары кампаний: "
                "влияние программы на наставляемых не измерено.",
                "worse": False,
            }
        ]
    lines = [
        {
            "text": f"Связанных кампаний анкетирования «до → после»: {surveys.links}; по графику (входное — "
            f"в октябре–ноябре, итоговое — в мае): {surveys.on_schedule}. Ответов «до»: {surveys.before_answers}, "
            f"«после»: {surveys.after_answers}.",
            "worse": False,
        }
    ]
    for scale, change, _by_scheme in data.scale_changes():
        if change.before.value is None or change.after.value is None:
            lines.append(
                {
                    "text": f"{scale.instrument}: {scale.name} — сравнить нельзя: нет ответов «до» или «после».",
                    "worse": False,
                }
            )
            continue
        paired = ""
        if change.paired.count:
            paired = (
                f"; у ответивших оба раза ({change.paired.count}) — в среднем {signed(change.paired_delta)}, "
                f"рост у {share(change.improved_share)}"
            )
        delta = change.paired_delta if change.paired.count else change.delta
        verdict = scale.verdict(delta)
        lines.append(
            {
                "text": f"{scale.instrument}: {scale.name} — до {number(change.before.value, 2)}, после "
                f"{number(change.after.value, 2)}, изменение {signed(change.delta)}{paired}"
                + (f": {verdict}." if verdict else "."),
                "worse": verdict == "ухудшение",
            }
        )
    return lines


def stage2_text(data: DashboardData) -> str:
    return "\n".join(line["text"] for line in stage2_lines(data))


def involvement_text(data: DashboardData) -> str:
    involvement = data.total.involvement
    target = data.involvement_target
    met = {True: "цель достигнута", False: "цель не достигнута", None: "цель оценить нельзя"}[involvement.target_met]
    lines = [
        f"Обучающихся в наставничестве: {involvement.students_in} из {involvement.students} "
        f"({share(involvement.students_share)}); цель — не менее {target} %: {met}.",
        f"Педагогов в наставничестве: {involvement.teachers_in} из {involvement.teachers} "
        f"({share(involvement.teachers_share)}).",
    ]
    return "\n".join(lines)


def scheme_rows(data: DashboardData) -> list[dict[str, Any]]:
    rows = []
    for code, label, figures in data.schemes:
        rows.append(
            {
                "code": code,
                "name": label,
                "short": SCHEME_SHORT.get(code, label),
                "pairs": figures.formed,
                "completed": figures.completed,
                "completion": share(figures.completion_rate),
                "satisfaction": number(figures.quality.satisfaction.value),
                "change": signed(figures.change.paired_delta),
            }
        )
    return rows


def schemes_text(data: DashboardData) -> str:
    rated = [(label, f) for _, label, f in data.schemes if f.completion_rate is not None]
    if not rated:
        return "Завершённых и расформированных пар пока нет: сравнить схемы формирования пар нельзя."
    if not any(f.completed for _, f in rated):
        return (
            "Ни одна пара ещё не завершила работу с результатом (есть только расформированные): сравнивать схемы рано."
        )
    best_label, best = max(rated, key=lambda item: item[1].completion_rate or 0)
    return (
        "Доля завершённых пар считается среди закончивших работу (завершённых и расформированных). "
        f"Лучше всего завершаются пары, сформированные способом «{best_label}»: {share(best.completion_rate)}."
    )


def workshops_text(data: DashboardData) -> str:
    total = data.total
    return (
        "Статистика программы поддержки мастерских роста (приближённо): мастерских (наставнических групп) — "
        f"{total.workshops}; педагогов в наставничестве — {total.involvement.teachers_in}; обучающихся — "
        f"{total.involvement.students_in}; педагогов, прошедших обучение по наставничеству (показатель 2.1), — "
        f"{total.trained_teachers}."
    )


def analysis(rows: Sequence[Row], data: DashboardData) -> dict[str, str]:
    """Hints for «плюсы / минусы / корректировки» from the data; the curator rewrites them in Word."""
    pluses: list[str] = []
    minuses: list[str] = []
    met = [r.indicator.code for r in rows if r.met is True]
    missed = [r.indicator.code for r in rows if r.met is False]
    grew = [r.indicator.code for r in rows if (r.dynamics or 0) > 0]
    fell = [r.indicator.code for r in rows if (r.dynamics or 0) < 0]
    if met:
        pluses.append(f"Цели выполнены по показателям: {', '.join(met)}.")
    if grew:
        pluses.append(f"Рост к началу года по показателям: {', '.join(grew)}.")
    if missed:
        minuses.append(f"Цели не выполнены по показателям: {', '.join(missed)}.")
    if fell:
        minuses.append(f"Снижение к началу года по показателям: {', '.join(fell)}.")
    involvement = data.total.involvement
    if involvement.target_met is True:
        pluses.append(f"Вовлечённость обучающихся — {share(involvement.students_share)}: цель 70 % достигнута.")
    elif involvement.target_met is False:
        minuses.append(f"Вовлечённость обучающихся — {share(involvement.students_share)}: ниже цели 70 %.")
    satisfaction = data.total.quality.satisfaction.value
    if satisfaction is not None:
        (pluses if satisfaction >= 4 else minuses).append(
            f"Удовлетворённость наставляемых — {number(satisfaction)} из 5."
        )
    pairs: SchemeFigures = data.total.pairs
    if pairs.dissolved:
        minuses.append(f"Расформировано пар: {pairs.dissolved} из {pairs.formed}.")
    return {
        "pluses": "\n".join(pluses) or FILL_IN,
        "minuses": "\n".join(minuses) or FILL_IN,
        "corrections": FILL_IN,
    }


def rollup_rows(data: DashboardData) -> list[dict[str, Any]]:
    return [
        {
            "name": row.label,
            "organisations": row.organisations,
            "pairs": row.figures.pairs.formed,
            "completed": row.figures.pairs.completed,
            "students": share(row.figures.involvement.students_share),
            "teachers": share(row.figures.involvement.teachers_share),
            "satisfaction": number(row.figures.quality.satisfaction.value),
        }
        for row in data.rows
    ]


# -- charts -------------------------------------------------------------------------------------


def draw_charts(rows: Sequence[Row], data: DashboardData) -> dict[str, bytes | None]:
    involvement = data.total.involvement
    if data.rows:
        ranked = [r for r in data.rows if r.figures.involvement.students_share is not None][:CHART_ROWS]
        bars = [Bar(r.label, r.figures.involvement.students_share or 0) for r in ranked]
        title = "Вовлечённость обучающихся"
    else:
        bars = [
            Bar(label, value)
            for label, value in (("Обучающиеся", involvement.students_share), ("Педагоги", involvement.teachers_share))
            if value is not None
        ]
        title = "Вовлечённость в наставничество"
    stage2 = [
        Bar(scale.short or scale.name, change.after.value or 0, change.before.value)
        for scale, change, _ in data.scale_changes()
        if change.before.value is not None and change.after.value is not None
    ]
    schemes = [(SCHEME_SHORT.get(code, label), f) for code, label, f in data.schemes]
    return {
        "indicators": charts_png.indicators_chart(
            [Bar(r.indicator.code, r.result.value or 0, r.start.value or 0) for r in rows]
        ),
        "involvement": charts_png.percent_chart(bars, title, target=data.involvement_target),
        "stage2": charts_png.before_after_chart(stage2[:12], "Этап 2: средние значения «до» и «после»"),
        "schemes": charts_png.schemes_chart(
            [Bar(label, f.completion_rate) for label, f in schemes if f.completion_rate is not None],
            [
                Bar(label, f.quality.satisfaction.value)
                for label, f in schemes
                if f.quality.satisfaction.value is not None
            ],
        ),
    }


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


# -- project passport -----------------------------------------------------------------------------


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
    from nastavnik.bases.models import MenteeEntry
    from nastavnik.pairs.models import Outcome

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
    from nastavnik.programmes.exports import dates_text, responsible_text

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


# -- pairs as XLSX ------------------------------------------------------------------------------

PAIRS_HEADER = (
    "Организация",
    "Программа",
    "Учебный год",
    "Наставник",
    "Наставляемые",
    "Форма наставничества",
    "Как сформирована",
    "Статус",
    "Подтверждена",
    "Начало работы",
    "Плановое окончание",
    "Завершена",
    "Встреч",
    "Средняя оценка встреч",
)
PAIRS_WIDTHS = (24, 30, 11, 30, 45, 28, 24, 22, 13, 13, 13, 13, 8, 12)


def pair_rows(pairs: Any) -> list[tuple[Any, ...]]:
    """One row per pair; the pairs come annotated with `meetings_count` and `rating_mean`."""
    rows = []
    for pair in pairs:
        mentees = ", ".join(m.mentee.person.full_name for m in pair.members.all())
        rows.append(
            (
                pair.programme.organisation.short_name,
                pair.programme.title,
                pair.programme.academic_year.name,
                pair.mentor.person.full_name,
                mentees,
                str(pair.programme_form) if pair.programme_form else "",
                pair.get_scheme_display(),
                pair.get_status_display(),
                ru_date(timezone.localtime(pair.confirmed_at).date()) if pair.confirmed_at else "",
                ru_date(pair.started_on),
                ru_date(pair.planned_end_on),
                ru_date(timezone.localtime(pair.completed_at).date()) if pair.completed_at else "",
                pair.meetings_count,
                round(pair.rating_mean, 2) if pair.rating_mean is not None else None,
            )
        )
    return rows


def annotate_pairs(qs: Any) -> Any:
    from django.db.models import Avg, Prefetch

    members = PairMentee.objects.select_related("mentee__person").order_by("id")
    return (
        qs.select_related(
            "mentor__person",
            "programme__organisation",
            "programme__academic_year",
            "programme_form__form",
            "programme_form__variant",
        )
        .prefetch_related(Prefetch("members", queryset=members))
        .annotate(
            meetings_count=Count("meetings", distinct=True),
            rating_mean=Avg("meetings__ratings__score"),
        )
        .order_by("programme__organisation__path", "programme__title", "mentor__person__last_name", "pk")
    )


def pairs_filter(org: Organisation, programme: Programme | None) -> Q:
    if programme is not None:
        return Q(programme=programme)
    return subtree_q("programme__organisation__path", org.path)
