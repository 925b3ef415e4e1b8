"""The python-docx pieces the built-in official documents share: an A4 page in Times New Roman,
paragraphs, bordered tables with a repeated header and docxtpl row loops.

The order, the programme, the roadmap, the report and the passport are built from them; the
awards are not (centred display type, their own font and page).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
CENTER, JUSTIFY, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.RIGHT


def page(document: Any, *, size: int, landscape: bool = False) -> None:
    """A4 with the margins of an official document, and the body text in FONT of `size` points."""
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin, section.right_margin = Mm(20), Mm(15)
        section.top_margin, section.bottom_margin = Mm(20), Mm(15)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(size)
    # East-Asian font slot too, otherwise Word keeps its default for Cyrillic in some setups.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def paragraph(
    document: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool | None = False,
    align: Any = None,
    size: int = 0,
    indent_mm: int = 0,
    after: int = 6,
) -> Paragraph:
    """A paragraph with one run of `text` (none when empty); `italic=None` leaves the run's italic unset."""
    added: Paragraph = document.add_paragraph()
    if text:
        run = added.add_run(text)
        run.bold = bold
        if italic is not None:
            run.italic = italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        added.alignment = align
    if indent_mm:
        added.paragraph_format.left_indent = Mm(indent_mm)
    added.paragraph_format.space_after = Pt(after)
    return added


def cell(
    table: Table, row: int, column: int, text: str, *, bold: bool = False, align: Any = None, size: int = 0
) -> None:
    """Text in the first paragraph of a cell; `size` 0 keeps the body size."""
    first = table.cell(row, column).paragraphs[0]
    run = first.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    if align is not None:
        first.alignment = align


def widths(table: Table, widths_mm: Sequence[int]) -> None:
    for table_row in table.rows:
        for index, table_cell in enumerate(table_row.cells):
            if index < len(widths_mm):
                table_cell.width = Mm(widths_mm[index])


def repeat_header(table: Table) -> None:
    """The first row is repeated at the top of every page the table runs onto."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def no_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def merged_row(
    table: Table, row: int, text: str, *, size: int, bold: bool | None = None, italic: bool | None = None
) -> None:
    """`text` across the whole width of a row (a group heading inside a table)."""
    merged = table.cell(row, 0).merge(table.cell(row, len(table.columns) - 1))
    run = merged.paragraphs[0].add_run(text)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    run.font.size = Pt(size)


def grid_table(document: Any, rows: int, columns: Sequence[str], *, size: int = 0) -> Table:
    """A centred bordered table of `rows` rows whose first row holds the column titles in bold."""
    table = document.add_table(rows=rows, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, title in enumerate(columns):
        cell(table, 0, column, title, bold=True, align=CENTER, size=size)
    return table


def loop_table(
    document: Any, columns: Sequence[str], tags: Sequence[str], loop: str, widths_mm: Sequence[int], *, size: int
) -> Table:
    """A header row and one docxtpl row loop: `{%tr for … %}`, the row of tags, `{%tr endfor %}`."""
    table = grid_table(document, 4, columns, size=size)
    cell(table, 1, 0, f"{{%tr {loop} %}}", size=size)
    for column, tag in enumerate(tags):
        cell(table, 2, column, tag, size=size)
    cell(table, 3, 0, "{%tr endfor %}", size=size)
    widths(table, widths_mm)
    repeat_header(table)
    return table
