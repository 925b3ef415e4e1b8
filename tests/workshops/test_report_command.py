"""`nastavnik report workshops --org <id|slug> --year 2026/2027 --out FILE.xlsx`: the contract."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from nastavnik.orgs.models import AcademicYear
from nastavnik.workshops import services
from nastavnik.workshops.models import Trajectory
from tests.conftest import World
from tests.workshops.matrix_workshops import make_workshop


def _run(*args: str) -> str:
    out = StringIO()
    call_command("report", "workshops", *args, stdout=out)
    return out.getvalue()


def _data(world: World) -> None:
    make_workshop(world)
    enrolment, _ = services.enrol(
        world.school, world.people["teacher"], Trajectory.objects.get(code="management"), AcademicYear.current()
    )
    enrolment.modules.update(attended=True)
    services.complete(enrolment, enrolment.academic_year.starts_on)


def _values(sheet: object) -> dict[str, object]:
    return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if len(row) > 1}  # type: ignore[attr-defined]


def test_a_school_gets_one_sheet_with_the_trajectories_and_their_hours(world: World, tmp_path: Path) -> None:
    _data(world)
    out = tmp_path / "school.xlsx"
    message = _run("--org", str(world.school.pk), "--year", "2026/2027", "--out", str(out))
    assert "1 организация, 1 лист" in message
    workbook = load_workbook(out)
    assert len(workbook.sheetnames) == 1
    values = _values(workbook.worksheets[0])
    assert values["Мастерских открыто"] == 1 and values["Учеников участвует"] == 1
    assert values["  траектория «Управление» (72 ч)"] == 1 and values["  траектория «Основы основ» (36 ч)"] == 0


def test_a_district_gets_a_summary_and_a_sheet_per_organisation(world: World, tmp_path: Path) -> None:
    _data(world)
    out = tmp_path / "district.xlsx"
    _run("--org", "zarechny", "--year", "2026/2027", "--out", str(out))
    workbook = load_workbook(out)
    assert workbook.sheetnames[0] == "Сводка" and len(workbook.sheetnames) == 2
    rows = list(workbook["Сводка"].iter_rows(values_only=True))
    assert "«Мастерство» (48 ч)" in rows[1]
    assert rows[-1][0] == "Итого" and rows[-1][1] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--org", "nowhere", "--year", "2026/2027"], "Организация «nowhere» не найдена"),
        (["--org", "zarechny", "--year", "2026-2027"], "Неверный учебный год «2026-2027»"),
        (["--org", "zarechny", "--year", "1990/1991"], "Учебного года 1990/1991 нет в базе"),
        (["--year", "2026/2027"], "Не хватает параметров: --org"),
    ],
)
def test_mistakes_exit_with_code_2_and_write_nothing(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "report.xlsx"
    with pytest.raises(CommandError) as error:
        _run(*args, "--out", str(out))
    assert error.value.returncode == 2 and message in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_not_xlsx_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        _run("--org", "zarechny", "--year", "2026/2027", "--out", str(tmp_path / "report.csv"))
    assert error.value.returncode == 2 and "расширение .xlsx" in str(error.value)
    assert list(tmp_path.iterdir()) == []
