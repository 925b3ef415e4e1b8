"""`nastavnik match` through the project's own entry point, as users script it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def _match(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(tmp_path / "no-such-dir" / "db.sqlite3")  # proves no database is opened
    return subprocess.run(
        [sys.executable, "-m", "nastavnik", "match", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_optimal_mode_writes_the_contract_json(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps(
            {
                "mentors": [{"id": "m1", "capacity": 1}, {"id": "m2", "capacity": 1}],
                "mentees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}],
                "edges": [
                    {"mentor": "m1", "mentee": "e1", "score": 9},
                    {"mentor": "m1", "mentee": "e2", "score": 8},
                    {"mentor": "m2", "mentee": "e1", "score": 7},
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    result = _match(tmp_path, str(source), "--mode", "optimal", "--out", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    # Cardinality first: m1–e2 and m2–e1 (2 pairs, 15) beat m1–e1 alone (9).
    assert data == {
        "pairs": [{"mentor": "m1", "mentee": "e2", "score": 8.0}, {"mentor": "m2", "mentee": "e1", "score": 7.0}],
        "unmatched": ["e3"],
        "total_score": 15.0,
    }


def test_a_negative_capacity_exits_2_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text('{"mentors": [{"id": "m1", "capacity": -1}], "mentees": [], "edges": []}', encoding="utf-8")
    out = tmp_path / "out.json"
    result = _match(tmp_path, str(source), "--out", str(out))
    assert result.returncode == 2
    assert "mentors[0].capacity" in result.stderr
    assert not out.exists() and result.stdout == ""


def test_stable_mode_pairs_by_mutual_choice(tmp_path: Path) -> None:
    source = tmp_path / "in.json"
    source.write_text(
        json.dumps(
            {
                "mentors": [{"id": "m1", "capacity": 1, "prefs": ["e2", "e1"]}],
                "mentees": [{"id": "e1", "prefs": ["m1"]}, {"id": "e2", "prefs": ["m1"]}],
            }
        ),
        encoding="utf-8",
    )
    result = _match(tmp_path, str(source), "--mode", "stable")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(p["mentor"], p["mentee"]) for p in data["pairs"]] == [("m1", "e2")]
    assert data["unmatched"] == ["e1"]
