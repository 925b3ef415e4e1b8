"""Programme pages: the list, the passport, the director's decisions and the programme document (DOCX)."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import MentoringFormat, Programme, ProgrammeStatus
from tests.conftest import World
from tests.factories import ProgrammeFactory, make_programme

PASSPORT = {
    "title": "Точка развития",
    "relevance": "Программа создаёт среду, в которой раскрывается потенциал обучающихся.",
    "goals": "Цель: повысить успеваемость.\nЗадачи: сформировать пары; провести встречи.",
    "forms_description": "Форма «ученик – ученик», наставничество ровесниками.",
    "participants": "Обучающиеся 10 классов — наставники, 1 классов — наставляемые.",
    "resources": "Кабинет, методические материалы.",
    "expected_results": "Повышение успеваемости наставляемых.",
    "indicators": "Число наставляемых, у которых улучшилась успеваемость.",
    "control": "Текущий контроль — на совещаниях при директоре.",
    "monitoring_frequency": "1 раз в месяц",
    "review_body": "Педагогический совет",
    "starts_on": "2026-10-01",
    "ends_on": "2027-06-30",
    "nudge_weeks": "3",
}


def _post(world: World, role: str, url: str, data: dict[str, Any]) -> Any:
    return world.client_for(role).post(url, data)


# -- list ----------------------------------------------------------------------------------


def test_list_shows_this_years_programmes_of_the_users_organisations(world: World, programme: Programme) -> None:
    old = ProgrammeFactory(
        organisation=world.school, title="Прошлогодняя", academic_year=AcademicYear.objects.create(start_year=2019)
    )
    response = world.client_for("curator").get(reverse("programmes:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert programme.title in page and old.title not in page
    assert f'href="{reverse("programmes:detail", args=[world.other_programme.pk])}"' not in page
    every_year = world.client_for("curator").get(reverse("programmes:list"), {"year": "all"}).content.decode()
    assert "Прошлогодняя" in every_year
    drafts = world.client_for("curator").get(reverse("programmes:list"), {"year": "all", "status": "draft"})
    assert "Прошлогодняя" not in drafts.content.decode()


def test_list_queries_do_not_grow_with_programmes(
    world: World, programme: Programme, django_assert_max_num_queries: Any
) -> None:
    for index in range(30):
        extra = make_programme(world.school)
        extra.curator = world.people["curator"]
        extra.title = f"Экстра {index}"  # after «Точка развития» by name: the roadmap is on page one
        extra.save()
    roadmap.instantiate(programme, "club-roadmap-001")
    client = world.client_for("district")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("programmes:list"))
    assert response.status_code == 200
    assert "35 мероприятий" in response.content.decode()


def test_bad_filter_values_show_the_current_year(world: World, programme: Programme) -> None:
    response = world.client_for("curator").get(reverse("programmes:list"), {"year": "abc", "status": "x"})
    assert response.status_code == 200
    assert programme.title in response.content.decode()


# -- create and edit -----------------------------------------------------------------------


def test_curator_creates_a_draft_and_becomes_its_curator(world: World) -> None:
    form = MentoringFormat.objects.get(code="student_student")
    data = {
        **PASSPORT,
        "organisation": world.school.pk,
        "academic_year": AcademicYear.current().pk,
        "mentoring_forms": [form.pk],
    }
    response = _post(world, "curator", reverse("programmes:create"), data)
    created = Programme.objects.exclude(pk__in=[world.programme.pk, world.other_programme.pk]).get()
    assert response.status_code == 302 and response["Location"] == reverse("programmes:detail", args=[created.pk])
    assert created.status == ProgrammeStatus.DRAFT
    assert created.curator == world.people["curator"]
    assert created.goals == PASSPORT["goals"]
    assert created.starts_on == datetime.date(2026, 10, 1)
    assert list(created.forms.values_list("form__code", flat=True)) == ["student_student"]


def test_nobody_creates_a_programme_for_an_organisation_they_do_not_manage(world: World) -> None:
    data = {**PASSPORT, "organisation": world.other_school.pk, "academic_year": AcademicYear.current().pk}
    response = _post(world, "curator", reverse("programmes:create"), data)
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()
    assert (
        not Programme.objects.filter(organisation=world.other_school, title=PASSPORT["title"])
        .exclude(pk=world.other_programme.pk)
        .exists()
    )


def test_passport_fields_follow_the_order_of_source_002(world: World, programme: Programme) -> None:
    page = world.client_for("curator").get(reverse("programmes:edit", args=[programme.pk])).content.decode()
    labels = [
        "Актуальность разработки программы наставничества",
        "Цель и задачи программы наставничества",
        "Применяемые формы наставничества и технологии",
        "Основные участники программы и их функции",
        "Ресурсы программы",
        "Ожидаемые результаты",
        "Показатели и критерии оценки результативности",
        "Организация контроля и оценки",
        "Периодичность оценки (мониторинга)",
        "Где рассматриваются результаты оценки",
        "Срок реализации: начало",
        "Срок реализации: окончание",
    ]
    positions = [page.index(label) for label in labels]
    assert positions == sorted(positions)


def test_edit_saves_the_passport_and_refuses_an_end_before_the_start(world: World, programme: Programme) -> None:
    url = reverse("programmes:edit", args=[programme.pk])
    base = {**PASSPORT, "academic_year": programme.academic_year.pk, "curator": world.people["curator"].pk}
    bad = _post(world, "working_group", url, {**base, "ends_on": "2026-09-01"})
    assert bad.status_code == 400
    assert "Окончание не может быть раньше начала." in bad.content.decode()
    good = _post(world, "working_group", url, {**base, "mentoring_forms": [programme.forms.get().form_id]})
    assert good.status_code == 302
    programme.refresh_from_db()
    assert programme.review_body == "Педагогический совет"
    assert programme.ends_on == datetime.date(2027, 6, 30)


def test_edit_keeps_a_form_that_people_already_use(world: World, programme: Programme) -> None:
    url = reverse("programmes:edit", args=[programme.pk])
    teacher_form = MentoringFormat.objects.get(code="teacher_teacher")
    data = {**PASSPORT, "academic_year": programme.academic_year.pk, "mentoring_forms": [teacher_form.pk]}
    response = world.client_for("curator").post(url, data, follow=True)
    assert "Оставлены формы, в которых уже есть участники или пары" in response.content.decode()
    assert set(programme.forms.values_list("form__code", flat=True)) == {"student_student", "teacher_teacher"}
    # Unused now: dropping it works.
    data["mentoring_forms"] = [programme.forms.get(form__code="student_student").form_id]
    world.client_for("curator").post(url, data)
    assert list(programme.forms.values_list("form__code", flat=True)) == ["student_student"]


def test_a_curator_cannot_pick_another_schools_person_as_curator(world: World, programme: Programme) -> None:
    url = reverse("programmes:edit", args=[programme.pk])
    data = {**PASSPORT, "academic_year": programme.academic_year.pk, "curator": world.people["other_curator"].pk}
    assert _post(world, "curator", url, data).status_code == 400


def test_finished_programme_reads_but_does_not_change(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    programme.status = ProgrammeStatus.FINISHED
    programme.save()
    client = world.client_for("curator")
    detail = client.get(reverse("programmes:detail", args=[programme.pk]))
    assert detail.status_code == 200
    assert "Программа завершена" in detail.content.decode()
    assert reverse("programmes:edit", args=[programme.pk]) not in detail.content.decode()
    assert client.get(reverse("programmes:edit", args=[programme.pk])).status_code == 403
    item = programme.roadmap.first()
    assert item is not None
    assert client.post(reverse("programmes:item_status", args=[item.pk]), {"status": "done"}).status_code == 403
    assert client.post(reverse("programmes:roadmap_instantiate", args=[programme.pk])).status_code == 403
    assert client.get(reverse("programmes:roadmap", args=[programme.pk])).status_code == 200


# -- director's decisions ----------------------------------------------------------------------


def test_director_approves_starts_and_finishes(world: World, programme: Programme) -> None:
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    url = reverse("programmes:status", args=[programme.pk])
    assert _post(world, "curator", url, {"to": "approved"}).status_code == 403
    response = _post(
        world, "director", url, {"to": "approved", "approved_on": "2026-09-05", "approval_document": "Приказ № 45"}
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.status, programme.approved_on, programme.approval_document) == (
        ProgrammeStatus.APPROVED,
        datetime.date(2026, 9, 5),
        "Приказ № 45",
    )
    # Skipping a step is refused with a message, nothing changes.
    page = world.client_for("director").post(url, {"to": "finished"}, follow=True).content.decode()
    assert "Статус не изменён" in page
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.APPROVED
    _post(world, "director", url, {"to": "active"})
    _post(world, "director", url, {"to": "finished"})
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.FINISHED
    page = world.client_for("director").post(url, {"to": "draft"}, follow=True).content.decode()
    assert "больше не меняется" in page


def test_approval_without_a_date_takes_today(world: World, programme: Programme) -> None:
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    _post(world, "director", reverse("programmes:status", args=[programme.pk]), {"to": "approved"})
    programme.refresh_from_db()
    assert programme.approved_on == timezone.localdate()


def test_detail_shows_counts_and_the_approve_button_to_the_director(world: World, programme: Programme) -> None:
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    director_page = world.client_for("director").get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "Утвердить программу" in director_page
    assert "Заявка подана: <strong>1</strong>" in director_page
    assert "Ожидает наставника: <strong>1</strong>" in director_page
    curator_page = world.client_for("curator").get(reverse("programmes:detail", args=[programme.pk])).content.decode()
    assert "Утвердить программу" not in curator_page


def test_other_organisations_curator_does_not_see_the_programme(world: World, programme: Programme) -> None:
    client = world.client_for("other_curator")
    for name in ("programmes:detail", "programmes:roadmap", "programmes:passport_docx", "programmes:cycle"):
        assert client.get(reverse(name, args=[programme.pk])).status_code == 404


# -- the programme document --------------------------------------------------------------------


def _docx(response: Any) -> Any:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return Document(io.BytesIO(response.content))


def _rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_programme_document_is_ready_to_approve(world: World, programme: Programme) -> None:
    for name, value in PASSPORT.items():
        if name not in {"starts_on", "ends_on", "nudge_weeks"}:
            setattr(programme, name, value)
    programme.save()
    programme.forms.update(grades="1, 10")
    roadmap.instantiate(programme, "club-roadmap-001")
    roadmap.create_default_cycle(programme)
    document = _docx(world.client_for("curator").get(reverse("programmes:passport_docx", args=[programme.pk])))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30
    text = [p.text for p in document.paragraphs]
    director = world.people["director"]
    assert text[0] == "УТВЕРЖДАЮ"
    assert text[1] == f"Директор {world.school.name}"
    assert text[2] == f"_______________ / {director.short_name}"
    assert text[3] == "«___» __________ 20___ г."
    headings = [
        "1. Пояснительная записка",
        "1.1. Актуальность разработки программы наставничества",
        "1.2. Взаимосвязь с другими документами организации",
        "1.3. Цель и задачи программы наставничества",
        "1.4. Срок реализации программы",
        "1.5. Применяемые формы наставничества и технологии",
        "2. Основные участники программы и их функции",
        "2.2. Механизм управления программой наставничества",
        "3. Оценка результатов программы и ее эффективности",
        "3.1. Организация контроля и оценки",
        "3.2. Показатели и критерии оценки результативности программы наставничества",
        "4. План реализации мероприятий программы наставничества на учебный год",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert PASSPORT["relevance"] in text
    assert "Цель: повысить успеваемость.\nЗадачи: сформировать пары; провести встречи." in text
    assert f"Куратор программы — {world.people['curator'].full_name}" in text
    assert not any(".." in line for line in text), "no double dot after initials"

    forms, cycle, plan = document.tables
    assert _rows(forms)[1] == ["1", "Ученик – ученик", "", "", "1, 10"]
    cycle_rows = _rows(cycle)
    assert cycle_rows[0] == [
        "№ п/п",
        "Функция управления программой наставничества",
        "Необходимые мероприятия",
        "Кто реализует",
    ]
    assert [r[1] for r in cycle_rows[1:]] == [
        "Планирование",
        "Организация",
        "Мотивация",
        "Координация",
        "Анализ и контроль",
    ]
    assert cycle_rows[1][3].startswith("Куратор программы\nКоманда программы")
    assert world.people["curator"].short_name in cycle_rows[1][3]
    plan_rows = _rows(plan)
    # Header, 7 stage headings, 35 activities.
    assert len(plan_rows) == 1 + 7 + 35
    assert plan_rows[1][0] == "Подготовка условий для запуска клуба наставничества"
    first = plan_rows[2]
    year = programme.academic_year.start_year
    assert first[:4] == [
        "1.1",
        "Информирование педагогов школы о реализации клуба наставничества",
        "",
        f"01.10.{year} — 31.10.{year}",
    ]
    assert first[4] == f"Куратор — {world.people['curator'].short_name}"


def test_approved_programme_document_carries_the_date_and_the_document(world: World, programme: Programme) -> None:
    programme.approved_on = datetime.date(2026, 9, 5)
    programme.approval_document = "Приказ № 45 от 05.09.2026"
    programme.save()
    document = _docx(world.client_for("region").get(reverse("programmes:passport_docx", args=[programme.pk])))
    text = [p.text for p in document.paragraphs]
    assert text[3:5] == ["05.09.2026", "Приказ № 45 от 05.09.2026"]
    assert len(document.tables[2].rows) == 1  # no activities yet: only the header


@pytest.mark.parametrize("kind", ["programme", "roadmap"])
def test_builtin_templates_render_with_their_sample_context(kind: str) -> None:
    from nastavnik.documents import rendering

    rendering.check_template(kind, rendering.builtin_template(kind))
    rendered = rendering.render_template_bytes(rendering.builtin_template(kind), rendering.sample_context(kind))
    document = Document(io.BytesIO(rendered))
    assert "{{" not in "\n".join(p.text for p in document.paragraphs)
