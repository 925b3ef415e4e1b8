"""``nastavnik match``: exact output, and every bad input exits 2 writing nothing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nastavnik.engines.matching import cli

from .conftest import SRC

GOOD = {
    "mentors": [{"id": "m1", "capacity": 2}, {"id": "m2", "capacity": 1}],
    "mentees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}, {"id": "e7"}],
    "edges": [
        {"mentor": "m2", "mentee": "e2", "score": 3},
        {"mentor": "m1", "mentee": "e1", "score": 7.5},
        {"mentor": "m1", "mentee": "e3", "score": 1.25},
        {"mentor": "m2", "mentee": "e3", "score": 9},
    ],
    "locked": [{"mentor": "m1", "mentee": "e1"}],
    "forbidden": [{"mentor": "m2", "mentee": "e1"}],
}

GOOD_OUTPUT = {
    "pairs": [
        {"mentor": "m1", "mentee": "e1", "score": 7.5},
        {"mentor": "m1", "mentee": "e3", "score": 1.25},
        {"mentor": "m2", "mentee": "e2", "score": 3.0},
    ],
    "unmatched": ["e7"],
    "total_score": 11.75,
}

STABLE = {
    "mentors": [
        {"id": "m1", "capacity": 1, "prefs": ["e2", "e1"]},
        {"id": "m2", "capacity": 1, "prefs": ["e1", "e2"]},
    ],
    "mentees": [{"id": "e1", "prefs": ["m1", "m2"]}, {"id": "e2", "prefs": ["m2", "m1"]}, {"id": "Ёжик", "prefs": []}],
}

STABLE_OUTPUT = {
    "pairs": [
        {"mentor": "m1", "mentee": "e1", "score": None, "mentee_rank": 1, "mentor_rank": 2},
        {"mentor": "m2", "mentee": "e2", "score": None, "mentee_rank": 1, "mentor_rank": 2},
    ],
    "unmatched": ["Ёжик"],
    "total_score": 0.0,
}


def run(argv: list[str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def write(path: Path, document: Any) -> Path:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def changed(**keys: Any) -> dict[str, Any]:
    return {**json.loads(json.dumps(GOOD)), **keys}


# --- good runs -------------------------------------------------------------


def test_optimal_writes_the_exact_expected_json_to_stdout(tmp_path: Path) -> None:
    code, out, err = run([str(write(tmp_path / "in.json", GOOD))])
    assert (code, err) == (0, "")
    assert json.loads(out) == GOOD_OUTPUT
    assert out == json.dumps(GOOD_OUTPUT, ensure_ascii=False, indent=2) + "\n"


def test_out_file_gets_the_same_json_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out, err = run([str(write(tmp_path / "in.json", GOOD)), "--out", str(target)])
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8")) == GOOD_OUTPUT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "out.json"]


def test_stable_mode_outputs_ranks_and_keeps_cyrillic(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, _, err = run([str(write(tmp_path / "in.json", STABLE)), "--mode", "stable", "--out", str(target)])
    assert (code, err) == (0, "")
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == STABLE_OUTPUT
    assert "Ёжик" in text


def test_optional_keys_may_be_absent_and_extra_keys_are_ignored(tmp_path: Path) -> None:
    document = {
        "mentors": [{"id": "m1", "capacity": 1, "name": "Иванова"}],
        "mentees": [{"id": "e1"}],
        "edges": [],
        "comment": "пробный запуск",
    }
    code, out, _ = run([str(write(tmp_path / "in.json", document))])
    assert code == 0
    assert json.loads(out) == {"pairs": [], "unmatched": ["e1"], "total_score": 0.0}


def test_a_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert run([str(path)])[0] == 0


def test_json_the_fast_reader_refuses_but_json_allows_is_still_read(tmp_path: Path) -> None:
    """An integer beyond 64 bits in an ignored key and an escaped lone surrogate
    are valid JSON that orjson refuses; the standard reader takes them."""
    path = tmp_path / "in.json"
    text = json.dumps(GOOD)[:-1] + ', "serial": 123456789012345678901234567890, "note": "\\ud800"}'
    path.write_text(text, encoding="utf-8")
    code, out, err = run([str(path)])
    assert (code, err) == (0, "")
    assert json.loads(out) == GOOD_OUTPUT


def test_a_utf16_file_is_read_as_before(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode("utf-16"))
    code, out, _ = run([str(path)])
    assert code == 0 and json.loads(out) == GOOD_OUTPUT


def test_the_garbage_collector_is_back_on_after_a_run(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    assert run([str(write(tmp_path / "in.json", GOOD))])[0] == 0
    assert gc.isenabled()
    assert run([str(write(tmp_path / "bad.json", "[]"))])[0] == 2
    assert gc.isenabled()


def _many_edges_with(position: int, bad: Any) -> dict[str, Any]:
    """Fifty good edges with one bad one: the column check must fall back and name it."""
    edges: list[Any] = [{"mentor": "m1", "mentee": f"e{j % 3 + 1}", "score": j} for j in range(50)]
    edges[position] = bad
    return changed(edges=edges)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"mentor": "m1", "mentee": "", "score": 1}, "edges[37].mentee: пустой идентификатор"),
        ({"mentor": "m1", "mentee": "e1", "score": "5"}, 'edges[37].score: ожидается число, получено: строка "5"'),
        ({"mentor": 1, "mentee": "e1", "score": 5}, "edges[37].mentor: ожидается строка, получено: целое число 1"),
        ({"mentor": "m1", "score": 5}, "edges[37].mentee: отсутствует обязательный ключ"),
        (["m1", "e1", 5], "edges[37]: ожидается объект, получено: список"),
        ({"mentor": "m1", "mentee": "e1", "score": False}, "edges[37].score: ожидается число"),
    ],
)
def test_a_bad_edge_among_many_good_ones_is_named(tmp_path: Path, bad: Any, message: str) -> None:
    code, out, err = run([str(write(tmp_path / "in.json", _many_edges_with(37, bad)))])
    assert (code, out) == (2, "")
    assert message in err


# --- bad input: exit 2, message names the element, nothing written ----------

BAD_CASES = [
    pytest.param('{"mentors": [', "optimal", "in.json: некорректный JSON (строка 1, столбец 14)", id="bad-json"),
    pytest.param("[]", "optimal", "$: ожидается объект JSON, получено: список", id="not-object"),
    pytest.param(
        {"mentees": [], "edges": []}, "optimal", "mentors: отсутствует обязательный ключ", id="missing-mentors"
    ),
    pytest.param(changed(edges={"a": 1}), "optimal", "edges: ожидается список, получено: объект", id="edges-not-list"),
    pytest.param(
        changed(mentors=[{"id": "m1"}]),
        "optimal",
        "mentors[0].capacity: отсутствует обязательный ключ",
        id="missing-capacity",
    ),
    pytest.param(
        changed(mentors=[{"id": "m1", "capacity": "2"}]),
        "optimal",
        'mentors[0].capacity: ожидается целое число, получено: строка "2"',
        id="capacity-string",
    ),
    pytest.param(
        changed(mentors=[{"id": "m1", "capacity": 1.5}]),
        "optimal",
        "mentors[0].capacity: ожидается целое число, получено: число 1.5",
        id="capacity-float",
    ),
    pytest.param(
        changed(mentors=[{"id": "m1", "capacity": 2}, {"id": "m2", "capacity": -1}]),
        "optimal",
        "mentors[1].capacity: отрицательная вместимость -1",
        id="negative-capacity",
    ),
    pytest.param(
        changed(mentors=[{"id": 7, "capacity": 2}]),
        "optimal",
        "mentors[0].id: ожидается строка, получено: целое число 7",
        id="id-number",
    ),
    pytest.param(changed(mentees=[{"id": ""}]), "optimal", "mentees[0].id: пустой идентификатор", id="empty-id"),
    pytest.param(
        changed(mentors=[{"id": "m1", "capacity": 2}, {"id": "m2", "capacity": 1}, {"id": "m1", "capacity": 1}]),
        "optimal",
        "mentors[2].id: повторяющийся идентификатор «m1» (уже есть в mentors[0])",
        id="duplicate-mentor",
    ),
    pytest.param(
        changed(mentees=[{"id": "e1"}, {"id": "e1"}]),
        "optimal",
        "mentees[1].id: повторяющийся идентификатор «e1»",
        id="duplicate-mentee",
    ),
    pytest.param(
        changed(edges=[{"mentor": "m9", "mentee": "e1", "score": 1}]),
        "optimal",
        "edges[0]: неизвестный наставник «m9»",
        id="edge-unknown-mentor",
    ),
    pytest.param(
        changed(edges=[{"mentor": "m1", "mentee": "e1", "score": True}]),
        "optimal",
        "edges[0].score: ожидается число, получено: логическое значение true",
        id="score-bool",
    ),
    pytest.param(
        changed(edges=[{"mentor": "m1", "mentee": "e1"}]),
        "optimal",
        "edges[0].score: отсутствует обязательный ключ",
        id="score-missing",
    ),
    pytest.param(
        changed(edges=["m1-e1"]),
        "optimal",
        'edges[0]: ожидается объект, получено: строка "m1-e1"',
        id="edge-not-object",
    ),
    pytest.param(
        '{"mentors": [], "mentees": [], "edges": [{"mentor": "m", "mentee": "e", "score": NaN}]}',
        "optimal",
        "некорректный JSON: значение NaN не является числом по стандарту JSON",
        id="nan",
    ),
    pytest.param(
        json.dumps(GOOD).replace("7.5", "1e400"),
        "optimal",
        "edges[1].score: оценка inf вне допустимого диапазона",
        id="infinite-score",
    ),
    pytest.param(
        json.dumps(GOOD).replace("7.5", "2e6"),
        "optimal",
        "edges[1].score: оценка 2000000.0 вне допустимого диапазона ±1e+06",
        id="huge-score",
    ),
    pytest.param(
        changed(locked=[{"mentor": "m9", "mentee": "e1"}]),
        "optimal",
        "locked[0]: неизвестный наставник «m9»",
        id="locked-unknown",
    ),
    pytest.param(
        changed(locked=[{"mentor": "m2", "mentee": "e1"}]),
        "optimal",
        "locked[0]: пара «m2» – «e1» запрещена (forbidden[0])",
        id="locked-forbidden",
    ),
    pytest.param(
        changed(locked=[{"mentor": "m2", "mentee": "e2"}, {"mentor": "m2", "mentee": "e3"}]),
        "optimal",
        "locked[1]: закреплённых пар у наставника «m2» больше, чем его вместимость 1",
        id="locked-over-capacity",
    ),
    pytest.param(
        changed(locked=[{"mentor": "m1", "mentee": "e2"}, {"mentor": "m1", "mentee": "e2"}]),
        "optimal",
        "locked[1]: наставляемый «e2» уже закреплён в locked[0]",
        id="locked-twice",
    ),
    pytest.param(
        changed(locked=[{"mentor": "m1"}]),
        "optimal",
        "locked[0].mentee: отсутствует обязательный ключ",
        id="locked-missing-key",
    ),
    pytest.param(
        changed(forbidden=[{"mentor": "m1", "mentee": "e9"}]),
        "optimal",
        "forbidden[0]: неизвестный наставляемый «e9»",
        id="forbidden-unknown",
    ),
    pytest.param(GOOD, "stable", "mentors[0].prefs: отсутствует обязательный ключ", id="stable-without-prefs"),
    pytest.param(
        {**STABLE, "mentees": [{"id": "e2", "prefs": []}, {"id": "e1", "prefs": ["m1", "m9"]}]},
        "stable",
        "mentees[1].prefs[1]: неизвестный наставник «m9»",
        id="stable-unknown-pref",
    ),
    pytest.param(
        {**STABLE, "mentees": [{"id": "e1", "prefs": ["m1", "m1"]}, {"id": "e2", "prefs": []}]},
        "stable",
        "mentees[0].prefs[1]: наставник «m1» уже указан в prefs[0]",
        id="stable-repeated-pref",
    ),
    pytest.param(
        {**STABLE, "mentees": [{"id": "e1", "prefs": [1]}]},
        "stable",
        "mentees[0].prefs[0]: ожидается непустая строка, получено: целое число 1",
        id="stable-pref-type",
    ),
    pytest.param(
        {**STABLE, "mentors": [{"id": "m1", "capacity": -2, "prefs": []}]},
        "stable",
        "mentors[0].capacity: отрицательная вместимость -2",
        id="stable-negative-capacity",
    ),
]


@pytest.mark.parametrize(("document", "mode", "message"), BAD_CASES)
def test_bad_input_exits_2_and_writes_nothing(tmp_path: Path, document: Any, mode: str, message: str) -> None:
    source = write(tmp_path / "in.json", document)
    target = tmp_path / "out.json"
    code, out, err = run([str(source), "--mode", mode, "--out", str(target)])
    assert code == 2
    assert out == ""
    assert err.startswith("ошибка: ")
    assert message in err, err
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["in.json"]


def test_bad_input_prints_nothing_to_stdout_without_out(tmp_path: Path) -> None:
    source = write(tmp_path / "in.json", changed(locked=[{"mentor": "m9", "mentee": "e1"}]))
    assert run([str(source)]) == (2, "", "ошибка: locked[0]: неизвестный наставник «m9»\n")


def test_bad_input_leaves_an_existing_output_untouched(tmp_path: Path) -> None:
    target = write(tmp_path / "out.json", "старый результат")
    source = write(tmp_path / "in.json", "{")
    assert run([str(source), "--out", str(target)])[0] == 2
    assert target.read_text(encoding="utf-8") == "старый результат"


def test_missing_input_file(tmp_path: Path) -> None:
    code, out, err = run([str(tmp_path / "nope.json")])
    assert (code, out) == (2, "")
    assert err == f"ошибка: {tmp_path / 'nope.json'}: файл не найден\n"


def test_input_not_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_bytes('{"mentors": [{"id": "Ёж"}]}'.encode("cp1251"))
    code, _, err = run([str(path)])
    assert code == 2 and "файл не в кодировке UTF-8" in err


def test_unwritable_output_exits_2_and_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "out.json"
    code, out, err = run([str(write(tmp_path / "in.json", GOOD)), "--out", str(target)])
    assert (code, out) == (2, "")
    assert "не удалось записать файл" in err
    assert [p.name for p in tmp_path.iterdir()] == ["in.json"]


@pytest.mark.parametrize("argv", [[], ["in.json", "--mode", "greedy"], ["a.json", "b.json"]])
def test_bad_arguments_exit_2(tmp_path: Path, argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2 and out == "" and "usage: nastavnik match" in err


def test_help_exits_0() -> None:
    code, out, _ = run(["--help"])
    assert code == 0 and "--mode" in out


# --- as a real process -----------------------------------------------------


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-m", "nastavnik.engines.matching.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )


def test_process_writes_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    done = run_process(str(write(tmp_path / "in.json", GOOD)), "--mode", "optimal", "--out", str(target))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8")) == GOOD_OUTPUT


def test_process_prints_to_stdout(tmp_path: Path) -> None:
    done = run_process(str(write(tmp_path / "in.json", STABLE)), "--mode", "stable")
    assert done.returncode == 0
    assert json.loads(done.stdout) == STABLE_OUTPUT


def test_process_exits_2_on_bad_input(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    source = write(tmp_path / "in.json", changed(mentors=[{"id": "m1", "capacity": -1}]))
    done = run_process(str(source), "--out", str(target))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == "ошибка: mentors[0].capacity: отрицательная вместимость -1\n"
    assert not target.exists()
