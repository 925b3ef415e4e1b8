"""The project card (source 004 §6.1) as a DOCX: every field in the card's order, stages and activity plan
as tables."""

from __future__ import annotations

import io

from docx import Document

from nastavnik.documents import docx_kit
from nastavnik.projects.models import Project

SIZE = 12


def _section(document: object, title: str, text: str, *, as_list: bool = False) -> None:
    if not text.strip():
        return
    docx_kit.paragraph(document, title.upper() + ":", bold=True, after=2)
    if as_list:
        for index, line in enumerate(Project.lines(text), start=1):
            docx_kit.paragraph(document, f"{index}. {line}", indent_mm=5, after=2)
    else:
        docx_kit.paragraph(document, text.strip(), align=docx_kit.JUSTIFY)


def _stages(document: object, project: Project) -> None:
    stages = list(project.stages.all())
    if not stages:
        return
    docx_kit.paragraph(document, "ЭТАПЫ РЕАЛИЗАЦИИ ПРОЕКТА:", bold=True, after=2)
    table = docx_kit.grid_table(document, len(stages) + 1, ["Наименование этапа", "Сроки реализации"], size=SIZE)
    for row, stage in enumerate(stages, start=1):
        name = str(stage) + (f". {stage.content}" if stage.content else "")
        docx_kit.cell(table, row, 0, name, size=SIZE)
        docx_kit.cell(table, row, 1, f"{stage.starts_on:%d.%m.%Y} – {stage.ends_on:%d.%m.%Y}", size=SIZE)
    docx_kit.widths(table, [110, 55])
    docx_kit.repeat_header(table)
    docx_kit.paragraph(document, after=2)


def _activities(document: object, project: Project) -> None:
    activities = sorted(project.activities.select_related("responsible"), key=lambda a: a.sort_key)
    if not activities:
        return
    docx_kit.paragraph(document, "ПЛАН МЕРОПРИЯТИЙ:", bold=True, after=2)
    columns = ["№", "Мероприятия", "Сроки реализации", "Прогнозируемый результат", "Ответственный"]
    table = docx_kit.grid_table(document, len(activities) + 1, columns, size=10)
    for row, activity in enumerate(activities, start=1):
        responsible = activity.responsible.short_name if activity.responsible else activity.responsible_note
        values = [activity.number, activity.title, activity.timing_text, activity.forecast, responsible]
        for column, value in enumerate(values):
            docx_kit.cell(table, row, column, value, size=10)
    docx_kit.widths(table, [12, 55, 30, 45, 28])
    docx_kit.repeat_header(table)
    docx_kit.paragraph(document, after=2)


def card_docx(project: Project) -> bytes:
    document = Document()
    docx_kit.page(document, size=SIZE)
    docx_kit.paragraph(document, project.organisation.name, align=docx_kit.CENTER, size=11)
    docx_kit.paragraph(document, "КАРТОЧКА ПРОЕКТА", bold=True, align=docx_kit.CENTER, after=2)
    docx_kit.paragraph(document, f"«{project.name}»", bold=True, align=docx_kit.CENTER, size=14)
    docx_kit.paragraph(document, f"Статус: {project.get_status_display()}. {project.get_mode_display()}.", after=8)
    if project.parent:
        docx_kit.paragraph(document, f"Входит в: {project.parent.get_level_display()} «{project.parent.name}»")
    _section(document, "Уникальная идея", project.idea)
    _section(document, "Цель", project.goal)
    _section(document, "Задачи", project.tasks, as_list=True)
    _section(document, "Актуальность проекта", project.relevance)
    _section(document, "Краткое описание замысла проекта", project.concept)
    _section(document, "Инструментарий персонификации", project.toolkit, as_list=True)
    _section(document, "Преимущество по сравнению с аналогами", project.advantage)
    _stages(document, project)
    _activities(document, project)
    funding = "\n".join([*(f.name for f in project.funding.all()), project.funding_note])
    _section(document, "Источники финансирования", funding, as_list=True)
    _section(document, "Ожидаемые результаты реализации проекта", project.expected_results, as_list=True)
    _section(document, "Результаты реализации проекта", project.achieved_results, as_list=True)
    _section(document, "Участники реализации проекта", project.participant_groups, as_list=True)
    leaders = "\n".join([*(p.full_name for p in project.leaders.all()), project.leaders_note])
    _section(document, "Руководители рабочей группы", leaders, as_list=True)
    _section(document, "Нормативное обеспечение", project.normative_acts, as_list=True)
    directions = "\n".join(d.name for d in project.directions.all())
    _section(document, "Взаимосвязь с направлениями НП «Образование»", directions, as_list=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
