"""`nastavnik documents order --programme ID --out ORDER.docx`: through call_command and the console."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from nastavnik.matching.models import Scheme
from nastavnik.pairs import lifecycle, orders, services
from tests.conftest import World
from tests.pairs.matrix_lifecycle import confirmed_pair, new_mentee


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("documents", *args, stdout=out)
    return out.getvalue()


def _rows(path: Path) -> list[list[str]]:
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "№")
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def _heading(path: Path) -> tuple[str, str]:
    cells = Document(str(path)).tables[0].rows[0].cells
    return cells[0].text, cells[1].text


def test_one_row_per_confirmed_or_fixed_pair(world: World, tmp_path: Path) -> None:
    fixed = confirmed_pair(world)
    order = orders.create_draft(world.programme, None, [fixed])
    order.number, order.order_date = "12-од", datetime.date(2026, 12, 3)
    order.save()
    lifecycle.register_order(order, None)
    confirmed = confirmed_pair(world)
    world.mentor_entry.takes_group = True
    world.mentor_entry.save()
    group = confirmed_pair(world, [new_mentee(world), new_mentee(world)])
    dissolved = confirmed_pair(world)
    lifecycle.dissolve(dissolved, "Причина", None)
    services.propose(world.mentor_entry, [new_mentee(world)], Scheme.APPOINTMENT, None)
    out = tmp_path / "ORDER.docx"
    printed = _run("order", "--programme", str(world.programme.pk), "--out", str(out))
    assert printed == f"Приказ записан в {out}: 3 строки в таблице пар.\n"
    rows = _rows(out)
    assert len(rows) == 3
    names = {m.mentee.person.full_name for p in (fixed, confirmed, group) for m in p.members.all()}
    assert {name for row in rows for name in row[2].split(", ")} == names
    assert _heading(out) == ("03 декабря 2026 г.", "№ 12-од")  # the order writes its date in words
    assert Document(str(out)).paragraphs[0].text == world.school.name


def test_without_orders_the_number_and_date_are_blank(world: World, tmp_path: Path) -> None:
    confirmed_pair(world)
    out = tmp_path / "ORDER.docx"
    assert "1 строка" in _run("order", "--programme", str(world.programme.pk), "--out", str(out))
    date, number = _heading(out)
    assert date.startswith("«___»") and number == "№ ______"


def test_a_programme_without_confirmed_pairs_gets_no_order(world: World, tmp_path: Path) -> None:
    services.propose(world.mentor_entry, [world.mentee_entry], Scheme.QUESTIONNAIRE, None)  # proposed only
    with pytest.raises(CommandError) as error:
        _run("order", "--programme", str(world.programme.pk), "--out", str(tmp_path / "ORDER.docx"))
    assert error.value.returncode == 2
    assert "В программе нет подтверждённых пар: приказ не сформирован" in str(error.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["order", "--programme", "999999", "--out", "{tmp}/ORDER.docx"], "программы с номером 999999 нет"),
        (["order", "--programme", "abc", "--out", "{tmp}/ORDER.docx"], "должен быть целым числом"),
        (["order", "--programme", "1.5", "--out", "{tmp}/ORDER.docx"], "должен быть целым числом"),
        (["order", "--programme", "{pk}", "--out", "{tmp}/no-such-dir/ORDER.docx"], "папки «"),
        (["order", "--programme", "{pk}", "--out", "{tmp}"], "— папка"),
        (["order", "--programme", "{pk}"], "не указаны обязательные параметры: --out"),
        (["order"], "не указаны обязательные параметры: --programme, --out"),
        ([], "не указаны обязательные параметры"),
        (["passport"], "неизвестный документ 'passport'"),
        (["order", "--programme", "{pk}", "--out", "{tmp}/ORDER.docx", "--extra"], "неизвестные параметры: --extra"),
    ],
)
def test_refusals_exit_2_in_russian_and_write_nothing(
    world: World, tmp_path: Path, args: list[str], message: str
) -> None:
    filled = [a.format(tmp=tmp_path, pk=world.programme.pk) for a in args]
    with pytest.raises(CommandError) as error:
        _run(*filled)
    assert error.value.returncode == 2
    assert message in str(error.value) and str(error.value).startswith("ошибка: ")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing(world: World, tmp_path: Path, monkeypatch: Any) -> None:
    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied")

    confirmed_pair(world)
    monkeypatch.setattr(Path, "write_bytes", refuse)
    with pytest.raises(CommandError) as error:
        _run("order", "--programme", str(world.programme.pk), "--out", str(tmp_path / "ORDER.docx"))
    assert error.value.returncode == 2 and "не удалось записать" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_refused(world: World, tmp_path: Path, monkeypatch: Any) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == locked else real_access(path, mode))
    with pytest.raises(CommandError, match="нельзя записывать") as error:
        _run("order", "--programme", str(world.programme.pk), "--out", str(locked / "ORDER.docx"))
    assert error.value.returncode == 2
    assert list(locked.iterdir()) == []


# -- the console entry point ---------------------------------------------------------------


def _console(tmp_path: Path, *args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(db or tmp_path / "unused.sqlite3")
    return subprocess.run(
        [sys.executable, "-m", "nastavnik", *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["documents"], "ошибка: не указаны обязательные параметры"),
        (["documents", "order"], "ошибка: не указаны обязательные параметры: --programme, --out"),
        (["documents", "order", "--programme", "x1", "--out", "{tmp}/ORDER.docx"], "целым числом"),
        (["documents", "order", "--programme", "1", "--out", "{tmp}/missing/ORDER.docx"], "папки «"),
    ],
)
def test_console_exit_code_is_2(tmp_path: Path, args: list[str], message: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    result = _console(tmp_path, *[a.format(tmp=work) for a in args])
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and result.stdout == ""
    assert list(work.iterdir()) == []


def test_console_unknown_programme_in_a_real_database(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    migrated = _console(tmp_path, "migrate", "--noinput", "-v0", db=db)
    assert migrated.returncode == 0, migrated.stderr
    out = tmp_path / "ORDER.docx"
    result = _console(tmp_path, "documents", "order", "--programme", "4242", "--out", str(out), db=db)
    assert result.returncode == 2
    assert "программы с номером 4242 нет" in result.stderr
    assert not out.exists()
