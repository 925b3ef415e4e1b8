"""`nastavnik report indicators`: the XLSX opened with openpyxl; exit code 2 and no file on every mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from nastavnik import __main__ as console
from nastavnik.monitoring.models import Event, ManualValue, Target, TargetKind
from nastavnik.monitoring.xlsx import HEADER
from nastavnik.orgs.models import Organisation
from tests.monitoring import builders as b

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def _district() -> tuple[Organisation, list[Organisation]]:
    district = b.OrganisationFactory(name="Заречный район", short_name="Заречный р-н", slug="zarechny", kind="district")
    schools = [b.school(district) for _ in range(3)]
    for count, school in enumerate(schools[:2], start=1):
        prog = b.programme(school)
        for _ in range(count):
            b.mentee(b.student(school), prog, b.day(9, 1))
        b.mentee(b.student(school), prog, b.day(10, 5))
    return district, schools


def _rows(sheet: object) -> dict[str, tuple[object, ...]]:
    return {str(row[0]): row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}  # type: ignore[attr-defined]


def test_one_organisation_gives_one_sheet_with_the_table(tmp_path: Path) -> None:
    _, schools = _district()
    school = schools[0]
    Target.objects.create(organisation=school, academic_year=b.year(), code="1.1", kind=TargetKind.GROWTH, value=50)
    ManualValue.objects.create(
        organisation=school, academic_year=b.year(), code="4.3", value=2, on_date=b.day(10, 1), comment="журнал"
    )
    out = tmp_path / "school.xlsx"
    printed = run("indicators", "--org", school.slug, "--year", "2026/2027", "--out", str(out), "--date", "01.11.2026")
    assert printed.strip() == f"Таблица показателей сохранена: {out} — 1 организация, 1 лист, 23 строки показателей."
    workbook = load_workbook(out)
    assert workbook.sheetnames == [school.short_name]
    sheet = workbook[school.short_name]
    assert tuple(c.value for c in sheet[1]) == HEADER
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > 50
    rows = _rows(sheet)
    assert rows["1.1"] == (
        "1.1",
        "Количество обучающихся, подавших «запрос на помощь наставника»",
        1,
        2,
        1,
        100,
        "'+50 %",  # text starting with «+» is kept as text by the one XLSX writer
        "выполнено",
    )
    assert rows["4.3"][2:6] == (0, 2, 2, "—")
    assert sheet.cell(row=_row_number(sheet, "4.3"), column=4).comment.text == "введено вручную: журнал"
    assert rows["3"][1] == "Результативность взаимодействия наставнических пар"
    assert rows["4.5"][1].endswith("на региональном, Всероссийском уровне.")
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "по модели «команда-команда»:" in names


def _row_number(sheet: object, code: str) -> int:
    for row in sheet.iter_rows(min_row=1):  # type: ignore[attr-defined]
        if row[0].value == code:
            return int(row[0].row)
    raise AssertionError(code)


def test_a_district_gets_a_summary_and_a_sheet_per_organisation_with_programmes(tmp_path: Path) -> None:
    district, schools = _district()
    Event.objects.create(
        organisation=schools[1], academic_year=b.year(), title="Семинар", date=b.day(10, 1), participants=30
    )
    out = tmp_path / "district.xlsx"
    printed = run(
        "indicators", "--org", str(district.pk), "--year", "2026/2027", "--out", str(out), "--date", "01.11.2026"
    )
    assert "2 организации, 3 листа, 69 строк показателей" in printed
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Сводка", schools[0].short_name, schools[1].short_name]
    summary, first, second = (workbook[name] for name in workbook.sheetnames)
    assert tuple(c.value for c in summary[1]) == HEADER and summary.freeze_panes == "A2"
    for code in ("1.1", "4.3", "4.4"):
        assert _rows(summary)[code][3] == (_rows(first)[code][3] or 0) + (_rows(second)[code][3] or 0)
    assert _rows(summary)["1.1"][2:5] == (3, 5, 2)
    assert _rows(summary)["4.4"][3] == 30


def test_a_school_without_programmes_still_gets_its_sheet(tmp_path: Path) -> None:
    _, schools = _district()
    out = tmp_path / "empty.xlsx"
    run("indicators", "--org", schools[2].slug, "--year", "2026/2027", "--out", str(out))
    assert _rows(load_workbook(out).active)["1.1"][2:4] == (0, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["indicators", "--org", "nowhere", "--year", "2026/2027"], "Организация «nowhere» не найдена"),
        (["indicators", "--org", "{org}", "--year", "2026-2027"], "Неверный учебный год «2026-2027»"),
        (["indicators", "--org", "{org}", "--year", "2026/2028"], "Неверный учебный год"),
        (["indicators", "--org", "{org}", "--year", "2031/2032"], "Учебного года 2031/2032 нет в базе"),
        (["indicators", "--org", "{org}", "--year", "2026/2027", "--date", "31.02.2027"], "Неверная дата"),
        (["indicators", "--org", "{org}", "--year", "2026/2027", "--date", "01.10.2027"], "вне учебного года"),
        (["indicators", "--year", "2026/2027"], "Не хватает параметров: --org"),
        (["balance", "--org", "{org}", "--year", "2026/2027"], "Неизвестный отчёт «balance»"),
        ([], "Укажите отчёт"),
    ],
)
def test_mistakes_exit_with_code_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    _, schools = _district()
    out = tmp_path / "table.xlsx"
    argv = [a.replace("{org}", schools[0].slug) for a in args] + (["--out", str(out)] if args else [])
    with pytest.raises(CommandError) as error:
        run(*argv)
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing-folder/table.xlsx", "Папки"),
        ("table.csv", "расширение .xlsx"),
        ("folder.xlsx", "это папка"),
        # A folder below a regular file cannot be written even by root (chmod would not stop root).
        ("a-file/table.xlsx", "Папки"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused(tmp_path: Path, target: str, message: str) -> None:
    _, schools = _district()
    (tmp_path / "folder.xlsx").mkdir()
    (tmp_path / "a-file").write_text("not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(CommandError) as error:
        run("indicators", "--org", schools[0].slug, "--year", "2026/2027", "--out", str(tmp_path / target))
    assert error.value.returncode == 2 and message in str(error.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_the_console_script_writes_the_table_and_reports_mistakes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _, schools = _district()
    # The command closes database connections when it ends; the test's own must stay open.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    out = tmp_path / "t.xlsx"
    monkeypatch.setattr(
        sys,
        "argv",
        ["nastavnik", "report", "indicators", "--org", schools[0].slug, "--year", "2026/2027", "--out", str(out)],
    )
    console.main()
    assert "Таблица показателей сохранена" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == [schools[0].short_name]
    monkeypatch.setattr(
        sys,
        "argv",
        [
            "nastavnik",
            "report",
            "indicators",
            "--org",
            "nowhere",
            "--year",
            "2026/2027",
            "--out",
            str(tmp_path / "x.xlsx"),
        ],
    )
    with pytest.raises(SystemExit) as exit_info:
        console.main()
    assert exit_info.value.code == 2
    assert "Организация «nowhere» не найдена" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_the_installed_command_refuses_a_bad_year_in_a_separate_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nastavnik",
            "report",
            "indicators",
            "--org",
            "1",
            "--year",
            "2026",
            "--out",
            str(tmp_path / "a.xlsx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SQLITE_PATH": str(tmp_path / "unused.sqlite3")},
    )
    assert result.returncode == 2
    assert "Неверный учебный год «2026»: укажите его в виде 2026/2027." in result.stderr
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, schools = _district()

    def refuse(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nastavnik.common.commands.os.replace", refuse)
    with pytest.raises(CommandError) as error:
        run("indicators", "--org", schools[0].slug, "--year", "2026/2027", "--out", str(tmp_path / "t.xlsx"))
    assert error.value.returncode == 2 and "Не удалось записать файл" in str(error.value)
    assert list(tmp_path.iterdir()) == []
