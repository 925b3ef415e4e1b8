"""«Загрузить корректные строки, пропустить ошибочные»: the good rows load, the bad ones come back as an XLSX."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, commit, upload_batch, xlsx_bytes

ROWS = [
    STUDENT_HEADER,
    ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"],
    ["", "Иван", "", "01.02.2012", "7А"],
    ["Кудрявцев", "Пётр", "", "01.03.2011", "12Я"],
    ["Орлова", "Вера", "", "10.10.2013", "6В"],
]


def _skip(client: Client, batch: ImportBatch) -> ImportBatch:
    client.post(reverse("imports:commit", kwargs={"pk": batch.pk}), {"skip_invalid": "1"})
    batch.refresh_from_db()
    return batch


def test_the_default_commit_stays_all_or_nothing(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    people = Person.objects.count()
    response = commit(client, batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW
    assert Person.objects.count() == people
    assert "В файле есть ошибки" in client.get(response["Location"]).content.decode()


def test_the_preview_offers_to_skip_the_bad_rows(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS))
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Загрузить корректные строки, пропустить ошибочные" in page
    assert "Будет загружено 2 строки, пропущено 2 строки." in page


def test_skipping_loads_the_good_rows_and_counts_the_skipped(world: World) -> None:
    client = world.client_for("curator")
    batch = _skip(client, upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS)))
    assert batch.status == ImportStatus.COMMITTED
    assert (batch.summary["created"], batch.summary["skipped"]) == (2, 2)
    assert set(
        Person.objects.filter(last_name__in=["Лебедева", "Орлова", "Кудрявцев"]).values_list("last_name", flat=True)
    ) == {
        "Лебедева",
        "Орлова",
    }
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Скачать пропущенные строки с причинами (.xlsx)" in page


def test_the_skipped_rows_xlsx_lists_the_reasons_and_loads_again_once_fixed(world: World) -> None:
    client = world.client_for("curator")
    batch = _skip(client, upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(ROWS)))
    response = client.get(reverse("imports:skipped", kwargs={"pk": batch.pk}))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Строки с ошибками", "Причины"]
    table = [list(row) for row in workbook["Строки с ошибками"].iter_rows(values_only=True)]
    assert table == [
        STUDENT_HEADER,
        [None, "Иван", None, "01.02.2012", "7А"],
        ["Кудрявцев", "Пётр", None, "01.03.2011", "12Я"],
    ]
    reasons = [list(row) for row in workbook["Причины"].iter_rows(values_only=True)]
    assert reasons[1] == [2, 3, "не указано ФИО (Фамилия и Имя обязательны)"]
    assert reasons[2][:2] == [3, 4]
    assert str(reasons[2][2]).startswith("столбец «Класс»: класс «12Я» не распознан")

    table[1][0], table[2][4] = "Иванов", "10А"
    fixed = upload_batch(client, world.school, "исправленные.xlsx", xlsx_bytes(table))
    assert fixed.errors == []
    assert fixed.summary["create"] == 2


def test_a_file_without_good_rows_cannot_be_skipped_into_the_database(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes([ROWS[0], ROWS[2], ROWS[3]]))
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Загрузить корректные строки" not in page
    people = Person.objects.count()
    batch = _skip(client, batch)
    assert batch.status == ImportStatus.PREVIEW
    assert Person.objects.count() == people


def test_a_file_without_errors_has_no_skipped_rows_to_download(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes([ROWS[0], ROWS[1]]))
    assert client.get(reverse("imports:skipped", kwargs={"pk": batch.pk})).status_code == 404
