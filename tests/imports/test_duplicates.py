"""The same person twice in a file (ФИО ignoring case, spaces and ё/е, plus birth date) is merged with a warning."""

from __future__ import annotations

from django.urls import reverse

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STAFF_HEADER, STUDENT_HEADER, commit, upload_batch, xlsx_bytes

GOOD = ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"]


def test_an_exact_copy_is_merged_into_one_person(world: World) -> None:
    client = world.client_for("curator")
    other = ["Кузнецов", "Пётр", "", "01.03.2011", "9А"]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([STUDENT_HEADER, GOOD, other, GOOD]))
    assert batch.errors == []
    assert (
        "строка 4: повтор строки 2 (совпадают ФИО и дата рождения): строки объединены, "
        "пустые значения строки 2 дополнены из этой"
    ) in [warning["message"] for warning in batch.warnings]
    assert (batch.summary["create"], batch.summary["merged"]) == (2, 1)
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "объединена со строкой 2" in page
    commit(client, batch)
    assert Person.objects.filter(last_name="Лебедева").count() == 1


def test_case_spaces_and_yo_variants_are_the_same_person(world: World) -> None:
    client = world.client_for("curator")
    rows = [["Семёнов", "Пётр", "", "01.03.2011", "9А"], ["  СЕМЕНОВ ", "петр", "", "01.03.2011", "9А"]]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([STUDENT_HEADER, *rows]))
    assert batch.errors == []
    assert batch.summary["merged"] == 1
    commit(client, batch)
    assert Person.objects.filter(last_name__in=["Семёнов", "СЕМЕНОВ", "Семенов"]).count() == 1


def test_the_merged_row_fills_the_empty_cells_of_the_first(world: World) -> None:
    client = world.client_for("curator")
    first = ["Петрова", "Анна", "Сергеевна", "17.04.1985", "", "", "", "высшая"]
    second = ["петрова", "Анна", "Сергеевна", "17.04.1985", "учитель математики", "алгебра", "12", ""]
    batch = upload_batch(client, world.school, "педагоги.xlsx", xlsx_bytes([STAFF_HEADER, first, second]), "staff")
    commit(client, batch)
    membership = Membership.objects.get(person__last_name="Петрова", role=Role.TEACHER)
    assert (membership.position, membership.subjects, membership.experience_years, membership.category) == (
        "учитель математики",
        "алгебра",
        12,
        "высшая",
    )


def test_the_same_name_with_another_birth_date_is_another_person(world: World) -> None:
    client = world.client_for("curator")
    twin = ["Лебедева", "Мария", "Олеговна", "14.02.2013", "7Б"]
    batch = upload_batch(client, world.school, "файл.xlsx", xlsx_bytes([STUDENT_HEADER, GOOD, twin]))
    assert (batch.summary["create"], batch.summary["merged"]) == (2, 0)
    commit(client, batch)
    assert Person.objects.filter(last_name="Лебедева").count() == 2
