"""The column mapping step: proposed fields, Russian form errors, the mapping remembered per organisation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik.imports.columns import recognise, resolve_mapping
from nastavnik.imports.models import ImportBatch, ImportMapping, ImportStatus
from tests.conftest import World
from tests.imports.helpers import commit, upload, xlsx_bytes

TITLE = ["Список класса (выгрузка из «ЭлЖур»)"]
HEADER = ["№", "Учащийся (ФИО)", "Дата рожд.", "Кл.", "Примечание"]
ROWS = [
    [1, "Лебедева Мария Олеговна", "14.02.2012", "8 б", "староста"],
    [2, "Кудрявцев Пётр", "01.03.2011", "9-й А", ""],
]
# What the curator picks: the unknown name column is «ФИО», the note is not loaded.
CHOSEN = {"column_0": "", "column_1": "full_name", "column_2": "birth_date", "column_3": "class_name", "column_4": ""}


def _file(header: list[Any] = HEADER) -> bytes:
    return xlsx_bytes([TITLE, [], header, *ROWS])


def _upload(client: Client, world: World, content: bytes) -> Any:
    return upload(client, world.school, "элжур.xlsx", content)


def _step(world: World) -> tuple[Client, str]:
    client = world.client_for("curator")
    response = _upload(client, world, _file())
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.MAPPING
    assert response["Location"] == reverse("imports:mapping", kwargs={"pk": batch.pk})
    return client, response["Location"]


def test_unknown_columns_open_the_step_with_recognised_fields_proposed_and_sample_rows(world: World) -> None:
    client, url = _step(world)
    page = client.get(url)
    form = page.context["form"]
    proposed = {name: form[name].value() for name in CHOSEN}
    assert proposed == {**CHOSEN, "column_1": ""}  # «Учащийся (ФИО)» is not a known header
    html = page.content.decode()
    assert "Лебедева Мария Олеговна" in html and "9-й А" in html
    assert "Строка 1 пропущена: название таблицы и пояснения над ней" in html


def test_the_confirmed_mapping_checks_the_rows_and_is_remembered(world: World) -> None:
    client, url = _step(world)
    response = client.post(url, CHOSEN)
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:preview", kwargs={"pk": batch.pk})
    assert batch.status == ImportStatus.PREVIEW
    assert [row["data"]["last_name"] for row in batch.rows] == ["Лебедева", "Кудрявцев"]
    assert [(row["data"]["grade"], row["data"]["class_letter"]) for row in batch.rows] == [(8, "Б"), (9, "А")]
    saved = ImportMapping.objects.get(organisation=world.school, kind="students")
    assert saved.mapping["columns"][1] == ["Учащийся (ФИО)", "full_name"]


def test_the_next_upload_of_the_same_layout_goes_straight_to_the_preview(world: World) -> None:
    client, url = _step(world)
    client.post(url, CHOSEN)
    response = _upload(client, world, _file())
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"] == reverse("imports:preview", kwargs={"pk": batch.pk})
    assert batch.mapping["remembered"] is True
    assert batch.summary["columns"] == ["Учащийся (ФИО)", "Дата рожд.", "Кл."]
    page = client.get(response["Location"]).content.decode()
    assert "Сопоставление столбцов взято из прошлой загрузки" in page
    assert reverse("imports:mapping", kwargs={"pk": batch.pk}) in page


def test_a_remembered_mapping_also_fits_the_same_columns_in_another_order(world: World) -> None:
    client, url = _step(world)
    client.post(url, CHOSEN)
    reordered = xlsx_bytes([HEADER[::-1], *(row[::-1] for row in ROWS)])
    response = _upload(client, world, reordered)
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"] == reverse("imports:preview", kwargs={"pk": batch.pk})
    assert batch.rows[0]["data"]["last_name"] == "Лебедева"


def test_a_remembered_column_missing_from_the_file_falls_back_to_the_step(world: World) -> None:
    client, url = _step(world)
    client.post(url, CHOSEN)
    renamed = ["№", "Обучающийся, полностью", "Дата рожд.", "Кл.", "Примечание"]
    response = _upload(client, world, _file(renamed))
    batch = ImportBatch.objects.latest("pk")
    assert (batch.status, response["Location"]) == (
        ImportStatus.MAPPING,
        reverse("imports:mapping", kwargs={"pk": batch.pk}),
    )


def test_another_organisations_mapping_is_not_used(world: World) -> None:
    ImportMapping.objects.create(
        organisation=world.other_school,
        kind="students",
        header_signature="x",
        mapping={"columns": [[title, CHOSEN[f"column_{i}"]] for i, title in enumerate(HEADER)]},
    )
    _step(world)  # still asks


def test_two_columns_for_one_field_are_refused_in_russian(world: World) -> None:
    client, url = _step(world)
    response = client.post(url, {**CHOSEN, "column_4": "class_name"})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Поле «Класс» выбрано для нескольких столбцов («Кл.», «Примечание»): оставьте один."
    ]
    assert ImportBatch.objects.get().status == ImportStatus.MAPPING
    assert not ImportMapping.objects.exists()


def test_a_mapping_without_names_or_class_is_refused_in_russian(world: World) -> None:
    client, url = _step(world)
    response = client.post(url, {**CHOSEN, "column_1": "", "column_3": ""})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Выберите столбцы для полей: «Фамилия», «Имя» (или один столбец «ФИО»), «Класс»."
    ]


def test_a_field_not_in_the_list_is_refused_in_russian(world: World) -> None:
    client, url = _step(world)
    response = client.post(url, {**CHOSEN, "column_4": "password"})
    assert response.status_code == 400
    assert response.context["form"].errors["column_4"] == ["Выберите поле из списка или «не загружать»."]


def test_the_mapping_can_be_changed_from_the_preview(world: World) -> None:
    client, url = _step(world)
    first = ImportBatch.objects.get(pk=client.post(url, CHOSEN)["Location"].rstrip("/").split("/")[-1])
    change = reverse("imports:mapping", kwargs={"pk": first.pk})
    assert client.get(change).context["form"]["column_1"].value() == "full_name"
    response = client.post(change, {**CHOSEN, "column_2": ""})  # no birth date this time
    second = ImportBatch.objects.get()
    assert second.pk != first.pk and response["Location"] == reverse("imports:preview", kwargs={"pk": second.pk})
    assert [row["data"]["birth_date"] for row in second.rows] == [None, None]


def test_the_step_of_another_organisations_batch_is_not_found(world: World) -> None:
    _step(world)
    batch = ImportBatch.objects.get()
    response = world.client_for("other_curator").get(reverse("imports:mapping", kwargs={"pk": batch.pk}))
    assert response.status_code == 404


def test_resolve_mapping_for_scripts_uses_the_remembered_mapping_else_synonyms(world: World) -> None:
    titles = ["№", "Учащийся (ФИО)", "Дата рожд.", "Кл.", "Примечание"]
    by_synonyms = resolve_mapping(world.school, "students", titles)
    assert (by_synonyms.mapping, by_synonyms.remembered) == ({2: "birth_date", 3: "class_name"}, False)
    assert not by_synonyms.ready
    client, url = _step(world)
    client.post(url, CHOSEN)
    remembered = resolve_mapping(world.school, "students", titles)
    assert remembered.mapping == {1: "full_name", 2: "birth_date", 3: "class_name"}
    assert remembered.remembered and remembered.ready


def test_the_kept_sheet_is_dropped_when_the_rows_are_saved(world: World) -> None:
    client, url = _step(world)
    batch = ImportBatch.objects.get(pk=client.post(url, CHOSEN)["Location"].rstrip("/").split("/")[-1])
    assert batch.source["rows"]
    commit(client, batch)
    batch.refresh_from_db()
    assert (batch.status, batch.source) == (ImportStatus.COMMITTED, {})


STUDENT_SYNONYMS = [
    ("Кл.", "class_name"),
    ("Класс/группа", "class_name"),
    ("Ф.И.О.", "full_name"),
    ("Ф.И.О. (полностью)", "full_name"),
    ("ФИО обучающегося", "full_name"),
    ("Дата рожд.", "birth_date"),
    ("Д.р.", "birth_date"),
    ("Эл. почта", "email"),
    ("Электронная почта", "email"),
    ("E-mail", "email"),
    ("Контактный телефон", "phone"),
    ("Моб. телефон", "phone"),
    ("Контактные данные / Телефон", "phone"),
    ("Контактные данные / E-mail", "email"),
    ("  ДАТА  рождения ", "birth_date"),
]
STAFF_SYNONYMS = [
    ("Преподаваемые дисциплины", "subjects"),
    ("Предмет(ы)", "subjects"),
    ("Педагогический стаж", "experience_years"),
    ("Стаж работы", "experience_years"),
    ("Квалификационная категория", "category"),
    ("Должность (основная)", "position"),
    ("Ф.И.О. (полностью)", "full_name"),
    ("Фамилия, имя, отчество", "full_name"),
]


@pytest.mark.parametrize(("title", "key"), STUDENT_SYNONYMS)
def test_e_journal_headers_are_recognised(title: str, key: str) -> None:
    assert recognise(title, "students") == key


@pytest.mark.parametrize(("title", "key"), STAFF_SYNONYMS)
def test_hr_headers_are_recognised(title: str, key: str) -> None:
    assert recognise(title, "staff") == key
