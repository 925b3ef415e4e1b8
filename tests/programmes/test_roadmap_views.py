"""Roadmap pages: list, calendar, timeline, activities, evidence and the annual plan exports."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from nastavnik.orgs.models import Role
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, Programme, RoadmapItem
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import make_person


def _item(programme: Programme, **fields: Any) -> RoadmapItem:
    values: dict[str, Any] = {"title": "Мероприятие", "starts_on": TODAY, "due_on": TODAY, **fields}
    return RoadmapItem.objects.create(programme=programme, **values)


# -- list ------------------------------------------------------------------------------------


def test_curator_fills_the_roadmap_from_a_template_once(world: World, programme: Programme) -> None:
    client = world.client_for("curator")
    url = reverse("programmes:roadmap_instantiate", args=[programme.pk])
    page = client.post(url, {"template": "club-roadmap-001"}, follow=True).content.decode()
    assert "добавлено 35 мероприятий" in page
    again = client.post(url, {"template": "club-roadmap-001"}, follow=True).content.decode()
    assert "уже есть в дорожной карте" in again
    assert programme.roadmap.count() == 35
    wrong = client.post(url, {"template": "../../settings"}, follow=True).content.decode()
    assert "Выберите шаблон дорожной карты из списка." in wrong
    assert programme.roadmap.count() == 35


def test_list_groups_by_stage_and_flags_overdue(world: World, programme: Programme) -> None:
    late = _item(
        programme,
        title="Просроченное совещание",
        stage="Этап А",
        starts_on=TODAY - datetime.timedelta(days=20),
        due_on=TODAY - datetime.timedelta(days=2),
    )
    _item(programme, title="Будущая встреча", stage="Этап Б", due_on=TODAY + datetime.timedelta(days=10))
    _item(
        programme,
        title="Выполненная старая встреча",
        stage="Этап А",
        due_on=TODAY - datetime.timedelta(days=1),
        starts_on=TODAY - datetime.timedelta(days=1),
        status=ItemStatus.DONE,
    )
    client = world.client_for("curator")
    page = client.get(reverse("programmes:roadmap", args=[programme.pk])).content.decode()
    assert page.index("Этап А") < page.index("Этап Б")
    assert page.count('class="overdue"') == 1
    assert "Просрочено</span>" in page
    assert late.due_on.strftime("%d.%m.%Y") in page
    only_late = client.get(reverse("programmes:roadmap", args=[programme.pk]), {"overdue": "on"}).content.decode()
    assert "Просроченное совещание" in only_late and "Будущая встреча" not in only_late
    done = client.get(reverse("programmes:roadmap", args=[programme.pk]), {"status": "done"}).content.decode()
    assert "Выполненная старая встреча" in done and "Просроченное совещание" not in done


def test_overdue_flag_follows_status_and_date(programme: Programme) -> None:
    yesterday = TODAY - datetime.timedelta(days=1)
    item = _item(programme, starts_on=yesterday, due_on=yesterday)
    assert item.is_overdue(TODAY)
    assert not item.is_overdue(yesterday)
    for status, overdue in [(ItemStatus.IN_PROGRESS, True), (ItemStatus.DONE, False), (ItemStatus.CANCELLED, False)]:
        item.status = status
        assert item.is_overdue(TODAY) is overdue


def test_list_filters_by_responsible_and_rejects_junk(world: World, programme: Programme) -> None:
    _item(programme, title="Дело куратора", responsible=world.people["curator"])
    _item(programme, title="Ничьё дело")
    client = world.client_for("curator")
    url = reverse("programmes:roadmap", args=[programme.pk])
    mine = client.get(url, {"responsible": world.people["curator"].pk}).content.decode()
    assert "Дело куратора" in mine and "Ничьё дело" not in mine
    nobody = client.get(url, {"responsible": "none"}).content.decode()
    assert "Ничьё дело" in nobody and "Дело куратора" not in nobody
    junk = client.get(url, {"responsible": "99999", "status": "bogus", "page": "x"})
    assert junk.status_code == 200


def test_roadmap_pages_queries_are_bounded(
    world: World, programme: Programme, django_assert_max_num_queries: Any
) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    roadmap.instantiate(programme, "target-model-stages-003")
    client = world.client_for("curator")
    for name in ("programmes:roadmap", "programmes:roadmap_calendar", "programmes:roadmap_timeline"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name, args=[programme.pk])).status_code == 200


# -- calendar and timeline ---------------------------------------------------------------------


def test_month_calendar_shows_the_months_items_and_moves_between_months(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    year = programme.academic_year.start_year
    url = reverse("programmes:roadmap_calendar", args=[programme.pk])
    page = world.client_for("curator").get(url, {"month": f"{year}-10"}).content.decode()
    assert f"Октябрь {year}" in page
    assert "Информирование педагогов школы о реализации клуба наставничества" in page
    assert f'href="?month={year}-09"' in page and f'href="?month={year}-11"' in page
    assert "Формирование долгосрочной базы наставников" not in page
    january = world.client_for("curator").get(url, {"month": f"{year + 1}-01"}).content.decode()
    # Only the December–March activity runs through January.
    assert january.count('class="ev') == 0
    assert "Мероприятия месяца" in january and "В этом месяце мероприятий нет." not in january
    for bad in ("2026-13", "junk", "99999-01", "1800-01"):
        assert world.client_for("curator").get(url, {"month": bad}).status_code == 200


def test_timeline_draws_a_bar_per_activity(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    page = (
        world.client_for("district").get(reverse("programmes:roadmap_timeline", args=[programme.pk])).content.decode()
    )
    assert page.count('class="gantt-bar') == 35
    year = programme.academic_year.start_year % 100
    assert f"сен {year:02d}" in page and f"авг {year + 1:02d}" in page
    # October of a Sep–Aug year: the bar starts after September (30 of 365 days ≈ 8.2 %).
    assert 'style="left:8.2' in page


# -- activities --------------------------------------------------------------------------------


def test_marking_done_sets_the_date_and_undoing_clears_it(world: World, programme: Programme) -> None:
    item = _item(programme)
    client = world.client_for("working_group")
    url = reverse("programmes:item_status", args=[item.pk])
    assert client.post(url, {"status": "done"}).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.done_on) == (ItemStatus.DONE, timezone.localdate())
    client.post(url, {"status": "in_progress"})
    item.refresh_from_db()
    assert (item.status, item.done_on) == (ItemStatus.IN_PROGRESS, None)
    client.post(url, {"status": "bogus"})
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.history.count() >= 3


def test_responsible_teacher_sees_and_progresses_only_their_item(world: World, programme: Programme) -> None:
    own = _item(programme, title="Открытое занятие", responsible=world.people["teacher"])
    other = _item(programme, title="Чужое")
    client = world.client_for("teacher")
    page = client.get(reverse("programmes:item", args=[own.pk])).content.decode()
    assert "Открытое занятие" in page and "Сохранить статус" in page and "Назначить" not in page
    assert client.post(reverse("programmes:item_status", args=[own.pk]), {"status": "done"}).status_code == 302
    assert client.get(reverse("programmes:item", args=[other.pk])).status_code == 404
    assert client.post(reverse("programmes:item_edit", args=[own.pk]), {}).status_code == 403
    assert client.get(reverse("programmes:roadmap", args=[programme.pk])).status_code == 404


def test_add_edit_and_delete_an_activity(world: World, programme: Programme) -> None:
    client = world.client_for("curator")
    data = {
        "stage": "Организация работы наставнических пар или групп",
        "title": "Круглый стол наставников",
        "form_of_work": "Круглый стол",
        "starts_on": "2026-12-10",
        "due_on": "2026-12-10",
        "responsible": world.people["working_group"].pk,
        "participants": "Наставники",
        "result": "Обмен опытом",
    }
    bad = client.post(reverse("programmes:item_add", args=[programme.pk]), {**data, "due_on": "2026-12-01"})
    assert bad.status_code == 400 and "Срок не может быть раньше начала." in bad.content.decode()
    outsider = make_person(world.other_school, Role.TEACHER)
    foreign = client.post(reverse("programmes:item_add", args=[programme.pk]), {**data, "responsible": outsider.pk})
    assert foreign.status_code == 400
    assert client.post(reverse("programmes:item_add", args=[programme.pk]), data).status_code == 302
    item = programme.roadmap.get()
    assert (item.title, item.responsible, item.form_of_work) == (
        "Круглый стол наставников",
        world.people["working_group"],
        "Круглый стол",
    )
    edited = client.post(reverse("programmes:item_edit", args=[item.pk]), {**data, "due_on": "2026-12-20"})
    assert edited.status_code == 302
    item.refresh_from_db()
    assert item.due_on == datetime.date(2026, 12, 20)
    assert client.post(reverse("programmes:item_delete", args=[item.pk])).status_code == 302
    assert not programme.roadmap.exists()


def test_move_shifts_whole_months_and_reorders_same_day(world: World, programme: Programme) -> None:
    first = _item(
        programme, title="Первое", starts_on=datetime.date(2026, 10, 1), due_on=datetime.date(2026, 10, 31), order=1
    )
    second = _item(
        programme, title="Второе", starts_on=datetime.date(2026, 10, 1), due_on=datetime.date(2026, 10, 31), order=2
    )
    client = world.client_for("curator")
    client.post(reverse("programmes:item_move", args=[second.pk]), {"direction": "up"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.order < first.order
    client.post(reverse("programmes:item_move", args=[first.pk]), {"direction": "later"})
    first.refresh_from_db()
    assert (first.starts_on, first.due_on) == (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    client.post(reverse("programmes:item_move", args=[first.pk]), {"direction": "earlier"})
    client.post(reverse("programmes:item_move", args=[first.pk]), {"direction": "earlier"})
    first.refresh_from_db()
    assert (first.starts_on, first.due_on) == (datetime.date(2026, 9, 1), datetime.date(2026, 9, 30))
    page = client.post(reverse("programmes:item_move", args=[first.pk]), {"direction": "sideways"}, follow=True)
    assert "Неизвестное действие." in page.content.decode()


def test_assign_takes_only_the_organisations_staff(world: World, programme: Programme) -> None:
    item = _item(programme)
    client = world.client_for("curator")
    client.post(reverse("programmes:item_assign", args=[item.pk]), {"responsible": world.people["mentor"].pk})
    item.refresh_from_db()
    assert item.responsible == world.people["mentor"]
    page = client.post(
        reverse("programmes:item_assign", args=[item.pk]), {"responsible": world.people["mentee"].pk}, follow=True
    )
    assert "Выберите ответственного из сотрудников организации." in page.content.decode()
    item.refresh_from_db()
    assert item.responsible == world.people["mentor"]
    client.post(reverse("programmes:item_assign", args=[item.pk]), {"responsible": ""})
    item.refresh_from_db()
    assert item.responsible is None


def test_other_organisations_curator_gets_404_on_activities(world: World, programme: Programme) -> None:
    item = _item(programme)
    client = world.client_for("other_curator")
    for name in ("programmes:item", "programmes:item_evidence_file"):
        assert client.get(reverse(name, args=[item.pk])).status_code == 404
    for name in ("programmes:item_status", "programmes:item_delete", "programmes:item_assign"):
        assert client.post(reverse(name, args=[item.pk]), {"status": "done"}).status_code == 404
    item.refresh_from_db()
    assert item.status == ItemStatus.PLANNED


# -- evidence --------------------------------------------------------------------------------------


def test_evidence_upload_is_stored_and_served_only_through_the_view(
    world: World, programme: Programme, media: Path
) -> None:
    item = _item(programme)
    client = world.client_for("curator")
    upload = SimpleUploadedFile("протокол.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client.post(reverse("programmes:item_evidence", args=[item.pk]), {"file": upload})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.evidence_file.name.endswith(".pdf")
    download = client.get(reverse("programmes:item_evidence_file", args=[item.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 evidence"  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]
    page = client.get(reverse("programmes:item", args=[item.pk])).content.decode()
    assert "/media/" not in page
    assert world.client_for("mentee").get(reverse("programmes:item_evidence_file", args=[item.pk])).status_code == 404


def test_evidence_link_is_enough(world: World, programme: Programme) -> None:
    item = _item(programme)
    response = world.client_for("curator").post(
        reverse("programmes:item_evidence", args=[item.pk]), {"url": "school1.example.org/news/klub"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.evidence_url == "https://school1.example.org/news/klub"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("программа.exe", b"MZ" * 10, "Этот тип файла не принимается: .exe"),
        ("большой.pdf", b"%PDF" + b"0" * 2048, "Файл больше 1 КБ"),
        ("пустой.pdf", b"", "Отправленный файл пуст."),
        ("", b"", "Приложите файл или укажите ссылку на подтверждение."),
    ],
)
def test_evidence_refusals_are_in_russian(
    world: World, programme: Programme, media: Path, settings: Any, name: str, content: bytes, message: str
) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    item = _item(programme)
    data = {"file": SimpleUploadedFile(name, content)} if name else {}
    response = world.client_for("curator").post(reverse("programmes:item_evidence", args=[item.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert not item.evidence_file
    assert not list(media.rglob("*.*"))


def test_bad_link_is_refused(world: World, programme: Programme) -> None:
    item = _item(programme)
    response = world.client_for("curator").post(
        reverse("programmes:item_evidence", args=[item.pk]), {"url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    assert "Введите правильный URL." in response.content.decode()


# -- exports -------------------------------------------------------------------------------------------


def test_roadmap_docx_is_the_annual_plan_of_002(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    item = programme.roadmap.get(template_n=1)
    item.status, item.done_on = ItemStatus.DONE, datetime.date(2026, 10, 12)
    item.save()
    response = world.client_for("curator").get(reverse("programmes:roadmap_docx", args=[programme.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    year = programme.academic_year.start_year
    paragraphs = [p.text for p in document.paragraphs]
    assert f"План реализации мероприятий программы наставничества на {year}/{year + 1} учебный год" in paragraphs
    assert not any("§" in line for line in paragraphs), "no internal references in an official document"
    (table,) = document.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == [
        "№",
        "Наименования конкретных мероприятий",
        "Форма их реализации",
        "Сроки",
        "Ответственные за организацию и проведение",
        "Категория(-и) участников",
        "Ожидаемые результаты",
    ]
    assert len(rows) == 1 + 7 + 35
    assert rows[2][1] == "Информирование педагогов школы о реализации клуба наставничества"
    # 001 gives the expected result per stage: its items carry it into the plan.
    assert rows[2][6].startswith("определены необходимые ресурсы")
    assert not any("Выполнено" in cell for row in rows for cell in row)
    assert rows[-1][0] == "7.8"


def test_roadmap_xlsx_has_a_row_per_activity(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    programme.roadmap.filter(template_n=2).update(evidence_url="https://school.example.org/news/1")
    response = world.client_for("region").get(reverse("programmes:roadmap_xlsx", args=[programme.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "№",
        "Этап / раздел",
        "Наименования конкретных мероприятий",
        "Форма их реализации",
        "Сроки",
        "Ответственные за организацию и проведение",
        "Категория(-и) участников",
        "Ожидаемые результаты",
    )
    assert len(rows) == 36
    year = programme.academic_year.start_year
    assert rows[1][0] == "1.1" and rows[1][4] == f"01.10.{year} — 31.10.{year}"
    assert rows[2][10] == "https://school.example.org/news/1"
