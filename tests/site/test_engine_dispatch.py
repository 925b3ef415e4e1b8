"""`nastavnik match` and `nastavnik instruments` start without Django (early dispatch in __main__)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _imported_modules(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["SQLITE_PATH"] = str(tmp_path / "no-such-dir" / "db.sqlite3")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "nastavnik", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    # -X importtime writes "import time: self | cumulative | module" lines to stderr.
    modules = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return done, modules


def _tiny_input(tmp_path: Path) -> Path:
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps(
            {
                "mentors": [{"id": "m1", "capacity": 1}],
                "mentees": [{"id": "e1"}],
                "edges": [{"mentor": "m1", "mentee": "e1", "score": 5}],
            }
        ),
        encoding="utf-8",
    )
    return source


def test_match_runs_without_importing_django(tmp_path: Path) -> None:
    done, modules = _imported_modules(tmp_path, "match", str(_tiny_input(tmp_path)))
    assert done.returncode == 0
    assert json.loads(done.stdout)["total_score"] == 5.0
    assert "nastavnik.engines.matching.cli" in modules
    assert not {m for m in modules if m == "django" or m.startswith("django.")}


def test_match_bad_input_still_exits_2_without_django(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"mentors": [{"id": "m1", "capacity": -1}], "mentees": [], "edges": []}', encoding="utf-8")
    done, modules = _imported_modules(tmp_path, "match", str(source))
    assert done.returncode == 2
    assert "mentors[0].capacity" in done.stderr
    assert "django" not in modules


def test_instruments_list_runs_without_importing_django(tmp_path: Path) -> None:
    done, modules = _imported_modules(tmp_path, "instruments", "list")
    assert done.returncode == 0
    assert "key-to-self" in done.stdout
    assert "nastavnik.engines.instruments.cli" in modules
    assert "django" not in modules


@pytest.mark.parametrize("args", [("check",), ("help", "match")])
def test_other_commands_still_go_through_django(tmp_path: Path, args: tuple[str, ...]) -> None:
    done, modules = _imported_modules(tmp_path, *args)
    assert "django" in modules
    if args[0] == "help":
        assert done.returncode == 0 and "INPUT.json" in done.stdout
