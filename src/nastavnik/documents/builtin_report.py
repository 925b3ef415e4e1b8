"""Built-in templates of the report on the implementation of the programme and of the project passport.

Kind "report": «Отчёт о реализации программы наставничества» for an organisation, a district
or the region and an academic year: the programmes' passport summary, the Appendix-2 indicator
table of source 002 (grouped as in the source), the two stages of the monitoring of source 003,
involvement against the 70 % target of source 001, the outcome by pairing scheme, charts
(`{{ charts.… }}` become pictures), the analysis «плюсы / минусы / корректировки» of source 002
(Приложение 5.2, «Анализ и контроль») that the curator completes in Word, and, for a territory,
a section per organisation.

Kind "passport": the project passport of source 002 (Приложение 4) with its numbering (the
source has no item 3), followed by the fields of the common project card of source 004.

Both are built with python-docx and carry docxtpl tags; table rows are docxtpl row loops, and
`{%p … %}` paragraphs (loops and conditions over whole blocks) disappear when rendered.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from nastavnik.documents import docx_kit as kit
from nastavnik.documents.docx_kit import CENTER, FONT, JUSTIFY

BODY_PT, TABLE_PT = 12, 9

# Appendix 2 of source 002: its two value columns, then the dynamics and the target.
INDICATOR_COLUMNS = (
    "Код",
    "Показатель",
    "На дату начала действия программы",
    "На дату подведения итогов",
    "Динамика",
    "Динамика, %",
    "Цель",
    "Выполнено",
)
INDICATOR_TAGS = (
    "{{ i.code }}",
    "{{ i.name }}",
    "{{ i.start }}",
    "{{ i.current }}",
    "{{ i.dynamics }}",
    "{{ i.percent }}",
    "{{ i.target }}",
    "{{ i.met }}",
)
INDICATOR_WIDTHS_MM = (11, 63, 17, 17, 14, 15, 14, 14)

ORG_INDICATOR_COLUMNS = (
    "Код",
    "На дату начала",
    "На дату подведения итогов",
    "Динамика",
    "Динамика, %",
    "Цель выполнена",
)
ORG_INDICATOR_TAGS = (
    "{{ i.code }}",
    "{{ i.start }}",
    "{{ i.current }}",
    "{{ i.dynamics }}",
    "{{ i.percent }}",
    "{{ i.met }}",
)
ORG_INDICATOR_WIDTHS_MM = (15, 30, 30, 25, 25, 40)

PROGRAMME_COLUMNS = (
    "№",
    "Программа",
    "Срок реализации",
    "Куратор",
    "Формы наставничества",
    "Наставников",
    "Наставляемых",
    "Пар (групп)",
)
PROGRAMME_TAGS = (
    "{{ p.n }}",
    "{{ p.title }}{% if report.is_territory %} — {{ p.organisation }}{% endif %}",
    "{{ p.term }}",
    "{{ p.curator }}",
    "{{ p.forms }}",
    "{{ p.mentors }}",
    "{{ p.mentees }}",
    "{{ p.pairs }}",
)
PROGRAMME_WIDTHS_MM = (8, 42, 24, 24, 28, 13, 14, 12)

ROLLUP_COLUMNS = (
    "Территория / организация",
    "Организаций",
    "Пар (групп)",
    "Завершено",
    "Обучающихся в наставничестве",
    "Педагогов в наставничестве",
    "Удовлетворённость",
)
ROLLUP_TAGS = (
    "{{ r.name }}",
    "{{ r.organisations }}",
    "{{ r.pairs }}",
    "{{ r.completed }}",
    "{{ r.students }}",
    "{{ r.teachers }}",
    "{{ r.satisfaction }}",
)
ROLLUP_WIDTHS_MM = (45, 18, 18, 18, 24, 24, 18)

SCHEME_COLUMNS = (
    "Схема формирования пар",
    "Пар (групп)",
    "Завершено",
    "Завершено, %",
    "Удовлетворённость (1–5)",
    "Изменение «до/после»",
)
SCHEME_TAGS = (
    "{{ s.name }}",
    "{{ s.pairs }}",
    "{{ s.completed }}",
    "{{ s.completion }}",
    "{{ s.satisfaction }}",
    "{{ s.change }}",
)
SCHEME_WIDTHS_MM = (50, 20, 20, 22, 26, 27)

# Source 002, Приложение 4, item 8 (columns verbatim).
STAGE_COLUMNS = ("Наименование этапа реализации проекта", "Дата начала", "Дата окончания")
STAGE_TAGS = ("{{ s.title }}", "{{ s.starts }}", "{{ s.ends }}")
STAGE_WIDTHS_MM = (105, 30, 30)
PROJECT_INDICATOR_COLUMNS = ("Индикатор проекта", "Значение")
PROJECT_INDICATOR_TAGS = ("{{ i.name }}", "{{ i.value }}")
PROJECT_INDICATOR_WIDTHS_MM = (135, 30)
# Source 004, the activity table of a project card (columns verbatim).
ACTIVITY_COLUMNS = ("№", "Мероприятия", "Сроки реализации", "Прогнозируемый результат", "Ответственный")
ACTIVITY_TAGS = ("{{ a.number }}", "{{ a.title }}", "{{ a.period }}", "{{ a.result }}", "{{ a.responsible }}")
ACTIVITY_WIDTHS_MM = (12, 55, 28, 40, 30)


def _setup(document: Any) -> None:
    kit.page(document, size=BODY_PT)
    styles = document.styles
    for name, size in (("Title", 16), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(4)
    title = styles["Title"]
    title.paragraph_format.alignment = CENTER
    # Word's «Title» has a bottom border; an official document has none.
    borders = title.element.pPr.find(qn("w:pBdr")) if title.element.pPr is not None else None
    if borders is not None:
        title.element.pPr.remove(borders)


def _heading(document: Any, text: str, level: int = 1) -> Paragraph:
    heading: Paragraph = document.add_heading(text, level=level)
    return heading


def _tag(document: Any, tag: str) -> Paragraph:
    """A paragraph holding only a `{%p … %}` tag (docxtpl removes the paragraph)."""
    return kit.paragraph(document, tag, after=0)


def _indicator_table(document: Any) -> Table:
    """Appendix 2 as in the source: a merged row per group, the model subtitle rows, then the indicators."""
    table = kit.grid_table(document, 12, INDICATOR_COLUMNS, size=TABLE_PT)
    kit.cell(table, 1, 0, "{%tr for g in groups %}", size=TABLE_PT)
    kit.merged_row(table, 2, "{{ g.code }}. {{ g.title }}", bold=True, size=TABLE_PT)
    kit.cell(table, 3, 0, "{%tr for sub in g.sections %}", size=TABLE_PT)
    kit.cell(table, 4, 0, "{%tr if sub.subtitle %}", size=TABLE_PT)
    kit.merged_row(table, 5, "{{ sub.subtitle }}", italic=True, size=TABLE_PT)
    kit.cell(table, 6, 0, "{%tr endif %}", size=TABLE_PT)
    kit.cell(table, 7, 0, "{%tr for i in sub.indicators %}", size=TABLE_PT)
    for column, tag in enumerate(INDICATOR_TAGS):
        kit.cell(table, 8, column, tag, size=TABLE_PT)
    # One row per closing tag: docxtpl replaces a whole row by the tag it holds.
    kit.cell(table, 9, 0, "{%tr endfor %}", size=TABLE_PT)
    kit.cell(table, 10, 0, "{%tr endfor %}", size=TABLE_PT)
    kit.cell(table, 11, 0, "{%tr endfor %}", size=TABLE_PT)
    kit.widths(table, INDICATOR_WIDTHS_MM)
    kit.repeat_header(table)
    return table


def _chart(document: Any, tag: str) -> None:
    kit.paragraph(document, "{{ " + tag + " }}", align=CENTER)


def _report(document: Any) -> None:
    _setup(document)
    kit.paragraph(document, "{{ organisation.name }}", align=CENTER, after=18)
    kit.paragraph(document, "ОТЧЁТ", bold=True, align=CENTER, after=2).runs[0].font.size = Pt(16)
    kit.paragraph(document, "о реализации программы наставничества", bold=True, align=CENTER, after=2)
    kit.paragraph(document, "за {{ report.year }} учебный год", align=CENTER, after=2)
    kit.paragraph(document, "{% if report.is_territory %}{{ report.scope }}{% endif %}", align=CENTER, after=12)
    kit.paragraph(
        document,
        "Дата формирования: {{ report.date }}. Значения показателей: на дату начала — {{ report.start_label }}; "
        "на дату подведения итогов — {{ report.result_label }}.",
        italic=True,
        align=JUSTIFY,
    )

    _heading(document, "1. Паспорт программы наставничества")
    kit.loop_table(
        document, PROGRAMME_COLUMNS, PROGRAMME_TAGS, "for p in programmes", PROGRAMME_WIDTHS_MM, size=TABLE_PT
    )
    kit.paragraph(document, "{% if not programmes %}Программ наставничества за учебный год нет.{% endif %}")
    _tag(document, "{%p for p in passports %}")
    kit.paragraph(document, "«{{ p.title }}»", bold=True, after=2)
    kit.paragraph(document, "Цель и задачи: {{ p.goals }}", align=JUSTIFY, after=2)
    kit.paragraph(document, "Участники: {{ p.participants }}", align=JUSTIFY, after=2)
    kit.paragraph(document, "Ожидаемые результаты: {{ p.expected_results }}", align=JUSTIFY, after=2)
    kit.paragraph(
        document,
        "Периодичность мониторинга: {{ p.monitoring_frequency }}. Результаты рассматривает: {{ p.review_body }}.",
        align=JUSTIFY,
    )
    _tag(document, "{%p endfor %}")

    _heading(document, "2. Показатели реализации программы (Приложение 2)")
    _indicator_table(document)
    kit.paragraph(document, "{{ report.indicator_note }}", italic=True)
    _chart(document, "charts.indicators")

    _heading(document, "3. Результаты мониторинга")
    _heading(document, "3.1. Этап 1. Мониторинг процесса реализации программы", level=2)
    kit.paragraph(document, "{{ monitoring.stage1 }}", align=JUSTIFY)
    _heading(document, "3.2. Этап 2. Мониторинг влияния программы на наставляемых", level=2)
    # A scale that changed the wrong way (a rise in anxiety) is printed in red.
    _tag(document, "{%p for line in monitoring.stage2_lines %}")
    _tag(document, "{%p if line.worse %}")
    worse = kit.paragraph(document, "{{ line.text }}", align=JUSTIFY)
    worse.runs[0].font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
    _tag(document, "{%p else %}")
    kit.paragraph(document, "{{ line.text }}", align=JUSTIFY)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _chart(document, "charts.stage2")
    _heading(document, "3.3. Вовлечённость в наставничество", level=2)
    kit.paragraph(document, "{{ monitoring.involvement }}", align=JUSTIFY)
    _chart(document, "charts.involvement")
    _tag(document, "{%p if rollup %}")
    kit.loop_table(document, ROLLUP_COLUMNS, ROLLUP_TAGS, "for r in rollup", ROLLUP_WIDTHS_MM, size=TABLE_PT)
    _tag(document, "{%p endif %}")
    _heading(document, "3.4. Результаты по схемам формирования пар", level=2)
    kit.loop_table(document, SCHEME_COLUMNS, SCHEME_TAGS, "for s in schemes", SCHEME_WIDTHS_MM, size=TABLE_PT)
    kit.paragraph(document, "{{ monitoring.schemes }}", align=JUSTIFY)
    _chart(document, "charts.schemes")
    kit.paragraph(document, "{% if monitoring.workshops %}{{ monitoring.workshops }}{% endif %}", align=JUSTIFY)

    _heading(document, "4. Анализ реализации программы")
    kit.paragraph(
        document,
        "Анализ плюсов и минусов реализации программы и необходимые корректировки (заполняется куратором; "
        "подсказки ниже собраны по данным мониторинга).",
        italic=True,
    )
    _heading(document, "4.1. Плюсы", level=2)
    kit.paragraph(document, "{{ analysis.pluses }}", align=JUSTIFY)
    _heading(document, "4.2. Минусы", level=2)
    kit.paragraph(document, "{{ analysis.minuses }}", align=JUSTIFY)
    _heading(document, "4.3. Корректировки", level=2)
    kit.paragraph(document, "{{ analysis.corrections }}", align=JUSTIFY)

    kit.paragraph(document)
    kit.paragraph(document, "{{ signature.position }} _______________ / {{ signature.name }}")
    kit.paragraph(document, "{% if curator.name %}Куратор программы _______________ / {{ curator.name }}{% endif %}")

    _tag(document, "{%p if sections %}")
    _heading(document, "Приложение. Показатели по организациям")
    _tag(document, "{%p for s in sections %}")
    _heading(document, "{{ s.n }}. {{ s.name }}", level=2)
    kit.paragraph(document, "{{ s.summary }}", align=JUSTIFY)
    kit.loop_table(
        document,
        ORG_INDICATOR_COLUMNS,
        ORG_INDICATOR_TAGS,
        "for i in s.indicators",
        ORG_INDICATOR_WIDTHS_MM,
        size=TABLE_PT,
    )
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")


def _passport(document: Any) -> None:
    _setup(document)
    kit.paragraph(document, "{{ organisation.name }}", align=CENTER, after=12)
    kit.paragraph(document, "ПАСПОРТ ПРОЕКТА", bold=True, align=CENTER, after=2).runs[0].font.size = Pt(16)
    kit.paragraph(document, "«{{ project.title }}»", bold=True, align=CENTER, after=2)
    kit.paragraph(document, "на {{ project.year }} учебный год", align=CENTER, after=12)

    # Source 002, Приложение 4: headings and numbering verbatim (the source has no item 3).
    _heading(document, "I. Общая информация")
    _heading(document, "1. Наименование проекта", level=2)
    kit.paragraph(document, "{{ project.title }}")
    _heading(document, "2. Участники проекта", level=2)
    kit.paragraph(document, "{{ project.participants }}", align=JUSTIFY)
    _heading(document, "II. Описание проекта")
    _heading(document, "4. Цели реализации проекта", level=2)
    kit.paragraph(document, "{{ project.goals }}", align=JUSTIFY)
    _heading(document, "5. Индикаторы проекта", level=2)
    kit.loop_table(
        document,
        PROJECT_INDICATOR_COLUMNS,
        PROJECT_INDICATOR_TAGS,
        "for i in indicators",
        PROJECT_INDICATOR_WIDTHS_MM,
        size=TABLE_PT,
    )
    kit.paragraph(document, "{% if project.criteria %}{{ project.criteria }}{% endif %}", align=JUSTIFY)
    _heading(document, "6. Задачи проекта", level=2)
    kit.paragraph(document, "{{ project.tasks }}", align=JUSTIFY)
    _heading(document, "7. Перечень ожидаемых результатов реализации проекта", level=2)
    kit.paragraph(document, "{{ project.expected_results }}", align=JUSTIFY)
    _heading(document, "8. Сроки реализации проекта", level=2)
    kit.loop_table(document, STAGE_COLUMNS, STAGE_TAGS, "for s in stages", STAGE_WIDTHS_MM, size=TABLE_PT)

    # Source 004: the fields of the common project card that the passport of 002 does not have.
    _heading(document, "III. Карточка проекта")
    _heading(document, "Актуальность проекта", level=2)
    kit.paragraph(document, "{{ project.relevance }}", align=JUSTIFY)
    _heading(document, "Целевые группы и формы наставничества", level=2)
    kit.paragraph(document, "{{ project.target_groups }}", align=JUSTIFY)
    _heading(document, "Краткое описание замысла проекта", level=2)
    kit.paragraph(document, "{{ project.concept }}", align=JUSTIFY)
    _heading(document, "Мероприятия проекта", level=2)
    kit.loop_table(document, ACTIVITY_COLUMNS, ACTIVITY_TAGS, "for a in activities", ACTIVITY_WIDTHS_MM, size=TABLE_PT)
    _heading(document, "Источники финансирования", level=2)
    kit.paragraph(document, "{{ project.funding }}", align=JUSTIFY)
    _heading(document, "Участники реализации проекта", level=2)
    kit.paragraph(document, "{{ project.participants }}", align=JUSTIFY)
    _heading(document, "Руководитель рабочей группы", level=2)
    kit.paragraph(document, "{{ project.leaders }}")
    _heading(document, "Взаимосвязь с направлениями НП «Образование»", level=2)
    kit.paragraph(document, "{{ project.national_projects }}")
    kit.paragraph(document)
    kit.paragraph(document, "{{ director.position }} _______________ / {{ director.name }}")


def build_template(kind: str) -> bytes:
    document = Document()
    if kind == "passport":
        _passport(document)
    else:
        _report(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class Described(dict[str, Any]):
    """A sample row whose text on the templates page names the row's own tags (nested table loops)."""

    def __init__(self, description: str, **values: Any) -> None:
        super().__init__(**values)
        self.description = description

    def __str__(self) -> str:
        return self.description


