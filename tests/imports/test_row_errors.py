"""Each row error: the exact Russian message naming the line and column, and nothing is written.

What became a warning with issue 13 (contacts without consent, an unknown class teacher, an unreadable
e-mail or experience, the same person twice) is tested in test_warnings.py and test_duplicates.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from nastavnik.imports.models import ImportStatus
from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STAFF_HEADER, STUDENT_HEADER, commit, upload_batch, xlsx_bytes

GOOD = ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"]


def _errors_for(world: World, rows: list[list[Any]], kind: str = "students") -> list[str]:
    """Upload, try to commit, and check that nothing was written; the error messages."""
    people, memberships = Person.objects.count(), Membership.objects.count()
    client = world.client_for("curator")
    header = STUDENT_HEADER if kind == "students" else STAFF_HEADER
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([header, *rows]), kind)
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Загрузить в базу" not in page
    assert "В базу ничего не загружено" in page
    assert 'class="row-error"' in page
    commit(client, batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)
    return [error["message"] for error in batch.errors]


def test_missing_last_name(world: World) -> None:
    rows = [GOOD, ["", "Иван", "", "01.02.2012", "7А"]]
    assert _errors_for(world, rows) == ["строка 3: не указано ФИО (Фамилия и Имя обязательны)"]


def test_missing_first_name_in_a_single_fio_column(world: World) -> None:
    client = world.client_for("curator")
    content = xlsx_bytes([["ФИО", "Класс"], ["Лебедева Мария Олеговна", "8Б"], ["Кузнецов", "9А"]])
    batch = upload_batch(client, world.school, "файл.xlsx", content)
    assert [e["message"] for e in batch.errors] == ["строка 3: не указано ФИО (Фамилия и Имя обязательны)"]
    names = {key: batch.rows[0]["data"][key] for key in ("last_name", "first_name", "middle_name")}
    assert names == {"last_name": "Лебедева", "first_name": "Мария", "middle_name": "Олеговна"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2012", "строка 2, столбец «Дата рождения»: «31.02.2012»: такой даты не существует"),
        (
            "весной 2012",
            "строка 2, столбец «Дата рождения»: дата «весной 2012» не распознана: "
            "укажите ДД.ММ.ГГГГ, например 05.09.2012",
        ),
        ("01.01.2099", "строка 2, столбец «Дата рождения»: дата «01.01.2099» в будущем"),
        ("01.01.1900", "строка 2, столбец «Дата рождения»: проверьте год: «01.01.1900»"),
    ],
)
def test_bad_birth_date(world: World, value: str, message: str) -> None:
    assert _errors_for(world, [["Лебедева", "Мария", "Олеговна", value, "8Б"]]) == [message]


def test_unknown_class(world: World) -> None:
    assert _errors_for(world, [["Лебедева", "Мария", "Олеговна", "14.02.2012", "12Я"]]) == [
        "строка 2, столбец «Класс»: класс «12Я» не распознан: укажите параллель от 1 до 11 и букву, "
        "например «7А» или «10 Б»"
    ]


def test_missing_class_in_a_school(world: World) -> None:
    assert _errors_for(world, [["Лебедева", "Мария", "Олеговна", "14.02.2012", ""]]) == [
        "строка 2, столбец «Класс»: не указан класс (например, «7А»)"
    ]


def test_wrong_organisation(world: World) -> None:
    client = world.client_for("curator")
    header = [*STUDENT_HEADER, "Организация"]
    own = f"  {world.school.short_name.upper()} "
    content = xlsx_bytes([header, [*GOOD, own], ["Кузнецов", "Пётр", "", "01.03.2011", "9А", "Гимназия № 5"]])
    batch = upload_batch(client, world.school, "файл.xlsx", content)
    assert [e["message"] for e in batch.errors] == [
        "строка 3, столбец «Организация»: строка относится к другой организации: «Гимназия № 5»"
    ]


def test_consent_needs_a_date_and_a_parent_for_a_child(world: World) -> None:
    header = [*STUDENT_HEADER, "Согласие на обработку ПДн", "Кто дал согласие"]
    rows = [["Орлова", "Вера", "", "10.10.2016", "4А", "да", "сам"]]
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([header, *rows]))
    assert [e["message"] for e in batch.errors] == [
        "строка 2: согласие «да»: укажите дату согласия (ДД.ММ.ГГГГ) (добавьте в файл столбец «Дата согласия»)",
        "строка 2, столбец «Кто дал согласие»: обучающемуся нет 14 лет: согласие даёт родитель",
    ]


def test_one_bad_row_among_many_blocks_the_whole_file(world: World) -> None:
    rows = [[f"Ученик{n}", "Имя", "", "01.02.2012", "5А"] for n in range(30)]
    rows[17][4] = "5"
    errors = _errors_for(world, rows)
    assert errors == [
        "строка 19, столбец «Класс»: класс «5» не распознан: укажите параллель от 1 до 11 и букву, "
        "например «7А» или «10 Б»"
    ]


def test_a_file_full_of_errors_lists_the_first_300_and_counts_the_rest(world: World) -> None:
    rows = [[f"Ученик{n}", "Имя", "", "01.02.2012", "15Я"] for n in range(400)]
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([STUDENT_HEADER, *rows]))
    assert len(batch.errors) == 400
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk}) + "?show=errors&page=4").content.decode()
    assert "…и ещё 100 ошибок." in page
    assert "Страница 4 из 4" in page
