"""``nastavnik import people FILE --org --kind [--skip-invalid] [--dry-run]``: JSON on stdout, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from nastavnik.imports.models import ImportBatch
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from tests.conftest import World
from tests.imports.helpers import STAFF_HEADER, STUDENT_HEADER, csv_bytes, xlsx_bytes

GOOD = [["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"], ["Кудрявцев", "Пётр", "", "01.03.2011", "9А"]]
BAD = ["Орлова", "Вера", "", "10.10.2013", "12Я"]


def _file(tmp_path: Path, rows: list[list[Any]], name: str = "ученики.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows, encoding="cp1251"))
    return str(path)


def _run(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("import", "people", *args, stdout=out)
    return json.loads(out.getvalue())


def _refused(*args: str) -> tuple[dict[str, Any] | None, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import", "people", *args, stdout=out)
    assert error.value.returncode == 2
    return (json.loads(out.getvalue()) if out.getvalue() else None), str(error.value)


def _written() -> tuple[int, int, int]:
    return Person.objects.count(), Membership.objects.count(), ImportBatch.objects.count()


def test_a_good_file_is_saved_and_summarised(world: World, tmp_path: Path) -> None:
    result = _run(_file(tmp_path, [STUDENT_HEADER, *GOOD]), "--org", str(world.school.pk), "--kind", "students")
    assert result == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0, "errors": [], "warnings": []}
    membership = Membership.objects.get(person__last_name="Кудрявцев", role=Role.STUDENT)
    assert (membership.organisation, membership.class_name) == (world.school, "9А")


def test_the_organisation_may_be_given_by_slug_and_teachers_load_as_staff(world: World, tmp_path: Path) -> None:
    rows = [STAFF_HEADER, ["Петрова", "Анна", "Сергеевна", "17.04.1985", "учитель", "алгебра", "12", "первая"]]
    result = _run(_file(tmp_path, rows, "педагоги.csv"), "--org", world.school.slug, "--kind", "teachers")
    assert result["created"] == 1
    assert Membership.objects.get(person__last_name="Петрова").role == Role.TEACHER


def test_a_row_error_writes_nothing_and_exits_2_with_the_json(world: World, tmp_path: Path) -> None:
    before = _written()
    result, message = _refused(
        _file(tmp_path, [STUDENT_HEADER, *GOOD, BAD]), "--org", world.school.slug, "--kind", "students"
    )
    assert _written() == before
    assert result is not None
    assert (result["created"], result["skipped"]) == (0, 0)
    assert result["errors"] == [
        {
            "row": 4,
            "column": "Класс",
            "message": "класс «12Я» не распознан: укажите параллель от 1 до 11 и букву, например «7А» или «10 Б»",
        }
    ]
    assert "ничего не записано" in message


def test_skip_invalid_saves_the_good_rows(world: World, tmp_path: Path) -> None:
    path = _file(tmp_path, [STUDENT_HEADER, *GOOD, BAD])
    result = _run(path, "--org", world.school.slug, "--kind", "students", "--skip-invalid")
    assert (result["created"], result["skipped"], len(result["errors"])) == (2, 1, 1)
    assert not Person.objects.filter(last_name="Орлова").exists()
    assert Person.objects.filter(last_name__in=["Лебедева", "Кудрявцев"]).count() == 2


def test_dry_run_counts_and_writes_nothing(world: World, tmp_path: Path) -> None:
    before = _written()
    result = _run(
        _file(tmp_path, [STUDENT_HEADER, *GOOD]), "--org", world.school.slug, "--kind", "students", "--dry-run"
    )
    assert (result["created"], result["updated"]) == (2, 0)
    assert _written() == before


def test_dry_run_with_a_row_error_exits_2(world: World, tmp_path: Path) -> None:
    before = _written()
    path = _file(tmp_path, [STUDENT_HEADER, *GOOD, BAD])
    result, _ = _refused(path, "--org", world.school.slug, "--kind", "students", "--dry-run")
    assert result is not None and len(result["errors"]) == 1
    assert _written() == before


def test_warnings_have_the_shape_of_errors(world: World, tmp_path: Path) -> None:
    rows = [[*STUDENT_HEADER, "Телефон"], [*GOOD[0], "+7 900 123-45-67"]]
    result = _run(_file(tmp_path, rows), "--org", world.school.slug, "--kind", "students")
    assert result["created"] == 1
    assert result["warnings"][0]["row"] == 2
    assert result["warnings"][0]["column"] == "Телефон"
    assert result["warnings"][0]["message"].startswith("нет согласия на обработку ПДн: контакты не сохранены")


def test_an_unknown_organisation_exits_2_in_russian(world: World, tmp_path: Path) -> None:
    before = _written()
    result, message = _refused(_file(tmp_path, [STUDENT_HEADER, *GOOD]), "--org", "nowhere", "--kind", "students")
    assert result is None
    assert "организация «nowhere» не найдена" in message
    assert _written() == before


@pytest.mark.parametrize(("name", "content"), [("ученики.xlsx", b"not a zip"), ("ученики.pdf", b"%PDF-1.4")])
def test_an_unreadable_file_exits_2_in_russian(world: World, tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _written()
    result, message = _refused(str(path), "--org", world.school.slug, "--kind", "students")
    assert result is None
    assert f"файл «{name}»" in message
    assert _written() == before


def test_a_missing_file_and_a_bad_kind_exit_2(world: World, tmp_path: Path) -> None:
    _, message = _refused(str(tmp_path / "нет.xlsx"), "--org", world.school.slug, "--kind", "students")
    assert "не найден" in message
    _, message = _refused(_file(tmp_path, [STUDENT_HEADER, *GOOD]), "--org", world.school.slug, "--kind", "parents")
    assert "--kind" in message
