"""Built-in templates of the programme document and of the roadmap (annual plan).

Kind "programme": «Программа наставничества» ready to approve — the approval block
«УТВЕРЖДАЮ», the sections of the approximate programme structure of source 002
(Приложение 1) with their numbers, the table of forms, the management cycle (002,
Приложение 5.2) and the plan of activities for the academic year.

Kind "roadmap": the annual plan of activities (002, Приложение 5.1 with the columns of
Приложение 1 item 4.1), A4 landscape, grouped by stage.

Both are built with python-docx and carry docxtpl tags; table rows are docxtpl row loops
(`{%tr for … %}` / `{%tr endfor %}` rows are removed when the document is rendered).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
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

# Annual plan columns: 002, Приложение 1 item 4.1 (annual-plan-002.yaml `columns`), plus №.
# A plan meant for approval carries no execution status (that is in the XLSX and on the pages).
PLAN_COLUMNS = (
    "№",
    "Наименования конкретных мероприятий",
    "Форма их реализации",
    "Сроки",
    "Ответственные за организацию и проведение",
    "Категория(-и) участников",
    "Ожидаемые результаты",
)
PLAN_TAGS = (
    "{{ item.number }}",
    "{{ item.title }}",
    "{{ item.form_of_work }}",
    "{{ item.period }}",
    "{{ item.responsible }}",
    "{{ item.participants }}",
    "{{ item.result }}",
)
PLAN_WIDTHS_LANDSCAPE_MM = (12, 70, 30, 27, 40, 30, 53)
PLAN_WIDTHS_PORTRAIT_MM = (10, 42, 20, 20, 26, 18, 29)

FORM_COLUMNS = (
    "№",
    "Форма наставничества",
    "Типы наставничества",
    "Ролевая модель / вариант взаимодействия",
    "Параллели",
)
FORM_TAGS = ("{{ f.n }}", "{{ f.name }}", "{{ f.types }}", "{{ f.model }}", "{{ f.grades }}")
FORM_WIDTHS_MM = (10, 50, 40, 45, 20)

# 002, Приложение 5.2 (annual-plan-002.yaml `cycle_columns`).
CYCLE_COLUMNS = ("№ п/п", "Функция управления программой наставничества", "Необходимые мероприятия", "Кто реализует")
CYCLE_TAGS = ("{{ t.n }}", "{{ t.function }}", "{{ t.title }}", "{{ t.responsible }}")
CYCLE_WIDTHS_MM = (12, 35, 80, 38)


def _setup(document: Any, *, landscape: bool = False) -> None:
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
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _paragraph(
    document: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    align: Any = None,
    size: int = 0,
    indent_mm: int = 0,
    after: int = 6,
) -> Paragraph:
    paragraph: Paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent_mm:
        paragraph.paragraph_format.left_indent = Mm(indent_mm)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _cell(table: Table, row: int, column: int, text: str, *, bold: bool = False, align: Any = None) -> None:
    paragraph = table.cell(row, column).paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(10)
    if align is not None:
        paragraph.alignment = align


def _widths(table: Table, widths_mm: Sequence[int]) -> None:
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < len(widths_mm):
                cell.width = Mm(widths_mm[index])


def _repeat_header(table: Table) -> None:
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _loop_table(
    document: Any, columns: Sequence[str], tags: Sequence[str], loop: str, widths_mm: Sequence[int]
) -> Table:
    """A table with a header and one docxtpl row loop: `{%tr for … %}`, the row of tags, `{%tr endfor %}`."""
    table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, title in enumerate(columns):
        _cell(table, 0, column, title, bold=True, align=CENTER)
    _cell(table, 1, 0, f"{{%tr {loop} %}}")
    for column, tag in enumerate(tags):
        _cell(table, 2, column, tag)
    _cell(table, 3, 0, "{%tr endfor %}")
    _widths(table, widths_mm)
    _repeat_header(table)
    return table


def _plan_table(document: Any, widths_mm: Sequence[int]) -> Table:
    """The annual plan grouped by stage: a merged heading row per stage, then its activities."""
    table = document.add_table(rows=9, cols=len(PLAN_COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, title in enumerate(PLAN_COLUMNS):
        _cell(table, 0, column, title, bold=True, align=CENTER)
    _cell(table, 1, 0, "{%tr for s in stages %}")
    _cell(table, 2, 0, "{%tr if s.title %}")
    heading = table.cell(3, 0).merge(table.cell(3, len(PLAN_COLUMNS) - 1))
    run = heading.paragraphs[0].add_run("{{ s.title }}")
    run.bold, run.font.size = True, Pt(10)
    _cell(table, 4, 0, "{%tr endif %}")
    _cell(table, 5, 0, "{%tr for item in s.activities %}")
    for column, tag in enumerate(PLAN_TAGS):
        _cell(table, 6, column, tag)
    # One row per closing tag: docxtpl replaces a whole row by the tag it holds.
    _cell(table, 7, 0, "{%tr endfor %}")
    _cell(table, 8, 0, "{%tr endfor %}")
    _widths(table, widths_mm)
    _repeat_header(table)
    return table


def _approval_block(document: Any) -> None:
    for text in (
        "УТВЕРЖДАЮ",
        "{{ director.position }} {{ organisation.name }}",
        "_______________ / {{ director.name }}",
        "{{ approval.date }}",
        "{% if approval.document %}{{ approval.document }}{% endif %}",
    ):
        _paragraph(document, text, bold=text == "УТВЕРЖДАЮ", indent_mm=95, after=2)


def _section(document: Any, number: str, title: str, *, top: bool = False) -> None:
    _paragraph(document, f"{number} {title}", bold=True, italic=top, after=4)


def _text(document: Any, tag: str) -> None:
    _paragraph(document, tag, align=JUSTIFY)


def _programme(document: Any) -> None:
    _setup(document)
    _approval_block(document)
    _paragraph(document)
    _paragraph(document, "ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True, align=CENTER, size=16, after=2)
    _paragraph(document, "«{{ programme.title }}»", bold=True, align=CENTER, size=14, after=2)
    _paragraph(document, "на {{ programme.academic_year }} учебный год", align=CENTER, after=2)
    _paragraph(document, "{{ organisation.name }}", align=CENTER, after=12)

    _section(document, "1.", "Пояснительная записка", top=True)
    _section(document, "1.1.", "Актуальность разработки программы наставничества")
    _text(document, "{{ programme.relevance or '—' }}")
    _section(document, "1.2.", "Взаимосвязь с другими документами организации")
    _text(document, "{{ programme.related_documents or '—' }}")
    _section(document, "1.3.", "Цель и задачи программы наставничества")
    _text(document, "{{ programme.goals or '—' }}")
    _section(document, "1.4.", "Срок реализации программы")
    _text(document, "{{ programme.term }}")
    _section(document, "1.5.", "Применяемые формы наставничества и технологии")
    _text(document, "{{ programme.forms_description or '—' }}")
    _loop_table(document, FORM_COLUMNS, FORM_TAGS, "for f in forms", FORM_WIDTHS_MM)

    _paragraph(document)
    _section(document, "2.", "Основные участники программы и их функции", top=True)
    _text(document, "{{ programme.participants or '—' }}")
    _text(document, "Куратор программы — {{ curator.full_name or 'не назначен' }}")
    _section(document, "2.2.", "Механизм управления программой наставничества")
    _text(document, "{{ cycle_description }}")
    _loop_table(document, CYCLE_COLUMNS, CYCLE_TAGS, "for t in cycle", CYCLE_WIDTHS_MM)
    _paragraph(document, "Ресурсы программы", italic=True, after=2)
    _text(document, "{{ programme.resources or '—' }}")

    _section(document, "3.", "Оценка результатов программы и ее эффективности", top=True)
    _section(document, "3.1.", "Организация контроля и оценки")
    _text(document, "{{ programme.control or '—' }}")
    _text(document, "Периодичность мониторинга: {{ programme.monitoring_frequency or '—' }}.")
    _text(document, "Результаты рассматривает: {{ programme.review_body or '—' }}.")
    _section(document, "3.2.", "Показатели и критерии оценки результативности программы наставничества")
    _text(document, "{{ programme.indicators or '—' }}")
    _paragraph(document, "Ожидаемые результаты", italic=True, after=2)
    _text(document, "{{ programme.expected_results or '—' }}")

    _section(document, "4.", "План реализации мероприятий программы наставничества на учебный год", top=True)
    _section(document, "4.1.", "Мероприятия программы наставничества на {{ programme.academic_year }} учебный год")
    _plan_table(document, PLAN_WIDTHS_PORTRAIT_MM)


def _roadmap(document: Any) -> None:
    _setup(document, landscape=True)
    _paragraph(document, "{{ organisation.name }}", align=CENTER, after=2)
    _paragraph(
        document,
        "План реализации мероприятий программы наставничества на {{ programme.academic_year }} учебный год",
        bold=True,
        align=CENTER,
        size=14,
        after=2,
    )
    _paragraph(document, "Программа наставничества «{{ programme.title }}»", align=CENTER, after=6)
    _plan_table(document, PLAN_WIDTHS_LANDSCAPE_MM)
    _paragraph(document)
    _paragraph(document, "Куратор программы _______________ / {{ curator.name or '________________' }}")


def build_template(kind: str) -> bytes:
    document = Document()
    if kind == "roadmap":
        _roadmap(document)
    else:
        _programme(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sample_items() -> list[dict[str, Any]]:
    return [
        {
            "number": "1.1",
            "title": "Информирование педагогов школы о реализации клуба наставничества",
            "form_of_work": "Совещание",
            "period": "01.10.2026 — 31.10.2026",
            "responsible": "Куратор — Смирнова А. В.",
            "participants": "Педагоги",
            "result": "Педагоги проинформированы",
        }
    ]


def sample_context(kind: str) -> dict[str, Any]:
    """Every name the templates use, with believable values (checks an uploaded template)."""
    items = _sample_items()
    return {
        "organisation": {"name": "МБОУ «СОШ № 1 г. Приозёрска»", "short_name": "СОШ № 1"},
        "director": {"position": "Директор", "name": "Ковалёва Н. И.", "full_name": "Ковалёва Нина Ивановна"},
        "curator": {"name": "Смирнова А. В.", "full_name": "Смирнова Анна Викторовна"},
        "approval": {"date": "«___» __________ 20___ г.", "document": ""},
        "programme": {
            "title": "Точка развития",
            "academic_year": "2026/2027",
            "status": "Черновик",
            "term": "01.09.2026 — 31.08.2027",
            "relevance": "Актуальность программы.",
            "related_documents": "Программа развития школы на 2025–2030 годы.",
            "goals": "Цель и задачи.",
            "forms_description": "Форма «ученик – ученик».",
            "participants": "Обучающиеся 10 и 1 классов.",
            "resources": "Кадровые и методические ресурсы.",
            "expected_results": "Повышение успеваемости.",
            "indicators": "Показатели Приложения 2.",
            "control": "Текущий контроль 1 раз в месяц.",
            "monitoring_frequency": "1 раз в четверть",
            "review_body": "Педагогический совет",
        },
        "forms": [
            {"n": 1, "name": "Ученик – ученик", "types": "Наставничество ровесниками", "model": "", "grades": "1, 10"}
        ],
        "cycle_description": "Управление программой наставничества осуществляется куратором.",
        "cycle": [{"n": 1, "function": "Планирование", "title": "Подготовить условия.", "responsible": "Куратор"}],
        "stages": [{"title": "Подготовка условий для запуска клуба наставничества", "activities": items}],
        "items": items,
        "plan": {"year_from": "2026", "year_to": "2027", "templates": "", "total": 1, "done": 1, "overdue": 0},
    }
