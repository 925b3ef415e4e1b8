"""What a careful director would send back: capitals, blank fields, empty comparisons, direction of change."""

from __future__ import annotations

import datetime
import io
from typing import Any

from docx import Document

from nastavnik.monitoring import documents, passport
from nastavnik.monitoring.figures import Scale
from nastavnik.pairs.models import PairStatus
from nastavnik.programmes.models import MentoringFormat, ParticipantKind, Programme
from nastavnik.surveys.change import measures_of
from nastavnik.surveys.models import InstrumentVersion
from tests.conftest import World
from tests.monitoring import builders

GRADES = (
    "Количество наставляемых из наставнических пар, у которых улучшилась успеваемость "
    "(по ранее сформулированному запросу)"
)


def _texts(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _passport_fields(document: Any) -> dict[str, str]:
    """Heading → the paragraph right after it."""
    paragraphs = document.paragraphs
    return {p.text: paragraphs[i + 1].text for i, p in enumerate(paragraphs[:-1]) if p.style.name.startswith("Heading")}


def test_passport_goals_start_with_a_capital_and_fields_come_from_the_programme(world: World) -> None:
    Programme.objects.filter(pk=world.programme.pk).update(
        goals="Цель: повысить успеваемость.\nЗадачи: сформировать пары.",
        resources="кадровые ресурсы школы",
        funding="Бюджет муниципального района",
        national_projects="Федеральный проект «Современная школа»",
    )
    world.programme.refresh_from_db()
    fields = _passport_fields(Document(io.BytesIO(passport.passport_docx(world.programme))))
    assert fields["4. Цели реализации проекта"] == "Повысить успеваемость."
    assert fields["6. Задачи проекта"] == "Сформировать пары."
    assert fields["Источники финансирования"] == "Бюджет муниципального района"
    assert fields["Взаимосвязь с направлениями НП «Образование»"] == "Федеральный проект «Современная школа»"
    assert "____" not in "\n".join(fields.values())


def test_teacher_programme_passport_has_no_grade_indicator(world: World) -> None:
    fields = Document(io.BytesIO(passport.passport_docx(world.programme)))
    names = [row.cells[0].text for row in fields.tables[0].rows[1:]]
    assert GRADES in names, "a pupils' programme counts grades"
    teachers = MentoringFormat.objects.filter(mentee_kind=ParticipantKind.TEACHER).first()
    assert teachers is not None
    world.programme.forms.update(form=teachers)
    fields = Document(io.BytesIO(passport.passport_docx(world.programme)))
    names = [row.cells[0].text for row in fields.tables[0].rows[1:]]
    assert GRADES not in names and len(names) == 3


def test_report_says_nothing_has_completed_instead_of_a_zero_best_scheme(world: World) -> None:
    pair = builders.pair(
        world.mentor_entry,
        [world.mentee_entry],
        status=PairStatus.DISSOLVED,
        confirmed_on=datetime.date.today() - datetime.timedelta(days=30),
    )
    assert pair.status == PairStatus.DISSOLVED
    report = documents.build_report(world.school, world.programme.academic_year)
    text = _texts(Document(io.BytesIO(documents.report_docx(report))))
    assert "Лучше всего завершаются" not in text
    assert "Ни одна пара ещё не завершила работу" in text
    assert "— —" not in text
    assert "Периодичность мониторинга: не указана. Результаты рассматривает: не указано." in text


def test_report_has_no_double_dash_without_marks(world: World) -> None:
    report = documents.build_report(world.school, world.programme.academic_year)
    text = _texts(Document(io.BytesIO(documents.report_docx(report))))
    assert "— —" not in text
    assert "наставники — оценок пока нет" in text


def test_anxiety_is_marked_lower_is_better_and_a_rise_is_a_worsening(db: None) -> None:
    version = InstrumentVersion.objects.get(instrument__code="self-assessment")
    measures = {m.key: m for m in measures_of(version)}
    assert measures["anxiety"].lower_is_better and not measures["self_esteem"].lower_is_better
    anxiety = Scale((version.instrument_id, "anxiety"), "Самооценка", "Тревожность", "Тревожность", True)
    esteem = Scale((version.instrument_id, "self_esteem"), "Самооценка", "Самооценка", "Самооценка", False)
    assert anxiety.verdict(1.0) == "ухудшение" and anxiety.verdict(-1.0) == "улучшение"
    assert esteem.verdict(1.0) == "улучшение" and esteem.verdict(-0.5) == "ухудшение"
    assert esteem.verdict(0.0) == "без изменений" and esteem.verdict(None) == ""


def test_worsening_lines_are_red_in_the_report_docx(db: None) -> None:
    from nastavnik.documents import rendering

    context = rendering.sample_context("report")
    data = rendering.render_docx("report", context)
    document = Document(io.BytesIO(data))
    worse = next(p for p in document.paragraphs if p.text.endswith("ухудшение."))
    better = next(p for p in document.paragraphs if p.text.endswith("улучшение."))
    assert str(worse.runs[0].font.color.rgb) == "B00020"
    assert better.runs[0].font.color.rgb is None
