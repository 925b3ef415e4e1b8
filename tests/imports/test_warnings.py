"""Warnings versus errors: a row with a warning loads; the preview lists warnings per row with counts."""

from __future__ import annotations

import datetime

from django.urls import reverse

from nastavnik.imports.columns import Header, Table
from nastavnik.imports.models import ImportKind, ImportStatus
from nastavnik.imports.validation import Context, validate
from nastavnik.orgs.models import Membership, OrganisationKind, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STAFF_HEADER, STUDENT_HEADER, commit, import_file, upload_batch, xlsx_bytes

GOOD = ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"]
NO_CONSENT = (
    "строка 2, столбец «Телефон»: нет согласия на обработку ПДн: контакты не сохранены, остальное загрузится. "
    "Чтобы сохранить контакты, добавьте в файл столбцы «Согласие на обработку ПДн» (да) и «Дата согласия»"
)


def _messages(entries: list[dict[str, object]]) -> list[object]:
    return [entry["message"] for entry in entries]


def test_contacts_without_consent_are_dropped_and_the_rest_of_the_row_loads(world: World) -> None:
    client = world.client_for("curator")
    header = [*STUDENT_HEADER, "Телефон", "Согласие на обработку ПДн"]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([header, [*GOOD, "+7 900 123-45-67", "нет"]]))
    assert batch.errors == []
    assert NO_CONSENT in _messages(batch.warnings)
    commit(client, batch)
    maria = Person.objects.get(last_name="Лебедева")
    assert (maria.phone, maria.has_consent) == ("", False)
    assert Membership.objects.get(person=maria, role=Role.STUDENT).class_name == "8Б"


def test_an_unknown_class_teacher_is_kept_as_text_and_linked_by_the_staff_import(world: World) -> None:
    client = world.client_for("curator")
    header = [*STUDENT_HEADER, "Классный руководитель"]
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes([header, [*GOOD, "Соколова Елена Ивановна"]]))
    assert batch.errors == []
    assert (
        "строка 2, столбец «Классный руководитель»: «Соколова Елена Ивановна» — классный руководитель не найден "
        "среди педагогов организации: ФИО сохранено, связь появится после загрузки педагогов"
    ) in _messages(batch.warnings)
    commit(client, batch)
    pupil = Membership.objects.get(person__last_name="Лебедева", role=Role.STUDENT)
    assert (pupil.class_teacher_id, pupil.class_teacher_name) == (None, "Соколова Елена Ивановна")

    staff = [STAFF_HEADER, ["Соколова", "Елена", "Ивановна", "03.03.1980", "учитель", "история", "20", "высшая"]]
    import_file(client, world.school, "педагоги.xlsx", xlsx_bytes(staff), "staff")
    pupil.refresh_from_db()
    assert pupil.class_teacher == Person.objects.get(last_name="Соколова")
    assert pupil.class_teacher_name == ""
    assert pupil.history.first().history_change_reason == "Импорт из файла «педагоги.xlsx»"


def test_an_unreadable_email_is_a_warning_and_is_not_stored(world: World) -> None:
    client = world.client_for("curator")
    header = [*STAFF_HEADER, "E-mail", "Согласие на обработку ПДн", "Дата согласия"]
    row = ["Петрова", "Анна", "Сергеевна", "17.04.1985", "учитель", "алгебра", 12, "первая", "petrova@", "да"]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([header, [*row, "01.09.2025"]]), "staff")
    assert batch.errors == []
    assert _messages(batch.warnings) == [
        "строка 2, столбец «E-mail»: «petrova@» не похоже на адрес электронной почты — значение не сохранено"
    ]
    commit(client, batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED
    assert Person.objects.get(last_name="Петрова").email == ""


def test_a_six_year_old_in_ninth_grade_is_a_warning() -> None:
    header = Header(line=1, positions={"last_name": 0, "first_name": 1, "birth_date": 2, "class_name": 3}, titles={})
    header.titles = {"birth_date": "Дата рождения", "class_name": "Класс"}
    rows = [(2, ["Орлова", "Вера", "10.10.2019", "9А"]), (3, ["Орлов", "Илья", "10.10.2011", "9А"])]
    context = Context(
        kind=ImportKind.STUDENTS,
        organisation_kind=OrganisationKind.SCHOOL,
        organisation_names=set(),
        today=datetime.date(2026, 10, 1),
    )
    outcome = validate(Table(header=header, rows=rows), context)
    assert outcome.errors == []
    assert _messages(outcome.warnings) == [
        "строка 2, столбец «Дата рождения»: возраст (6 лет на 1 сентября) необычен для 9 класса — "
        "проверьте дату рождения и класс"
    ]
    assert (outcome.summary["create"], outcome.summary["warnings"], outcome.summary["warning_rows"]) == (2, 1, 1)


def test_the_preview_lists_warnings_per_row_with_counts_and_offers_the_commit(world: World) -> None:
    client = world.client_for("curator")
    header = [*STUDENT_HEADER, "Телефон", "Классный руководитель"]
    rows = [[*GOOD, "+7 900 123-45-67", ""], ["Кудрявцев", "Пётр", "", "01.03.2011", "9А", "", "Иванова И.И."]]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([header, *rows]))
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "2 предупреждения</span> в 2 строках — эти строки загрузятся" in page
    assert "Загрузить в базу" in page
    assert "столбец «Телефон»: нет согласия на обработку ПДн" in page
    assert "«Иванова И.И.» — классный руководитель не найден" in page