def _sample_indicator(code: str, name: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "start": "3",
        "current": "7",
        "dynamics": "+4",
        "percent": "+133,3 %",
        "target": "+15 %",
        "met": "выполнено",
    }


def _report_sample() -> dict[str, Any]:
    indicator = _sample_indicator("1.1", "Количество обучающихся, подавших «запрос на помощь наставника»")
    org_row = Described(
        "строки таблицы организации: {%tr for i in s.indicators %} … {{ i.code }}, {{ i.start }}, {{ i.current }}, "
        "{{ i.dynamics }}, {{ i.percent }}, {{ i.met }} … {%tr endfor %}",
        **indicator,
    )
    section = Described(
        "группа показателей: {{ g.code }}, {{ g.title }}; внутри {%tr for sub in g.sections %} с {{ sub.subtitle }} "
        "и {%tr for i in sub.indicators %} (теги строки — как у indicators)",
        subtitle="",
        indicators=[indicator],
    )
    return {
        "organisation": {"name": "МБОУ «СОШ № 1 г. Приозёрска»", "short_name": "СОШ № 1", "kind": "Школа"},
        "report": {
            "title": "Отчёт о реализации программы наставничества",
            "year": "2026/2027",
            "date": "25.05.2027",
            "as_of": "25.05.2027",
            "start_label": "срез на дату начала 01.10.2026",
            "result_label": "расчёт на 25.05.2027",
            "is_territory": False,
            "scope": "Сводный отчёт: 12 организаций",
            "organisations": 1,
            "indicator_note": "* — значение введено вручную (с комментарием).",
        },
        "programmes": [
            {
                "n": 1,
                "title": "Точка развития",
                "organisation": "СОШ № 1",
                "term": "01.09.2026 — 31.05.2027",
                "curator": "Смирнова А. В.",
                "forms": "Ученик – ученик",
                "mentors": 12,
                "mentees": 18,
                "pairs": 14,
                "status": "Реализуется",
            }
        ],
        "passports": [
            {
                "title": "Точка развития",
                "goals": "Цель и задачи программы.",
                "participants": "Обучающиеся 5–11 классов.",
                "expected_results": "Повышение успеваемости.",
                "monitoring_frequency": "1 раз в четверть",
                "review_body": "Педагогический совет",
            }
        ],
        "groups": [
            Described(
                "группа показателей: {{ g.code }}, {{ g.title }}; внутри {%tr for sub in g.sections %} "
                "с {{ sub.subtitle }} и {%tr for i in sub.indicators %}",
                code="1",
                title="Наличие мотивированных запросов …",
                sections=[section],
            )
        ],
        "indicators": [indicator],
        "monitoring": {
            "stage1": "Удовлетворённость участников — 4,5 из 5 …",
            "stage2": "Изменение «до/после» — +0,6 балла …",
            "stage2_lines": [
                {"text": "Самооценка: Вовлечённость — до 9, после 10,2, изменение +1,2: улучшение.", "worse": False},
                {"text": "Самооценка: Тревожность — до 7, после 8, изменение +1: ухудшение.", "worse": True},
            ],
            "involvement": "Обучающихся в наставничестве — 54 % (цель — 70 %) …",
            "schemes": "Лучше всего завершаются пары, подобранные по анкетам …",
            "workshops": "Мастерских открыто: 3 …",
        },
        "rollup": [
            {
                "name": "Заречный р-н",
                "organisations": 12,
                "pairs": 140,
                "completed": 60,
                "students": "54 %",
                "teachers": "81 %",
                "satisfaction": "4,5",
            }
        ],
        "schemes": [
            {
                "name": "Подбор по анкетам",
                "pairs": 10,
                "completed": 8,
                "completion": "80 %",
                "satisfaction": "4,6",
                "change": "+0,7",
            }
        ],
        "charts": {
            "indicators": "рисунок: показатели на дату начала и текущие (тег — отдельным абзацем)",
            "stage2": "рисунок: средние значения «до» и «после» по анкетам",
            "involvement": "рисунок: вовлечённость обучающихся и педагогов, цель 70 %",
            "schemes": "рисунок: завершённость и удовлетворённость по схемам формирования пар",
        },
        "analysis": {
            "pluses": "Выполнены цели по показателям 1.1, 2.2 …",
            "minuses": "Вовлечённость обучающихся ниже 70 % …",
            "corrections": "__________",
        },
        "signature": {"position": "Директор", "name": "Ковалёва Н. И."},
        "curator": {"name": "Смирнова А. В."},
        "sections": [
            Described(
                "раздел организации: {{ s.n }}, {{ s.name }}, {{ s.summary }} и таблица {%tr for i in s.indicators %}",
                n=1,
                name="МБОУ «СОШ № 1 г. Приозёрска»",
                summary="Программ: 1, пар: 14, вовлечённость обучающихся — 54 %.",
                indicators=[org_row],
            )
        ],
    }


