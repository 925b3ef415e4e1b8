"""A phone with an office extension: the number is stored in one format and the row warns about the extension."""

from __future__ import annotations

import pytest

from nastavnik.orgs.models import Membership, Role
from tests.conftest import World
from tests.imports.helpers import STAFF_HEADER, import_file, xlsx_bytes

HEADER = [*STAFF_HEADER, "Телефон", "Согласие на обработку ПДн", "Дата согласия"]
TEACHER = ["Соколова", "Елена", "Ивановна", "03.03.1980", "учитель", "история", "20", "высшая"]


@pytest.mark.parametrize(
    ("phone", "extension"),
    [
        ("+7 (3452) 12-34-56 доб. 123", "123"),
        ("+7 (3452) 12-34-56 ext 12", "12"),
        ("+7 (3452) 12-34-56 (доб.12)", "12"),
    ],
)
def test_a_dropped_extension_is_named_in_a_warning_on_its_row(world: World, phone: str, extension: str) -> None:
    rows = [HEADER, [*TEACHER, phone, "да", "01.09.2025"]]
    batch = import_file(world.client_for("curator"), world.school, "педагоги.xlsx", xlsx_bytes(rows), "staff")
    assert [entry["message"] for entry in batch.warnings] == [
        f"строка 2, столбец «Телефон»: добавочный номер «{extension}» не сохранён: "
        "хранится только номер +7 (345) 212-34-56"
    ]
    teacher = Membership.objects.get(organisation=world.school, role=Role.TEACHER, person__last_name="Соколова")
    assert teacher.person.phone == "+7 (345) 212-34-56"


def test_a_phone_without_extension_gives_no_warning(world: World) -> None:
    rows = [HEADER, [*TEACHER, "8 (3452) 12-34-56", "да", "01.09.2025"]]
    batch = import_file(world.client_for("curator"), world.school, "педагоги.xlsx", xlsx_bytes(rows), "staff")
    assert batch.warnings == []
