"""The built-in template of the director's order «О закреплении наставнических пар (групп)».

Built in code with python-docx, with docxtpl Jinja tags in it: a user downloads it, edits
the wording in Word or LibreOffice, keeps the tags and uploads it back. The table of
pairs is a docxtpl row loop (`{%tr for p in pairs %}` … `{%tr endfor %}`).
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.text.paragraph import Paragraph

from nastavnik.documents import docx_kit as kit
from nastavnik.documents.docx_kit import CENTER, JUSTIFY, RIGHT

BODY_PT = 13
EMPTY_DATE = "«___» __________ 20___ г."
COLUMNS = ("№", "Наставник", "Наставляемый(-е)", "Форма наставничества", "Период")
ROW_TAGS = ("{{ p.n }}", "{{ p.mentor }}", "{{ p.mentees }}", "{{ p.form }}", "{{ p.period }}")
WIDTHS_MM = (10, 45, 50, 40, 35)


def _paragraph(document: Any, text: str = "", *, bold: bool = False, align: Any = None, size: int = 0) -> Paragraph:
    """The order's runs leave italic unset (the programme and the report set it off explicitly)."""
    return kit.paragraph(document, text, bold=bold, italic=None, align=align, size=size)


def _heading(document: Any) -> None:
    _paragraph(document, "{{ organisation.name }}", bold=True, align=CENTER)
    _paragraph(document, "ПРИКАЗ", bold=True, align=CENTER, size=16)
    heading = document.add_table(rows=1, cols=2)
    kit.no_borders(heading)
    kit.cell(heading, 0, 0, f"{{{{ order.date_long or '{EMPTY_DATE}' }}}}")
    kit.cell(heading, 0, 1, "№ {{ order.number or '______' }}", align=RIGHT)
    _paragraph(document, "{{ organisation.place }}", align=CENTER)
    _paragraph(document, "{{ order.title }}", bold=True, align=CENTER)


def _body(document: Any) -> None:
    _paragraph(document, "{{ order.preamble }}", align=JUSTIFY)
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
        _paragraph(document, text, align=JUSTIFY)


def _signatures(document: Any) -> None:
    _paragraph(document)
    signature = document.add_table(rows=1, cols=2)
    kit.no_borders(signature)
    kit.cell(signature, 0, 0, "{{ director.position }}")
    kit.cell(signature, 0, 1, "_______________ {{ director.short_name }}", align=RIGHT)
    _paragraph(document)
    _paragraph(document, "С приказом ознакомлены:")
    table = document.add_table(rows=3, cols=3)
    kit.no_borders(table)
    kit.cell(table, 0, 0, "{%tr for a in acquainted %}")
    kit.cell(table, 1, 0, "{{ a.name }}")
    kit.cell(table, 1, 1, "_______________")
    kit.cell(table, 1, 2, EMPTY_DATE)
    kit.cell(table, 2, 0, "{%tr endfor %}")


def _appendix(document: Any) -> None:
    document.add_page_break()
    appendix = _paragraph(document, "Приложение к приказу", align=RIGHT)
    appendix.add_run(f"\nот {{{{ order.date_long or '{EMPTY_DATE}' }}}} № {{{{ order.number or '______' }}}}")
    _paragraph(document, "Список наставнических пар (групп)", bold=True, align=CENTER)
    table = kit.grid_table(document, 4, COLUMNS)
    kit.cell(table, 1, 0, "{%tr for p in pairs %}")
    for column, tag in enumerate(ROW_TAGS):
        kit.cell(table, 2, column, tag)
    kit.cell(table, 3, 0, "{%tr endfor %}")
    kit.widths(table, WIDTHS_MM)
    _paragraph(document)
    _paragraph(document, "Всего пар и групп: {{ count }}")


def build_template(kind: str = "order") -> bytes:
    document = Document()
    kit.page(document, size=BODY_PT)
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
