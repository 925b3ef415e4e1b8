"""The indicator pages: values, manual entry, snapshots, targets, events, XLSX download, scope."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.monitoring.models import Event, ManualValue, Snapshot, SnapshotKind, Target
from nastavnik.orgs.models import AcademicYear
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import OrganisationFactory, make_mentee_entry, make_person, make_programme

YEAR = AcademicYear.start_year_for(TODAY)
START = datetime.date(YEAR, 9, 1).strftime("%d.%m.%Y")


def _url(name: str, **kwargs: Any) -> str:
    return f"{reverse(name, kwargs=kwargs)}?year={YEAR}"


def _page(world: World, role: str, org_pk: int) -> str:
    response = world.client_for(role).get(_url("monitoring:indicators", org_pk=org_pk))
    assert response.status_code == 200
    return response.content.decode()


def test_the_curator_sees_every_indicator_with_its_verbatim_name(world: World) -> None:
    html = _page(world, "curator", world.school.pk)
    assert "Количество обучающихся, подавших «запрос на помощь наставника»" in html
    assert "по моделям «учитель-учитель», «ученик-ученик», «студент-ученик», «работодатель-ученик»" in html
    assert "Вклад организации в развитие региональной практики наставничества" in html
    assert html.count('<tr id="i') == 23
    # The world's mentee filed a request in the school's programme today.
    assert '<tr id="i1.1">' in html
    row = html[html.index('<tr id="i1.1">') : html.index('<tr id="i1.2">')]
    assert '<td class="num">1</td>' in row
    assert "Как считается · ввести вручную" in html and "Срез на дату начала" in html


def test_the_district_coordinator_reads_but_does_not_change(world: World) -> None:
    html = _page(world, "district", world.school.pk)
    assert "ввести вручную" not in html and "Срез на дату начала" not in html
    client = world.client_for("district")
    posted = client.post(
        _url("monitoring:manual", org_pk=world.school.pk, code="1.1"),
        {"value": "5", "on_date": START, "comment": "проверка"},
    )
    assert posted.status_code == 403
    assert not ManualValue.objects.exists()


def test_a_district_sees_its_total_and_not_another_district(world: World) -> None:
    make_programme(world.other_school)  # a second programme elsewhere does not enter this district's total
    html = _page(world, "district", world.district.pk)
    assert "Сводка: 1 организация с программами" in html
    assert world.school.short_name in html
    client = world.client_for("district")
    for pk in (world.other_district.pk, world.other_school.pk):
        assert client.get(_url("monitoring:indicators", org_pk=pk)).status_code == 404
        assert client.get(_url("monitoring:export", org_pk=pk)).status_code == 404
    region = _page(world, "region", world.region.pk)
    assert "Сводка: 2 организации с программами" in region


def test_the_selector_lists_only_what_the_user_reads(world: World) -> None:
    html = _page(world, "district", world.district.pk)
    assert world.school.short_name in html
    assert world.other_school.short_name not in html
    assert "Лесной р-н" not in html
    response = world.client_for("district").get(reverse("monitoring:home"), {"org": world.school.pk, "year": YEAR})
    assert response.status_code == 302 and response.url == _url("monitoring:indicators", org_pk=world.school.pk)
    assert world.client_for("curator").get(reverse("monitoring:home")).url == _url(
        "monitoring:indicators", org_pk=world.school.pk
    )


def test_an_unknown_year_is_not_found(world: World) -> None:
    client = world.client_for("curator")
    assert (
        client.get(reverse("monitoring:indicators", kwargs={"org_pk": world.school.pk}) + "?year=1990").status_code
        == 404
    )
    assert (
        client.get(reverse("monitoring:indicators", kwargs={"org_pk": world.school.pk}) + "?year=abc").status_code
        == 404
    )


def test_manual_entry_replaces_the_value_and_keeps_history(world: World) -> None:
    client = world.client_for("curator")
    url = _url("monitoring:manual", org_pk=world.school.pk, code="4.3")
    on_date = START
    response = client.post(url, {"value": "3", "on_date": on_date, "comment": "Отчёт методиста за сентябрь"})
    assert response.status_code == 302
    html = _page(world, "curator", world.school.pk)
    row = html[html.index('<tr id="i4.3">') : html.index('<tr id="i4.4">')]
    assert '<td class="num">3</td>' in row and "введено вручную" in row and "Отчёт методиста за сентябрь" in row
    client.post(url, {"clear": "on", "on_date": on_date, "comment": "Данные есть в разделе мероприятий"})
    history = client.get(url).content.decode()
    assert "Отчёт методиста за сентябрь" in history and "Данные есть в разделе мероприятий" in history
    assert ManualValue.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"value": "-1", "on_date": START, "comment": "x"}, "не может быть отрицательным"),
        ({"value": "много", "on_date": START, "comment": "x"}, "Введите целое число"),
        ({"value": "2", "on_date": "32.13.2026", "comment": "x"}, "Такой даты не существует: 32.13.2026"),
        ({"value": "2", "on_date": "завтра", "comment": "x"}, "Введите дату"),
        ({"value": "2", "on_date": START, "comment": ""}, "Укажите, откуда взято значение"),
        ({"value": "", "on_date": START, "comment": "x"}, "Введите значение или отметьте"),
        ({"value": "2", "on_date": "01.10.1999", "comment": "x"}, "вне учебного года"),
    ],
)
def test_manual_entry_errors_are_russian_and_on_the_field(world: World, data: dict[str, str], error: str) -> None:
    response = world.client_for("curator").post(_url("monitoring:manual", org_pk=world.school.pk, code="1.1"), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not ManualValue.objects.exists()


def test_snapshots_from_the_page(world: World) -> None:
    client = world.client_for("curator")
    url = _url("monitoring:take_snapshot", org_pk=world.school.pk)
    response = client.post(url, {"kind": "start", "year": YEAR})
    snapshot = Snapshot.objects.get(kind=SnapshotKind.START)
    assert response.status_code == 302 and response.url == reverse("monitoring:snapshot", kwargs={"pk": snapshot.pk})
    again = client.post(url, {"kind": "start", "year": YEAR}, follow=True)
    assert "уже сохранён" in again.content.decode()
    bad = client.post(url, {"kind": "weekly", "year": YEAR}, follow=True)
    assert "Неизвестный вид среза" in bad.content.decode()
    page = client.get(reverse("monitoring:snapshot", kwargs={"pk": snapshot.pk})).content.decode()
    assert (
        "Срез на дату начала (01.09." in page and "Количество педагогов, прошедших обучение по наставничеству" in page
    )
    assert Snapshot.objects.count() == 1


def test_targets_page_saves_and_validates(world: World) -> None:
    client = world.client_for("curator")
    url = _url("monitoring:targets", org_pk=world.school.pk)
    bad = client.post(url, {"kind_1.1": "growth", "value_1.1": "-5"})
    assert bad.status_code == 400 and "не может быть отрицательным" in bad.content.decode()
    assert (
        client.post(
            url, {"kind_1.1": "growth", "value_1.1": "15", "kind_1.2": "absolute", "value_1.2": "4"}
        ).status_code
        == 302
    )
    assert {(t.code, t.kind, t.value) for t in Target.objects.all()} == {("1.1", "growth", 15), ("1.2", "absolute", 4)}
    html = _page(world, "curator", world.school.pk)
    assert "+15 %" in html and "не менее 4" in html
    assert world.client_for("region").post(url, {"kind_1.1": "absolute", "value_1.1": "1"}).status_code == 403
    readonly = world.client_for("region").get(url).content.decode()
    assert "Сохранить цели" not in readonly and "Рост к началу, %" in readonly


def test_events_crud_and_validation(world: World) -> None:
    client = world.client_for("curator")
    add = _url("monitoring:event_add", org_pk=world.school.pk)
    data = {
        "title": "Форум наставников",
        "date": f"{YEAR}-10-10",
        "kind": "attended",
        "level": "regional",
        "host": "",
        "participants": "2",
        "staff_participants": "3",
        "partner_participants": "0",
        "practices_approved": "1",
        "practices_level": "",
    }
    response = client.post(add, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Участников всего не может быть меньше" in html
    assert "Укажите организацию, которая проводила мероприятие" in html
    assert "Укажите уровень экспертизы" in html
    far = client.post(add, {**data, "date": "1900-01-01"})
    assert far.status_code == 400 and "Учебного года 1899/1900 нет на платформе" in far.content.decode()
    data.update(host="ИРО", participants="5", practices_level="regional")
    assert client.post(add, data).status_code == 302
    event = Event.objects.get()
    assert (event.organisation, event.academic_year.start_year, event.created_by.username) == (
        world.school,
        YEAR,
        "curator",
    )
    listing = client.get(_url("monitoring:events", org_pk=world.school.pk)).content.decode()
    assert "Форум наставников" in listing and f"10.10.{YEAR}" in listing
    data.update(title="Форум наставников региона")
    assert client.post(reverse("monitoring:event_edit", kwargs={"pk": event.pk}), data).status_code == 302
    assert Event.objects.get().title == "Форум наставников региона"
    assert (
        world.client_for("other_curator").post(reverse("monitoring:event_delete", kwargs={"pk": event.pk})).status_code
        == 404
    )
    assert client.post(reverse("monitoring:event_delete", kwargs={"pk": event.pk})).status_code == 302
    assert not Event.objects.exists()


def test_the_events_list_has_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    year = AcademicYear.objects.get(start_year=YEAR)
    Event.objects.bulk_create(
        Event(organisation=world.school, academic_year=year, title=f"Семинар {n}", date=year.starts_on)
        for n in range(60)
    )
    client = world.client_for("curator")
    client.get(_url("monitoring:events", org_pk=world.school.pk))
    with django_assert_max_num_queries(12):
        response = client.get(_url("monitoring:events", org_pk=world.school.pk))
    assert response.content.decode().count("Семинар ") == 25


@pytest.mark.parametrize("schools", [2, 8])
def test_the_district_page_has_bounded_queries(world: World, schools: int, django_assert_max_num_queries: Any) -> None:
    for _ in range(schools):
        school = OrganisationFactory(parent=world.district)
        programme = make_programme(school)
        make_mentee_entry(make_person(school, "student"), programme)
    client = world.client_for("district")
    client.get(_url("monitoring:indicators", org_pk=world.district.pk))
    with django_assert_max_num_queries(40):
        response = client.get(_url("monitoring:indicators", org_pk=world.district.pk))
    assert response.status_code == 200


def test_the_page_downloads_the_xlsx(world: World) -> None:
    response = world.client_for("district").get(_url("monitoring:export", org_pk=world.district.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Сводка", world.school.short_name]
