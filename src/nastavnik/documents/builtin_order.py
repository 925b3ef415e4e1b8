"""The built-in template of the director's order «О закреплении наставнических пар (групп)».

Built in code with python-docx, with docxtpl Jinja tags in it: a user downloads it, edits
the wording in Word or LibreOffice, keeps the tags and uploads it back. The table of
pairs is a docxtpl row loop (`{%tr for p in pairs %}` … `{%tr endfor %}`).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
COLUMNS = ("№", "Наставник", "Наставляемый(-е)", "Форма наставничества", "Период")
ROW_TAGS = ("{{ p.n }}", "{{ p.mentor }}", "{{ p.mentees }}", "{{ p.form }}", "{{ p.period }}")
WIDTHS_MM = (10, 45, 50, 40, 35)


def _paragraph(document: Any, text: str = "", *, bold: bool = False, align: Any = None, size: int = 0) -> Paragraph:
    paragraph: Paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(6)
    return paragraph


def _cell_text(table: Table, row: int, column: int, text: str, *, bold: bool = False, align: Any = None) -> None:
    cell = table.cell(row, column)
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if align is not None:
        paragraph.alignment = align


def _no_borders(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    # East-Asian font slot too, otherwise Word keeps its default for Cyrillic in some setups.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


EMPTY_DATE = "«___» __________ 20___ г."


def _heading(document: Any) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(document, "{{ organisation.name }}", bold=True, align=center)
    _paragraph(document, "ПРИКАЗ", bold=True, align=center, size=16)
    heading = document.add_table(rows=1, cols=2)
    _no_borders(heading)
    _cell_text(heading, 0, 0, f"{{{{ order.date_long or '{EMPTY_DATE}' }}}}")
    _cell_text(heading, 0, 1, "№ {{ order.number or '______' }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, "{{ organisation.place }}", align=center)
    _paragraph(document, "{{ order.title }}", bold=True, align=center)


def _body(document: Any) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(document, "{{ order.preamble }}", align=justify)
    _paragraph(document, "ПРИКАЗЫВАЮ:", bold=True)
    points = (
        "1. Закрепить наставнические пары (группы) программы наставничества «{{ programme.title }}» "
        "на период {{ order.period_long or order.period }} согласно приложению к настоящему приказу.",
        "2. {{ curator.appointment }}",
        "3. Куратору программы наставничества{% if curator.dative %} {{ curator.dative }}{% endif %} организовать "
        "работу наставнических пар (групп): встречи, ведение дневника наставника, индивидуальные планы развития "
        "наставляемых, сбор обратной связи и мониторинг.",
        "4. {{ order.control }}",
    )
    for text in points:
        _paragraph(document, text, align=justify)


def _signatures(document: Any) -> None:
    _paragraph(document)
    signature = document.add_table(rows=1, cols=2)
    _no_borders(signature)
    _cell_text(signature, 0, 0, "{{ director.position }}")
    _cell_text(signature, 0, 1, "_______________ {{ director.short_name }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document)
    _paragraph(document, "С приказом ознакомлены:")
    table = document.add_table(rows=3, cols=3)
    _no_borders(table)
    _cell_text(table, 0, 0, "{%tr for a in acquainted %}")
    _cell_text(table, 1, 0, "{{ a.name }}")
    _cell_text(table, 1, 1, "_______________")
    _cell_text(table, 1, 2, EMPTY_DATE)
    _cell_text(table, 2, 0, "{%tr endfor %}")


def _appendix(document: Any) -> None:
    center = WD_ALIGN_PARAGRAPH.CENTER
    document.add_page_break()
    appendix = _paragraph(document, "Приложение к приказу", align=WD_ALIGN_PARAGRAPH.RIGHT)
    appendix.add_run(f"\nот {{{{ order.date_long or '{EMPTY_DATE}' }}}} № {{{{ order.number or '______' }}}}")
    _paragraph(document, "Список наставнических пар (групп)", bold=True, align=center)
    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, title in enumerate(COLUMNS):
        _cell_text(table, 0, column, title, bold=True, align=center)
    _cell_text(table, 1, 0, "{%tr for p in pairs %}")
    for column, tag in enumerate(ROW_TAGS):
        _cell_text(table, 2, column, tag)
    _cell_text(table, 3, 0, "{%tr endfor %}")
    for row in table.rows:
        for column, cell in enumerate(row.cells):
            cell.width = Mm(WIDTHS_MM[column])
    _paragraph(document)
    _paragraph(document, "Всего пар и групп: {{ count }}")


def build_template(kind: str = "order") -> bytes:
    document = Document()
    _setup(document)
    _heading(document)
    _body(document)
    _signatures(document)
    _appendix(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def sample_context(kind: str = "order") -> dict[str, Any]:
    """Example data with every tag of the order, used to check an uploaded template."""
    return {
        "organisation": {
            "name": "Муниципальное бюджетное общеобразовательное учреждение «СОШ № 1»",
            "short_name": "СОШ № 1",
            "place": "г. Приозёрск",
        },
        "order": {
            "number": "45-од",
            "date": "15.12.2025",
            "title": "О закреплении наставнических пар (групп)",
            "preamble": "В соответствии с распоряжением Минпросвещения России от 25.12.2019 № Р-145 …",
            "period_from": "15.12.2025",
            "period_to": "31.05.2026",
            "period": "с 15.12.2025 по 31.05.2026",
            "date_long": "15 декабря 2025 г.",
            "period_long": "с 15 декабря 2025 г. по 31 мая 2026 г.",
            "control": "Контроль за исполнением настоящего приказа оставляю за собой.",
            "status": "Проект",
        },
        "regulation": "Положением о наставничестве СОШ № 1, утверждённым приказом от 01 сентября 2025 г. № 88-од",
        "acquainted": [
            {"name": "Петрова А. С.", "full_name": "Петрова Анна Сергеевна"},
            {"name": "Смирнова О. И.", "full_name": "Смирнова Ольга Игоревна"},
        ],
        "programme": {"title": "Точка развития", "year": "2025/2026"},
        "director": {"name": "Иванова Мария Петровна", "short_name": "Иванова М. П.", "position": "Директор"},
        "curator": {
            "name": "Петрова Анна Сергеевна",
            "short_name": "Петрова А. С.",
            "accusative": "Петрову А. С.",
            "dative": "Петровой А. С.",
            "appointment": "Назначить куратором программы наставничества Петрову А. С.",
        },
        "pairs": [
            {
                "n": 1,
                "mentor": "Смирнова Ольга Игоревна",
                "mentees": "Кузнецов Артём Андреевич",
                "mentee_list": ["Кузнецов Артём Андреевич"],
                "form": "Ученик — ученик",
                "period": "с 15.12.2025 по 31.05.2026",
                "is_group": False,
            },
            {
                "n": 2,
                "mentor": "Попов Денис Олегович",
                "mentees": "Соколова Вера Ильинична, Морозов Глеб Петрович",
                "mentee_list": ["Соколова Вера Ильинична", "Морозов Глеб Петрович"],
                "form": "Ученик — ученик",
                "period": "с 15.12.2025 по 31.05.2026",
                "is_group": True,
            },
        ],
        "count": 2,
    }
