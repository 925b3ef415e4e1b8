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
from docx.table import Table

from nastavnik.documents import docx_kit as kit
from nastavnik.documents.docx_kit import CENTER, JUSTIFY

BODY_PT, TABLE_PT = 12, 10

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


def _plan_table(document: Any, widths_mm: Sequence[int]) -> Table:
    """The annual plan grouped by stage: a merged heading row per stage, then its activities."""
    table = kit.grid_table(document, 9, PLAN_COLUMNS, size=TABLE_PT)
    kit.cell(table, 1, 0, "{%tr for s in stages %}", size=TABLE_PT)
    kit.cell(table, 2, 0, "{%tr if s.title %}", size=TABLE_PT)
    kit.merged_row(table, 3, "{{ s.title }}", bold=True, size=TABLE_PT)
    kit.cell(table, 4, 0, "{%tr endif %}", size=TABLE_PT)
    kit.cell(table, 5, 0, "{%tr for item in s.activities %}", size=TABLE_PT)
    for column, tag in enumerate(PLAN_TAGS):
        kit.cell(table, 6, column, tag, size=TABLE_PT)
    # One row per closing tag: docxtpl replaces a whole row by the tag it holds.
    kit.cell(table, 7, 0, "{%tr endfor %}", size=TABLE_PT)
    kit.cell(table, 8, 0, "{%tr endfor %}", size=TABLE_PT)
    kit.widths(table, widths_mm)
    kit.repeat_header(table)
    return table


def _approval_block(document: Any) -> None:
    for text in (
        "УТВЕРЖДАЮ",
        "{{ director.position }} {{ organisation.name }}",
        "_______________ / {{ director.name }}",
        "{{ approval.date }}",
        "{% if approval.document %}{{ approval.document }}{% endif %}",
    ):
        kit.paragraph(document, text, bold=text == "УТВЕРЖДАЮ", indent_mm=95, after=2)


def _section(document: Any, number: str, title: str, *, top: bool = False) -> None:
    kit.paragraph(document, f"{number} {title}", bold=True, italic=top, after=4)


def _text(document: Any, tag: str) -> None:
    kit.paragraph(document, tag, align=JUSTIFY)


def _programme(document: Any) -> None:
    kit.page(document, size=BODY_PT)
    _approval_block(document)
    kit.paragraph(document)
    kit.paragraph(document, "ПРОГРАММА НАСТАВНИЧЕСТВА", bold=True, align=CENTER, size=16, after=2)
    kit.paragraph(document, "«{{ programme.title }}»", bold=True, align=CENTER, size=14, after=2)
    kit.paragraph(document, "на {{ programme.academic_year }} учебный год", align=CENTER, after=2)
    kit.paragraph(document, "{{ organisation.name }}", align=CENTER, after=12)

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
    kit.loop_table(document, FORM_COLUMNS, FORM_TAGS, "for f in forms", FORM_WIDTHS_MM, size=TABLE_PT)

    kit.paragraph(document)
    _section(document, "2.", "Основные участники программы и их функции", top=True)
    _text(document, "{{ programme.participants or '—' }}")
    _text(document, "Куратор программы — {{ curator.full_name or 'не назначен' }}")
    _section(document, "2.2.", "Механизм управления программой наставничества")
    _text(document, "{{ cycle_description }}")
    kit.loop_table(document, CYCLE_COLUMNS, CYCLE_TAGS, "for t in cycle", CYCLE_WIDTHS_MM, size=TABLE_PT)
    kit.paragraph(document, "Ресурсы программы", italic=True, after=2)
    _text(document, "{{ programme.resources or '—' }}")

    _section(document, "3.", "Оценка результатов программы и ее эффективности", top=True)
    _section(document, "3.1.", "Организация контроля и оценки")
    _text(document, "{{ programme.control or '—' }}")
    _text(document, "Периодичность мониторинга: {{ programme.monitoring_frequency or '—' }}.")
    _text(document, "Результаты рассматривает: {{ programme.review_body or '—' }}.")
    _section(document, "3.2.", "Показатели и критерии оценки результативности программы наставничества")
    _text(document, "{{ programme.indicators or '—' }}")
    kit.paragraph(document, "Ожидаемые результаты", italic=True, after=2)
    _text(document, "{{ programme.expected_results or '—' }}")

    _section(document, "4.", "План реализации мероприятий программы наставничества на учебный год", top=True)
    _section(document, "4.1.", "Мероприятия программы наставничества на {{ programme.academic_year }} учебный год")
    _plan_table(document, PLAN_WIDTHS_PORTRAIT_MM)


def _roadmap(document: Any) -> None:
    kit.page(document, size=BODY_PT, landscape=True)
    kit.paragraph(document, "{{ organisation.name }}", align=CENTER, after=2)
    kit.paragraph(
        document,
        "План реализации мероприятий программы наставничества на {{ programme.academic_year }} учебный год",
        bold=True,
        align=CENTER,
        size=14,
        after=2,
    )
    kit.paragraph(document, "Программа наставничества «{{ programme.title }}»", align=CENTER, after=6)
    _plan_table(document, PLAN_WIDTHS_LANDSCAPE_MM)
    kit.paragraph(document)
    kit.paragraph(document, "Куратор программы _______________ / {{ curator.name or '________________' }}")


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
