"""The programme report (DOCX, PDF), the project passport (DOCX), the charts and the pairs XLSX."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from nastavnik.diary.models import MeetingRating
from nastavnik.documents import rendering
from nastavnik.documents.models import DocumentTemplate
from nastavnik.matching.models import Scheme
from nastavnik.monitoring import charts_png, documents, pairs_export, passport
from nastavnik.monitoring.charts_png import Bar
from nastavnik.monitoring.indicators import DEFINITIONS
from nastavnik.monitoring.report import build_reports
from nastavnik.orgs.models import Organisation, Role
from nastavnik.pairs.models import Outcome, PairStatus
from nastavnik.programmes.models import Programme, RoadmapItem
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person, make_programme
from tests.monitoring import builders

CODE = re.compile(r"^\d\.\d{1,2}$")
# Source 002, Приложение 4 (numbering as in the source, which has no item 3) and source 004 card fields.
PASSPORT_HEADINGS = [
    "I. Общая информация",
    "1. Наименование проекта",
    "2. Участники проекта",
    "II. Описание проекта",
    "4. Цели реализации проекта",
    "5. Индикаторы проекта",
    "6. Задачи проекта",
    "7. Перечень ожидаемых результатов реализации проекта",
    "8. Сроки реализации проекта",
    "Актуальность проекта",
    "Краткое описание замысла проекта",
    "Источники финансирования",
    "Участники реализации проекта",
    "Руководитель рабочей группы",
    "Взаимосвязь с направлениями НП «Образование»",
]


def headings(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def indicator_rows(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows if CODE.match(row.cells[0].text.strip())]


def add_completed_pair(w: World) -> None:
    """One completed pair of the school: grades improved, satisfaction 5, two meetings rated 4 and 5."""
    mentee = w.mentee_entry
    pair = builders.pair(
        w.mentor_entry,
        [mentee],
        status=PairStatus.COMPLETED,
        confirmed_on=datetime.date.today() - datetime.timedelta(days=60),
        completed_on=datetime.date.today(),
        outcomes=[[Outcome.GRADES_IMPROVED]],
    )
    pair.members.update(satisfaction=5)
    for score, days in ((4, 40), (5, 10)):
        meeting = builders.meeting(pair, datetime.date.today() - datetime.timedelta(days=days))
        MeetingRating.objects.create(meeting=meeting, person=mentee.person, score=score)


@pytest.fixture
def school_report(world: World) -> documents.ReportData:
    add_completed_pair(world)
    return documents.build_report(world.school, world.programme.academic_year)


def test_report_docx_has_the_sections_the_23_indicators_and_the_charts(
    world: World, school_report: documents.ReportData
) -> None:
    document = Document(io.BytesIO(documents.report_docx(school_report)))
    names = headings(document)
    for expected in (
        "1. Паспорт программы наставничества",
        "2. Показатели реализации программы (Приложение 2)",
        "3.1. Этап 1. Мониторинг процесса реализации программы",
        "3.2. Этап 2. Мониторинг влияния программы на наставляемых",
        "3.3. Вовлечённость в наставничество",
        "3.4. Результаты по схемам формирования пар",
        "4.1. Плюсы",
        "4.2. Минусы",
        "4.3. Корректировки",
    ):
        assert expected in names
    assert "Приложение. Показатели по организациям" not in names  # one organisation: no appendix
    text = "\n".join(p.text for p in document.paragraphs)
    assert world.school.name in text and "ОТЧЁТ" in text

    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Показатель")
    rows = indicator_rows(table)
    assert [r[0] for r in rows] == list(DEFINITIONS.codes) and len(rows) == 23
    expected = {r.indicator.code: r for r in build_reports([world.school], world.programme.academic_year)[0].rows}
    by_code = {r[0]: r for r in rows}
    assert by_code["1.1"][3] == str(expected["1.1"].result.value) == "1"  # the one student mentee
    assert by_code["3.5"][3] == "1"  # grades improved in the completed pair
    group_rows = [row.cells[0].text for row in table.rows if row.cells[0].text.startswith("1. Наличие")]
    assert len(group_rows) == 1  # the groups of Appendix 2 head their indicators

    # Charts are pictures in the document: indicators, involvement, schemes (no before/after surveys here).
    assert len(document.inline_shapes) == 3
    assert school_report.charts["stage2"] is None


def test_report_texts_show_monitoring_figures(school_report: documents.ReportData) -> None:
    monitoring = school_report.context["monitoring"]
    assert "средняя — 4,5 из 5 (оценок: 2)" in monitoring["stage1"]
    assert "Удовлетворённость наставляемых по итогам завершённых пар: 5 из 5" in monitoring["stage1"]
    assert "не связано" in monitoring["stage2"]
    assert "цель — не менее 70 %" in monitoring["involvement"]
    appointment = next(s for s in school_report.context["schemes"] if s["code"] == Scheme.APPOINTMENT)
    assert appointment["pairs"] == 1 and appointment["completed"] == 1 and appointment["completion"] == "100 %"
    analysis = school_report.context["analysis"]
    assert "3.5" in analysis["pluses"] and "заполняется куратором" in analysis["corrections"]


def test_report_pdf_text(world: World, school_report: documents.ReportData) -> None:
    reader = PdfReader(io.BytesIO(documents.report_pdf(school_report)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "ОТЧЁТ" in text
    assert "о реализации программы наставничества" in text
    assert world.school.name in text
    assert "Количество обучающихся, подавших «запрос на помощь наставника»" in text
    assert re.search(r"3\.5 Количество обучающихся, успеваемость которых .*? 0 1 \+1 ", text)  # start, current, +1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_district_report_sums_the_schools_and_has_a_section_each(world: World) -> None:
    year = world.programme.academic_year
    second = Organisation.objects.create(
        name="МБОУ «Вторая СОШ»", short_name="Вторая СОШ", slug="second", kind="school", parent=world.district
    )
    programme = make_programme(second)
    make_mentee_entry(make_person(second, Role.STUDENT, grade=5), programme)
    make_mentee_entry(make_person(second, Role.STUDENT, grade=6), programme)

    data = documents.build_report(world.district, year)
    assert data.is_territory and data.organisations == 2
    document = Document(io.BytesIO(documents.report_docx(data)))
    names = headings(document)
    assert "Приложение. Показатели по организациям" in names
    assert f"1. {world.school.name}" in names and "2. МБОУ «Вторая СОШ»" in names
    summary_table = next(t for t in document.tables if t.rows[0].cells[1].text == "Показатель")
    assert {r[0]: r[3] for r in indicator_rows(summary_table)}["1.1"] == "3"  # 1 + 2 students
    section_tables = [t for t in document.tables if t.rows[0].cells[1].text == "На дату начала"]
    assert [{r[0]: r[2] for r in indicator_rows(t)}["1.1"] for t in section_tables] == ["1", "2"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Сводный отчёт: 2 организации с программами наставничества" in text


def test_district_report_leaves_out_what_the_user_does_not_read(world: World) -> None:
    """A district coordinator asking for the region's report gets the organisations of their district only."""
    data = documents.build_report(world.region, world.programme.academic_year, user=world.people["district"].user)
    assert data.organisations == 1
    assert [s["name"] for s in data.context["sections"]] == [world.school.name]


