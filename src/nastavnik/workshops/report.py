"""The workshops report of source 000 §5 as XLSX: one sheet for a school; for a district or the
region a «Сводка» sheet (one row per organisation and the total) and one sheet per organisation
with workshop data. Trajectories are listed with their hours."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nastavnik.common.xlsx import append_row, safe_value, workbook_bytes
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.workshops.models import Enrolment, PopularisationEvent, Trajectory, Workshop
from nastavnik.workshops.stats import WorkshopStats, compute

SUMMARY = "Сводка"


@dataclass
class Export:
    content: bytes
    organisations: int
    sheets: int


def figure_rows(figures: WorkshopStats) -> list[tuple[str, int]]:
    rows = [
        ("Мастерских открыто", figures.workshops),
        ("Педагогов участвует", figures.teachers),
        ("Учеников участвует", figures.students),
        ("Педагогов, прошедших повышение квалификации", figures.pd_teachers),
    ]
    rows += [
        (f"  траектория «{f.trajectory.name}» ({f.trajectory.hours} ч)", f.completed) for f in figures.by_trajectory
    ]
    rows += [
        ("Проектов в мастерских", figures.projects),
        ("  из них выполнено", figures.projects_completed),
        ("Мероприятий популяризации проекта", figures.popularisation),
    ]
    return rows


def _header(sheet: object, names: list[str]) -> None:
    cells = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=safe_value(name))
        cell.font = Font(bold=True)
        cells.append(cell)
    sheet.append(cells)  # type: ignore[attr-defined]


def _org_sheet(workbook: Workbook, title: str, org: Organisation, year: AcademicYear, figures: WorkshopStats) -> None:
    sheet = workbook.create_sheet(title[:31])
    sheet.column_dimensions["A"].width = 50
    append_row(sheet, [org.name])
    append_row(sheet, [f"Учебный год {year.name}"])
    _header(sheet, ["Показатель (источник 000, раздел 5)", "Значение"])
    for label, value in figure_rows(figures):
        append_row(sheet, [label, value])


def _with_data(root: Organisation, year: AcademicYear) -> list[Organisation]:
    ids: set[int] = set()
    ids |= set(Workshop.objects.filter(seasons__academic_year=year).values_list("organisation_id", flat=True))
    ids |= set(Enrolment.objects.filter(academic_year=year).values_list("organisation_id", flat=True))
    ids |= set(PopularisationEvent.objects.filter(academic_year=year).values_list("organisation_id", flat=True))
    qs = Organisation.objects.filter(subtree_q("path", root.path), pk__in=ids).exclude(pk=root.pk)
    return list(qs.order_by("short_name", "pk"))


def _sheet_title(org: Organisation, used: set[str]) -> str:
    base = "".join(ch for ch in (org.short_name or org.name) if ch not in "[]:*?/\\")[:28] or str(org.pk)
    title, n = base, 2
    while title in used or title == SUMMARY:
        title, n = f"{base[:26]} {n}", n + 1
    used.add(title)
    return title


def build_export(org: Organisation, year: AcademicYear) -> Export:
    workbook = Workbook(write_only=True)
    if not Organisation.objects.filter(parent=org).exists():
        _org_sheet(workbook, org.short_name or org.name, org, year, compute(org, year))
        return Export(workbook_bytes(workbook), 1, 1)
    members = _with_data(org, year)
    summary = workbook.create_sheet(SUMMARY)
    summary.column_dimensions["A"].width = 40
    append_row(summary, [f"{org.name}: мастерские роста, {year.name} учебный год"])
    trajectories = list(Trajectory.objects.all())
    labels = [label.strip() for label, _ in figure_rows(WorkshopStats(by_trajectory=[]))]
    _header(summary, ["Организация", *labels[:4], *[f"«{t.name}» ({t.hours} ч)" for t in trajectories], *labels[4:]])
    per_org = [(member, compute(member, year, subtree=False)) for member in members]
    for member, figures in [*per_org, (org, compute(org, year))]:
        name = "Итого" if member is org else member.short_name
        append_row(summary, [name, *[value for _, value in figure_rows(figures)]])
    used: set[str] = set()
    for member, figures in per_org:
        _org_sheet(workbook, _sheet_title(member, used), member, year, figures)
    return Export(workbook_bytes(workbook), len(members), len(members) + 1)


def build_xlsx(org: Organisation, year: AcademicYear) -> bytes:
    return build_export(org, year).content
