"""The Appendix-2 indicator table as XLSX: one sheet per organisation, a «Сводка» for a territory."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from nastavnik.common.xlsx import append_row, styled_cells, workbook_bytes
from nastavnik.monitoring.compute import Value
from nastavnik.monitoring.indicators import DEFINITIONS
from nastavnik.monitoring.report import OrgReport, Row, build_reports, organisations_with_programmes, summary
from nastavnik.orgs.models import AcademicYear, Organisation

HEADER = (
    "Код",
    "Показатель",
    "На дату начала",
    "На дату подведения итогов",
    "Динамика",
    "Динамика, %",
    "Цель",
    "Выполнено",
)
WIDTHS = (7, 90, 15, 17, 11, 13, 15, 15)
SUMMARY_TITLE = "Сводка"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most, no []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip() or "Организация"
    title, number = base[:31], 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.casefold())
    return title


def _cell_value(value: Value) -> int | None:
    return value.value


def _write_table(sheet: WriteOnlyWorksheet, rows: Sequence[Row], with_targets: bool) -> int:
    """The table of one sheet, written row by row (write-only mode: a region's 450 sheets took seconds
    in a normal workbook)."""
    bold, italic = Font(bold=True), Font(italic=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header = styled_cells(sheet, HEADER, bold)
    for cell in header:
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.append(header)
    by_code = {row.indicator.code: row for row in rows}
    written = 0
    for group in DEFINITIONS.groups:
        sheet.append(styled_cells(sheet, [group.code, group.title], bold))
        for section in group.sections:
            if section.subtitle:
                sheet.append(["", *styled_cells(sheet, [section.subtitle], italic)])
            for indicator in section.indicators:
                row = by_code[indicator.code]
                percent = row.percent
                cells = styled_cells(
                    sheet,
                    [
                        indicator.code,
                        indicator.name,
                        _cell_value(row.start),
                        _cell_value(row.result),
                        row.dynamics,
                        percent if percent is not None else "—",
                        row.target.label if with_targets and row.target else "",
                        row.met_label if with_targets else "",
                    ],
                )
                cells[1].alignment = wrap
                cells[5].number_format = "0.0"
                for column, value in ((2, row.start), (3, row.result)):
                    if value.is_manual:
                        note = f"{value.source_label}: {value.comment}" if value.comment else value.source_label
                        cells[column].comment = Comment(note, "Наставник")
                sheet.append(cells)
                written += 1
    return written


def _notes(sheet: WriteOnlyWorksheet, lines: Sequence[str]) -> None:
    sheet.append([])
    for line in lines:
        append_row(sheet, ["", line])


def indicators_workbook(
    reports: Sequence[OrgReport],
    year: AcademicYear,
    summary_rows: Sequence[Row] | None = None,
    territory: Organisation | None = None,
) -> tuple[bytes, int]:
    """The workbook and the number of indicator rows written (all sheets)."""
    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    written = 0
    if summary_rows is not None:
        sheet = workbook.create_sheet(sheet_title(SUMMARY_TITLE, taken))
        written += _write_table(sheet, summary_rows, with_targets=False)
        name = territory.name if territory is not None else ""
        _notes(
            sheet,
            [
                f"Сводка: {name}, учебный год {year.name}",
                f"Организаций с программами наставничества: {len(reports)}",
                "Значения — сумма по организациям (листы ниже).",
            ],
        )
    for report in reports:
        sheet = workbook.create_sheet(sheet_title(report.organisation.short_name, taken))
        written += _write_table(sheet, report.rows, with_targets=True)
        _notes(
            sheet,
            [
                f"{report.organisation.name}, учебный год {year.name}",
                f"На дату начала: {report.start_label}",
                f"На дату подведения итогов: {report.result_label}",
                "Примечание к ячейке — значение введено вручную (с комментарием).",
            ],
        )
    if not workbook.sheetnames:
        workbook.create_sheet(SUMMARY_TITLE)
    return workbook_bytes(workbook), written


@dataclass(frozen=True)
class Export:
    content: bytes
    organisations: int
    sheets: int
    rows: int


def export_indicators(org: Organisation, year: AcademicYear, as_of: datetime.date | None = None) -> Export:
    """One sheet for an organisation; for a district or the region a «Сводка» and a sheet per organisation."""
    if Organisation.objects.filter(parent=org).exists():
        reports = build_reports(organisations_with_programmes(org, year), year, as_of)
        content, rows = indicators_workbook(reports, year, summary(reports), territory=org)
        return Export(content, len(reports), len(reports) + 1, rows)
    reports = build_reports([org], year, as_of)
    content, rows = indicators_workbook(reports, year)
    return Export(content, 1, 1, rows)