def test_a_territory_without_programmes_still_gets_a_report(world: World) -> None:
    empty = Organisation.objects.create(
        name="Озёрный район", short_name="Озёрный р-н", slug="ozerny", kind="district", parent=world.region
    )
    Organisation.objects.create(
        name="МБОУ «Озёрная СОШ»", short_name="Озёрная СОШ", slug="oz", kind="school", parent=empty
    )
    data = documents.build_report(empty, world.programme.academic_year)
    assert data.is_territory and data.organisations == 0 and data.context["sections"] == []
    document = Document(io.BytesIO(documents.report_docx(data)))
    assert "Программ наставничества за учебный год нет." in [p.text for p in document.paragraphs]
    assert "Приложение. Показатели по организациям" not in headings(document)
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Показатель")
    assert len(indicator_rows(table)) == 23
    assert PdfReader(io.BytesIO(documents.report_pdf(data))).pages


def test_an_uploaded_report_template_is_used(world: World, school_report: documents.ReportData) -> None:
    template = Document(io.BytesIO(rendering.builtin_template("report")))
    template.add_paragraph("Согласовано на педагогическом совете: {{ organisation.short_name }}")
    out = io.BytesIO()
    template.save(out)
    own = DocumentTemplate(kind="report", organisation=world.school)
    own.file.save("report-own.docx", ContentFile(out.getvalue()), save=True)
    document = Document(io.BytesIO(documents.report_docx(school_report)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Согласовано на педагогическом совете: {world.school.short_name}" in text
    assert len(document.inline_shapes) == 3


def test_builtin_templates_render_their_sample_and_are_documented(world: World) -> None:
    for kind in ("report", "passport"):
        rendering.check_template(kind, rendering.builtin_template(kind))
    page = world.client_for("curator").get(reverse("documents:templates"))
    html = page.content.decode()
    assert "Отчёт о реализации программы наставничества" in html and "Паспорт проекта" in html
    for tag in ("{{ charts.indicators }}", "{{ analysis.pluses }}", "{{ monitoring.stage1 }}", "{{ project.goals }}"):
        assert tag in html


def test_passport_has_the_headings_of_the_source_and_counts(world: World) -> None:
    programme = world.programme
    Programme.objects.filter(pk=programme.pk).update(
        goals=(
            "Цель: поддержка обучающихся с низкими результатами.\nЗадачи:\n1. Выяснить запросы.\n2. Сформировать пары."
        ),
        participants="Обучающиеся 5–9 классов; педагоги.",
        resources="в рамках текущего финансирования",
    )
    programme.refresh_from_db()
    add_completed_pair(world)
    RoadmapItem.objects.create(
        programme=programme,
        stage="Подготовительный",
        title="Сформировать базу наставников",
        starts_on=datetime.date(2026, 9, 1),
        due_on=datetime.date(2026, 9, 30),
        result="База сформирована",
    )
    RoadmapItem.objects.create(
        programme=programme,
        stage="Основной",
        title="Встречи пар",
        starts_on=datetime.date(2026, 10, 1),
        due_on=datetime.date(2027, 4, 30),
    )
    document = Document(io.BytesIO(passport.passport_docx(programme)))
    names = headings(document)
    for expected in PASSPORT_HEADINGS:
        assert expected in names
    order = [names.index(name) for name in ("I. Общая информация", "II. Описание проекта", "III. Карточка проекта")]
    assert order == sorted(order)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Поддержка обучающихся с низкими результатами." in text
    assert "1. Выяснить запросы.\n2. Сформировать пары." in text
    indicators = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows[1:]}
    assert indicators["Количество наставляемых, вошедших в состав наставнических пар"] == "1"
    assert (
        indicators[
            "Количество наставляемых из наставнических пар, у которых улучшилась успеваемость "
            "(по ранее сформулированному запросу)"
        ]
        == "1"
    )
    stages = [[c.text for c in row.cells] for row in document.tables[1].rows]
    assert stages[0] == ["Наименование этапа реализации проекта", "Дата начала", "Дата окончания"]
    assert stages[1:] == [["Подготовительный", "01.09.2026", "30.09.2026"], ["Основной", "01.10.2026", "30.04.2027"]]
    activities = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert activities[0][:4] == ["№", "Мероприятия", "Сроки реализации", "Прогнозируемый результат"]
    assert activities[1][1:4] == ["Сформировать базу наставников", "01.09.2026 — 30.09.2026", "База сформирована"]


def test_passport_download_and_its_permissions(world: World) -> None:
    url = reverse("monitoring:passport", kwargs={"programme_pk": world.programme.pk})
    response = world.client_for("district").get(url)
    assert response.status_code == 200
    assert "pasport-proekta" in response["Content-Disposition"]
    Document(io.BytesIO(b"".join(response)))  # a valid DOCX
    assert world.client_for("other_curator").get(url).status_code == 404
    assert world.client_for("mentor").get(url).status_code == 404


@pytest.mark.parametrize(
    ("text", "goals", "tasks"),
    [
        ("Цель: рост.\nЗадачи: 1) раз; 2) два.", "рост.", "1) раз; 2) два."),
        ("Раскрыть потенциал.\nЗадачи\n1. Раз.", "Раскрыть потенциал.", "Задачи\n1. Раз."),
        ("Только цель без задач.", "Только цель без задач.", ""),
        ("", "", ""),
    ],
)
def test_split_goals(text: str, goals: str, tasks: str) -> None:
    assert passport.split_goals(text) == (goals, tasks)


def test_charts_are_png_images_or_nothing() -> None:
    png = charts_png.indicators_chart([Bar("1.1", 3, 1), Bar("1.2", 0, 0)])
    assert png is not None and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert charts_png.indicators_chart([Bar("1.1", 0, 0)]) is None
    assert charts_png.percent_chart([], "Вовлечённость", 70) is None
    assert charts_png.schemes_chart([], []) is None
    involvement = charts_png.percent_chart([Bar("Обучающиеся", 54.5)], "Вовлечённость", 70)
    assert involvement is not None and involvement.startswith(b"\x89PNG")


def test_pairs_xlsx_of_an_organisation(world: World, django_assert_max_num_queries: Any) -> None:
    add_completed_pair(world)
    other = make_mentor_entry(make_person(world.other_school, Role.TEACHER), world.other_programme)
    builders.pair(other, [world.other_mentee_entry])
    url = reverse("monitoring:pairs_xlsx", kwargs={"org_pk": world.school.pk})
    client = world.client_for("curator")
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == pairs_export.PAIRS_HEADER
    assert len(rows) == 2  # the school's pair only, not the other school's
    row = dict(zip(pairs_export.PAIRS_HEADER, rows[1], strict=True))
    assert row["Наставник"] == world.people["mentor"].full_name
    assert row["Наставляемые"] == world.people["mentee"].full_name
    assert row["Как сформирована"] == "Назначение куратором" and row["Статус"] == "Завершена"
    assert row["Встреч"] == 2 and row["Средняя оценка встреч"] == 4.5


def test_pairs_xlsx_of_a_programme_and_refusals(world: World) -> None:
    add_completed_pair(world)
    second = make_programme(world.school)
    url = reverse("monitoring:pairs_xlsx", kwargs={"org_pk": world.school.pk})
    client = world.client_for("curator")
    rows = list(load_workbook(io.BytesIO(client.get(f"{url}?programme={second.pk}").content)).active.iter_rows())
    assert len(rows) == 1  # header only: the pair belongs to the first programme
    assert client.get(f"{url}?programme={world.other_programme.pk}").status_code == 404
    assert client.get(f"{url}?programme=abc").status_code == 404
    assert client.get(f"{url}?year=1900").status_code == 404
    assert world.client_for("other_district").get(url).status_code == 404
    assert world.client_for("mentor").get(url).status_code == 403
