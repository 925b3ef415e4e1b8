"""`nastavnik projects registry --org <id|slug> --out FILE.xlsx`: the contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.conftest import World
from tests.projects.factories import make_project


def _run(*args: str) -> None:
    call_command("projects", *args)


def test_registry_has_one_row_per_project_of_the_subtree_with_the_main_columns(world: World, tmp_path: Path) -> None:
    make_project(world)
    make_project(world, name="Траектория развития")
    out = tmp_path / "реестр.xlsx"
    _run("registry", "--org", world.district.slug, "--out", str(out))
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:8] == (
        "Название проекта",
        "Уровень",
        "Организация",
        "Цель",
        "Этапы и сроки",
        "Руководители рабочей группы",
        "Статус",
        "Направления НП «Образование»",
    )
    assert sorted(r[0] for r in rows[1:]) == ["Траектория развития", "Школа Лидеров образования"]
    row = next(r for r in rows[1:] if r[0] == "Школа Лидеров образования")
    assert row[4] == "основной: 01.09.2024–31.08.2029"
    assert row[5] == world.people["teacher"].short_name
    assert row[6] == "Реализуется"
    assert row[7] == "Современная школа"


def test_another_district_gets_an_empty_registry(world: World, tmp_path: Path) -> None:
    make_project(world)
    out = tmp_path / "r.xlsx"
    _run("registry", "--org", str(world.other_district.pk), "--out", str(out))
    assert len(list(load_workbook(out).active.iter_rows())) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["registry", "--org", "no-such-org", "--out", "{tmp}/r.xlsx"], "Организация «no-such-org» не найдена"),
        (["registry", "--org", "{org}", "--out", "{tmp}/missing/r.xlsx"], "Папки"),
        (["registry", "--org", "{org}", "--out", "{tmp}/r.csv"], "расширение .xlsx"),
        (["registry", "--org", "{org}"], "Не хватает параметров: --out"),
        (["export", "--org", "{org}", "--out", "{tmp}/r.xlsx"], "Неизвестное действие «export»"),
    ],
)
def test_bad_arguments_exit_2_with_a_russian_message_and_write_nothing(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(tmp=tmp_path, org=world.district.slug) for a in args]
    with pytest.raises(CommandError) as error:
        _run(*filled)
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert list(tmp_path.rglob("*")) == []
