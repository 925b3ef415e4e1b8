"""`nastavnik instruments` through the project's own entry point, as users script it (no database)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.engines.instruments.helpers import REAL_DIR, key_to_self_definition, write_yaml

HEADER = "respondent;" + ";".join(f"q{n}" for n in range(1, 22))
HAND = "3;4;2;1;2;4;3;4;3;2;3;4;3;4;3;2;3;4;1;4;3"  # scored by hand in tests/engines/instruments/test_scoring.py
OUTPUT = (
    "respondent,mastery_score,mastery_band,optimism_score,optimism_band,community_score,community_band,"
    "choice_score,choice_band,resilience_score,resilience_band\n"
    "Иванов Иван,26,high,23,high,22,middle,15,middle,13,high\n"
    "r2,7,low,6,low,7,low,5,low,2,low\n"
)


def _instruments(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(tmp_path / "no-such-dir" / "db.sqlite3")  # proves no database is opened
    return subprocess.run(
        [sys.executable, "-m", "nastavnik", "instruments", *args], capture_output=True, text=True, env=env, timeout=120
    )


def _responses(tmp_path: Path, text: str) -> str:
    path = tmp_path / "responses.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    return str(path)


def test_score_key_to_self_writes_the_contract_csv(tmp_path: Path) -> None:
    source = _responses(tmp_path, f"{HEADER};класс\nИванов Иван;{HAND};7б\nr2;{';'.join(['1'] * 21)};7б\n")
    result = _instruments(tmp_path, "score", "key-to-self", source)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == OUTPUT


def test_score_with_a_folder_of_draft_instruments(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    write_yaml(drafts, key_to_self_definition())
    source = _responses(tmp_path, f"{HEADER}\nИванов Иван;{HAND}\nr2;{';'.join(['1'] * 21)}\n")
    result = _instruments(tmp_path, "score", "key-to-self", source, "--dir", str(drafts))
    assert (result.returncode, result.stderr, result.stdout) == (0, "", OUTPUT)


def test_a_bad_row_exits_2_naming_the_line_and_column_with_nothing_on_stdout(tmp_path: Path) -> None:
    bad = HAND.replace("3;4;2;1", "3;4;2;7", 1)
    source = _responses(tmp_path, f"{HEADER}\nr1;{HAND}\nr2;{HAND}\nr3;{HAND}\nr4;{bad}\n")
    result = _instruments(tmp_path, "score", "key-to-self", source)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "ошибка: строка 5, столбец q4: значение «7» вне диапазона 1–4\n"


def test_an_unknown_instrument_exits_2(tmp_path: Path) -> None:
    result = _instruments(tmp_path, "score", "no-such-method", _responses(tmp_path, f"{HEADER}\n"))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("ошибка: неизвестная методика «no-such-method»")


def test_check_validates_every_real_instrument_file(tmp_path: Path) -> None:
    result = _instruments(tmp_path, "check")
    files = sorted(REAL_DIR.glob("*.yaml"))
    assert result.returncode == 0, result.stderr
    if not files:
        assert "нет файлов" in result.stdout
    else:
        assert result.stdout.splitlines()[-1] == f"проверено файлов: {len(files)}"


def test_list_shows_every_real_instrument_file(tmp_path: Path) -> None:
    result = _instruments(tmp_path, "list")
    assert (result.returncode, result.stderr) == (0, "")
    codes = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert codes == [path.stem for path in sorted(REAL_DIR.glob("*.yaml"))] or "нет файлов" in result.stdout


def test_check_exits_2_on_a_bad_file(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "broken.yaml").write_text("code: broken\nversion: 0\n", encoding="utf-8")
    result = _instruments(tmp_path, "check", "--dir", str(drafts))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == "ошибка: broken.yaml: version: должно быть не меньше 1, получено 0"


def test_help_lists_the_subcommands(tmp_path: Path) -> None:
    result = _instruments(tmp_path, "--help")
    assert result.returncode == 0 and "{list,check,score}" in result.stdout
