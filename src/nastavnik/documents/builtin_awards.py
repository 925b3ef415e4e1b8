"""Built-in DOCX templates of the grammar «Лучший наставник» and the letters of thanks.

Built with python-docx; the Jinja tags ({{ full_name }}, {{ number }} …) are filled by
docxtpl. An organisation may download this template, restyle it in Word and upload its own.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

FONT = "DejaVu Serif"


def _paragraph(document: Any, text: str, *, size: int = 14, bold: bool = False, space_after: int = 8) -> Any:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(space_after)
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    return paragraph


def _landscape(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _portrait(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)


def _signature(document: Any) -> None:
    table = document.add_table(rows=1, cols=3)
    cells = table.rows[0].cells
    cells[0].text = "Руководитель организации"
    cells[1].text = "____________________"
    cells[2].text = "{{ director }}"
    for cell in cells:
        for run in cell.paragraphs[0].runs:
            run.font.name = FONT
            run.font.size = Pt(12)


def build_template(kind: str) -> bytes:
    document = Document()
    if kind == "certificate":
        _landscape(document)
        _paragraph(document, "{{ organisation }}", size=13)
        _paragraph(document, "ГРАМОТА", size=36, bold=True, space_after=2)
        _paragraph(document, "«Лучший наставник»", size=24, bold=True)
        _paragraph(document, "№ {{ number }}", size=13)
        _paragraph(document, "награждается", size=14, space_after=2)
        _paragraph(document, "{{ full_name }}", size=26, bold=True)
        _paragraph(document, "{{ text }}", size=14)
    else:
        _portrait(document)
        _paragraph(document, "{{ organisation }}", size=13, space_after=24)
        _paragraph(document, "БЛАГОДАРСТВЕННОЕ ПИСЬМО", size=28, bold=True, space_after=2)
        _paragraph(document, "№ {{ number }}", size=12, space_after=24)
        _paragraph(document, "{{ full_name }}", size=22, bold=True, space_after=16)
        _paragraph(document, "Администрация {{ organisation_short }} выражает Вам искреннюю благодарность", size=14)
        _paragraph(document, "{{ text }}", size=14, space_after=36)
    _paragraph(document, "{{ issued_on }}{% if city %}, {{ city }}{% endif %}", size=12)
    _signature(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sample_context(kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": "Грамота «Лучший наставник»" if kind == "certificate" else "Благодарственное письмо",
        "number": "1",
        "issued_on": "25.05.2026",
        "full_name": "Иванова Мария Петровна",
        "honoured": "Иванова Мария Петровна",
        "text": "за высокие результаты наставнической деятельности в 2025/2026 учебном году",
        "organisation": "МБОУ «Средняя общеобразовательная школа № 1»",
        "organisation_short": "МБОУ «СОШ № 1»",
        "programme": "Точка развития",
        "academic_year": "2025/2026",
        "director": "Петров П. П.",
        "city": "г. Приозёрск",
    }
