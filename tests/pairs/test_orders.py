"""The director's order: drafts, editing, the DOCX (opened with python-docx), registration and refusals."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, orders, services
from nastavnik.pairs.models import OrderStatus, Pair, PairOrder, PairStatus, PairTransition
from tests.conftest import World
from tests.factories import make_person
from tests.pairs.matrix_lifecycle import confirmed_pair, new_mentee

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]]


CONFIRM = {"confirm": "yes"}  # the button of the confirmation page


def _draft(world: World, pairs: list[Pair], **fields: Any) -> PairOrder:
    order = orders.create_draft(world.programme, None, pairs)
    for name, value in fields.items():
        setattr(order, name, value)
    order.save()
    return order


def _save_form(order: PairOrder, **changes: str) -> dict[str, str]:
    data = {
        "action": "save",
        "order-number": order.number,
        "order-order_date": order.order_date.isoformat() if order.order_date else "",
        "order-title": order.title,
        "order-preamble": order.preamble,
        "order-period_from": order.period_from.isoformat() if order.period_from else "",
        "order-period_to": order.period_to.isoformat() if order.period_to else "",
    }
    data.update({f"order-{k}": v for k, v in changes.items()})
    return data


def _document(response: Any) -> Any:
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def _pairs_table(document: Any) -> Any:
    return next(t for t in document.tables if t.rows[0].cells[0].text == "№")


def _texts(document: Any) -> list[str]:
    return [p.text for p in document.paragraphs]


# -- the list and a new draft -----------------------------------------------------------


def test_new_draft_preselects_every_confirmed_pair_without_an_order(world: World) -> None:
    first, second = confirmed_pair(world), confirmed_pair(world)
    already = confirmed_pair(world)
    _draft(world, [already])
    proposed = services.propose(world.mentor_entry, [new_mentee(world)], Scheme.APPOINTMENT, None)
    response = world.client_for("curator").get(reverse("pairs:orders", args=[world.programme.pk]))
    form = response.context["form"]
    offered = {pk for pk, _ in ((c[0].value, c[1]) for c in form.fields["pairs"].choices)}
    assert offered == {first.pk, second.pk}
    assert set(form.initial["pairs"]) == {first.pk, second.pk}
    assert proposed.pk not in offered
    html = response.content.decode()
    assert html.count("checked") >= 2 and "Создать проект приказа" in html


def test_creating_a_draft_takes_the_ticked_pairs_and_the_default_period(world: World) -> None:
    first, second = confirmed_pair(world), confirmed_pair(world)
    client = world.client_for("curator")
    response = client.post(reverse("pairs:orders", args=[world.programme.pk]), {"pairs": [first.pk]})
    order = PairOrder.objects.get()
    assert response.url == reverse("pairs:order", args=[order.pk])
    assert list(order.pairs.all()) == [first]
    assert Pair.objects.get(pk=second.pk).order is None
    year = world.programme.academic_year
    assert (order.period_from, order.period_to) == (year.starts_on, year.ends_on)
    assert "Р-145" in order.preamble and world.programme.title in order.preamble
    assert order.status == OrderStatus.DRAFT and order.title == "О закреплении наставнических пар (групп)"


def test_default_period_follows_the_programme_dates_when_set(world: World) -> None:
    world.programme.starts_on, world.programme.ends_on = datetime.date(2026, 10, 1), datetime.date(2027, 5, 31)
    world.programme.save()
    order = orders.create_draft(world.programme, None, [confirmed_pair(world)])
    assert (order.period_from, order.period_to) == (datetime.date(2026, 10, 1), datetime.date(2027, 5, 31))


def test_draft_with_nothing_ticked_is_refused(world: World) -> None:
    confirmed_pair(world)
    response = world.client_for("curator").post(reverse("pairs:orders", args=[world.programme.pk]), {"pairs": []})
    assert response.status_code == 200
    assert "Отметьте хотя бы одну пару." in response.content.decode()
    assert not PairOrder.objects.exists()


def test_a_pair_ticked_in_a_stale_page_is_refused(world: World) -> None:
    pair = confirmed_pair(world)
    lifecycle.dissolve(pair, "Причина", None)
    response = world.client_for("curator").post(
        reverse("pairs:orders", args=[world.programme.pk]), {"pairs": [pair.pk]}
    )
    assert "Пара уже недоступна: обновите страницу." in response.content.decode()
    assert not PairOrder.objects.exists()


def test_order_list_has_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    for n in range(6):
        _draft(world, [confirmed_pair(world)], number=str(n + 1))
    client = world.client_for("curator")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("pairs:orders", args=[world.programme.pk]))
    assert response.status_code == 200 and response.content.decode().count("№ ") >= 6


# -- editing -----------------------------------------------------------------------------


def test_save_number_date_and_text(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)])
    data = _save_form(order, number=" 45-од ", order_date="15.12.2026", preamble="На основании решения педсовета")
    response = world.client_for("director").post(reverse("pairs:order", args=[order.pk]), data, follow=True)
    assert "Приказ сохранён." in _messages(response)
    order.refresh_from_db()
    assert (order.number, order.order_date) == ("45-од", datetime.date(2026, 12, 15))
    assert order.preamble == "На основании решения педсовета"


def test_bad_input_gets_russian_field_errors(world: World) -> None:
    PairOrder.objects.create(programme=world.programme, number="45-од")
    order = _draft(world, [confirmed_pair(world)])
    data = _save_form(order, number="45-од", order_date="32.13.2026", period_from="2027-05-01", period_to="2026-09-01")
    response = world.client_for("curator").post(reverse("pairs:order", args=[order.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["number"] == ["Приказ № 45-од уже есть в этой программе."]
    assert errors["period_to"] == ["Окончание периода раньше его начала."]
    assert "order_date" in errors
    assert PairOrder.objects.get(pk=order.pk).number == ""


def test_add_and_remove_pairs(world: World) -> None:
    first, second = confirmed_pair(world), confirmed_pair(world)
    order = _draft(world, [first])
    client = world.client_for("curator")
    url = reverse("pairs:order", args=[order.pk])
    added = client.post(url, {"action": "add", "add-pairs": [second.pk]}, follow=True)
    assert "В приказ добавлено: 1 пара." in _messages(added)
    assert set(order.pairs.all()) == {first, second}
    removed = client.post(url, {"action": "remove", "remove-pairs": [first.pk, second.pk]}, follow=True)
    assert "Из приказа убрано: 2 пары." in _messages(removed)
    assert not order.pairs.exists()


def test_a_registered_order_cannot_be_edited_or_deleted(world: World) -> None:
    pair = confirmed_pair(world)
    order = _draft(world, [pair], number="1", order_date=datetime.date(2026, 12, 1))
    lifecycle.register_order(order, None)
    client = world.client_for("curator")
    response = client.post(reverse("pairs:order", args=[order.pk]), _save_form(order, number="2"), follow=True)
    assert "Зарегистрированный приказ изменить нельзя." in _messages(response)
    deleted = client.post(reverse("pairs:order_delete", args=[order.pk]), follow=True)
    assert "Зарегистрированный приказ удалить нельзя." in _messages(deleted)
    assert PairOrder.objects.get(pk=order.pk).number == "1"


def test_deleting_a_draft_frees_its_pairs(world: World) -> None:
    pair = confirmed_pair(world)
    order = _draft(world, [pair])
    world.client_for("curator").post(reverse("pairs:order_delete", args=[order.pk]))
    assert not PairOrder.objects.exists()
    assert Pair.objects.get(pk=pair.pk).order is None


# -- registration ------------------------------------------------------------------------


def test_register_fixes_every_pair_and_writes_the_history(world: World) -> None:
    pairs = [confirmed_pair(world), confirmed_pair(world)]
    order = _draft(world, pairs, number="45-од", order_date=datetime.date(2026, 12, 15))
    client = world.client_for("director")
    response = client.post(reverse("pairs:order_register", args=[order.pk]), CONFIRM, follow=True)
    assert "Приказ зарегистрирован; закреплено приказом: 2 пары." in _messages(response)
    order.refresh_from_db()
    director = world.people["director"].user
    assert (order.status, order.registered_by) == (OrderStatus.REGISTERED, director)
    for pair in pairs:
        assert Pair.objects.get(pk=pair.pk).status == PairStatus.FIXED
        last = PairTransition.objects.filter(pair=pair).order_by("-at", "-id").first()
        assert last is not None and (last.from_status, last.to_status, last.by) == ("confirmed", "fixed", director)
        assert last.reason.startswith("Приказ № 45-од от 15.12.2026")
    page = client.get(reverse("pairs:detail", args=[pairs[0].pk])).content.decode()
    assert "Закреплена приказом" in page and "Приказ № 45-од от 15.12.2026" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"number": "", "order_date": datetime.date(2026, 12, 1)}, "укажите его номер и дату"),
        ({"number": "5", "order_date": None}, "укажите его номер и дату"),
        ({"number": "   ", "order_date": datetime.date(2026, 12, 1)}, "укажите его номер и дату"),
    ],
)
def test_register_refuses_without_number_or_date(world: World, fields: dict[str, Any], message: str) -> None:
    pair = confirmed_pair(world)
    order = _draft(world, [pair], **fields)
    response = world.client_for("director").post(reverse("pairs:order_register", args=[order.pk]), CONFIRM, follow=True)
    assert message in " ".join(_messages(response))
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.CONFIRMED
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT


def test_register_refuses_an_empty_order_and_a_second_registration(world: World) -> None:
    client = world.client_for("director")
    empty = PairOrder.objects.create(programme=world.programme, number="1", order_date=datetime.date(2026, 12, 1))
    response = client.post(reverse("pairs:order_register", args=[empty.pk]), CONFIRM, follow=True)
    assert "В приказе нет ни одной пары." in _messages(response)
    order = _draft(world, [confirmed_pair(world)], number="2", order_date=datetime.date(2026, 12, 1))
    client.post(reverse("pairs:order_register", args=[order.pk]), CONFIRM)
    again = client.post(reverse("pairs:order_register", args=[order.pk]), CONFIRM, follow=True)
    assert "Приказ уже зарегистрирован." in _messages(again)


def test_register_refuses_unconfirmed_pairs_by_name(world: World) -> None:
    pair = confirmed_pair(world)
    order = _draft(world, [pair], number="9", order_date=datetime.date(2026, 12, 1))
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.PROPOSED)
    page = world.client_for("director").get(reverse("pairs:order", args=[order.pk])).content.decode()
    assert "есть неподтверждённые пары" in page
    response = world.client_for("director").post(reverse("pairs:order_register", args=[order.pk]), CONFIRM, follow=True)
    text = " ".join(_messages(response))
    assert "только подтверждённые пары" in text and world.mentor_entry.person.short_name in text
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT


def test_attach_refuses_an_unconfirmed_pair(world: World) -> None:
    proposed = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, None)
    with pytest.raises(lifecycle.PairError, match="не подтверждена куратором"):
        orders.create_draft(world.programme, None, [proposed])


def test_the_working_group_prepares_but_does_not_register(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)], number="3", order_date=datetime.date(2026, 12, 1))
    client = world.client_for("working_group")
    assert client.get(reverse("pairs:order", args=[order.pk])).status_code == 200
    assert client.post(reverse("pairs:order_register", args=[order.pk]), CONFIRM).status_code == 403
    assert PairOrder.objects.get(pk=order.pk).status == OrderStatus.DRAFT


def test_other_schools_curator_gets_404_everywhere(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)])
    client = world.client_for("other_curator")
    for name in ("pairs:order", "pairs:order_docx"):
        assert client.get(reverse(name, args=[order.pk])).status_code == 404
    assert client.get(reverse("pairs:orders", args=[world.programme.pk])).status_code == 404
    assert client.post(reverse("pairs:order_register", args=[order.pk]), CONFIRM).status_code == 404


# -- the document ------------------------------------------------------------------------


def test_docx_has_the_header_and_one_row_per_pair_with_the_group_in_one_cell(world: World) -> None:
    world.people["director"].memberships.update(position="директор школы")
    world.school.address = "г. Приозёрск, пл. Ленина, д. 1"
    world.school.save()
    world.programme.regulation_number = "88-од"
    world.programme.regulation_date = datetime.date(2026, 9, 1)
    single = confirmed_pair(world)
    group_mentees = [new_mentee(world), new_mentee(world)]
    world.mentor_entry.takes_group = True
    world.mentor_entry.save()
    group = confirmed_pair(world, group_mentees)
    world.programme.curator = world.people["curator"]
    world.programme.save()
    order = _draft(world, [single, group], number="45-од", order_date=datetime.date(2026, 12, 5))
    response = world.client_for("director").get(reverse("pairs:order_docx", args=[order.pk]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "attachment" in response["Content-Disposition"]
    document = _document(response)
    texts = _texts(document)
    assert texts[0] == world.school.name
    assert "ПРИКАЗ" in texts and "О закреплении наставнических пар (групп)" in texts
    assert "г. Приозёрск" in texts, "the place of issue stands under the date and number"
    heading = document.tables[0].rows[0].cells
    assert (heading[0].text, heading[1].text) == ("05 декабря 2026 г.", "№ 45-од")
    preamble = next(t for t in texts if t.startswith("В соответствии с распоряжением"))
    assert f"Положением о наставничестве {world.school.short_name}, утверждённым приказом" in preamble
    assert "от 01 сентября 2026 г. № 88-од" in preamble
    year = world.programme.academic_year
    first = next(t for t in texts if t.startswith("1. Закрепить наставнические пары"))
    assert "согласно приложению" in first
    assert f"на период с {year.starts_on.day:02d} сентября {year.start_year} г. по 31 августа" in first
    curator = world.people["curator"]
    initials = f"{curator.first_name[0]}. {curator.middle_name[0]}." if curator.middle_name else ""
    assert any(t.startswith("2. Назначить куратором программы наставничества ") for t in texts)
    assert not any(".." in t for t in texts), "no double full stop after initials"
    assert any(t.startswith("3. Куратору программы наставничества ") and initials in t for t in texts)
    assert "4. Контроль за исполнением настоящего приказа оставляю за собой." in texts
    signature = document.tables[1].rows[0].cells
    assert signature[0].text == "Директор школы" and world.people["director"].short_name in signature[1].text
    assert "С приказом ознакомлены:" in texts
    acquainted = [[c.text for c in row.cells] for row in document.tables[2].rows]
    assert {row[0] for row in acquainted} == {curator.short_name, world.mentor_entry.person.short_name}
    assert all(row[1] == "_______________" and row[2].startswith("«___»") for row in acquainted)
    table = _pairs_table(document)
    assert [c.text for c in table.rows[0].cells] == [
        "№",
        "Наставник",
        "Наставляемый(-е)",
        "Форма наставничества",
        "Период",
    ]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert len(rows) == 2
    period = f"с {year.starts_on:%d.%m.%Y} по {year.ends_on:%d.%m.%Y}"
    by_mentees = {row[2]: row for row in rows}
    group_row = next(row for row in rows if "," in row[2])
    for mentee in group_mentees:
        assert mentee.person.full_name in group_row[2]
    assert all(row[1] == world.mentor_entry.person.full_name and row[4] == period for row in rows)
    assert [row[0] for row in rows] == ["1", "2"]
    assert len(by_mentees) == 2 and rows[0][3] == str(world.programme.forms.get())


def test_docx_of_a_draft_without_number_leaves_blanks_to_fill_by_hand(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)])
    response = world.client_for("curator").get(reverse("pairs:order_docx", args=[order.pk]))
    heading = _document(response).tables[0].rows[0].cells
    assert heading[0].text.startswith("«___»") and heading[1].text == "№ ______"


def test_escaping_keeps_the_document_valid(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)], preamble="Основание: «А & Б» <важно>")
    response = world.client_for("curator").get(reverse("pairs:order_docx", args=[order.pk]))
    assert "Основание: «А & Б» <важно>" in _texts(_document(response))


def test_responsible_persons_are_declined_and_a_deputy_gets_the_control(world: World) -> None:
    curator = make_person(world.school, Role.CURATOR)
    deputy = make_person(world.school, Role.WORKING_GROUP, position="Заместитель директора по УВР")
    for person, names in ((curator, ("Гаврилова", "Дарья", "Викторовна")), (deputy, ("Смирнов", "Олег", "Ильич"))):
        person.last_name, person.first_name, person.middle_name = names
        person.save()
    world.programme.curator = curator
    world.programme.save()
    context = orders.document_context(world.programme, None, [])
    assert context["curator"]["accusative"] == "Гаврилову Д. В."
    assert context["curator"]["dative"] == "Гавриловой Д. В."
    assert context["curator"]["appointment"] == "Назначить куратором программы наставничества Гаврилову Д. В."
    assert context["order"]["control"] == (
        "Контроль за исполнением настоящего приказа возложить на заместителя директора по УВР Смирнова О. И."
    )
    # A curator who is also a deputy does not control their own work.
    world.programme.curator = deputy
    world.programme.save()
    context = orders.document_context(world.programme, None, [])
    assert context["order"]["control"] == "Контроль за исполнением настоящего приказа оставляю за собой."


def test_director_name_is_blank_when_the_school_has_no_director(world: World) -> None:
    world.people["director"].memberships.filter(role=Role.DIRECTOR).update(is_active=False)
    context = orders.document_context(world.programme, None, [])
    assert context["director"]["short_name"] == "" and context["pairs"] == []
    other = make_person(world.school, Role.DIRECTOR)
    assert orders.document_context(world.programme, None, [])["director"]["name"] == other.full_name


def test_order_page_shows_the_table_for_a_phone(world: World) -> None:
    order = _draft(world, [confirmed_pair(world)])
    client: Client = world.client_for("director")
    html = client.get(reverse("pairs:order", args=[order.pk])).content.decode()
    assert 'class="table-wrap"' in html and "Наставляемый(-е)" in html
    assert "не указан номер приказа" in html and "не указана дата приказа" in html