def _passport_sample() -> dict[str, Any]:
    return {
        "organisation": {"name": "МБОУ «СОШ № 1 г. Приозёрска»", "short_name": "СОШ № 1"},
        "director": {"position": "Директор", "name": "Ковалёва Н. И."},
        "project": {
            "title": "Точка развития",
            "year": "2026/2027",
            "participants": "заместитель руководителя по учебной работе; обучающиеся 5–11 классов …",
            "goals": "психолого-педагогическая поддержка обучающихся …",
            "tasks": "1. Выяснить запросы обучающихся …",
            "expected_results": "1. Удовлетворены запросы обучающихся …",
            "criteria": "Показатели Приложения 2.",
            "relevance": "Актуальность проекта.",
            "target_groups": "Ученик – ученик: наставник — обучающийся, наставляемый — обучающийся.",
            "concept": "Форма «ученик – ученик».",
            "resources": "в рамках текущего финансирования",
            "leaders": "Смирнова Анна Викторовна, куратор программы",
            "national_projects": "«Современная школа»",
            "funding": "Бюджетное финансирование",
        },
        "indicators": [
            {"name": "Количество обучающихся, вошедших в состав наставнических пар", "value": 18},
        ],
        "stages": [{"title": "Подготовительный", "starts": "01.09.2026", "ends": "30.09.2026"}],
        "activities": [
            {
                "number": "1",
                "title": "Формирование базы наставников",
                "period": "01.10.2026 — 31.10.2026",
                "result": "База наставников сформирована",
                "responsible": "Куратор — Смирнова А. В.",
            }
        ],
    }


def sample_context(kind: str) -> dict[str, Any]:
    """Every name the templates use, with believable values (documents the tags, checks an upload)."""
    return _passport_sample() if kind == "passport" else _report_sample()
