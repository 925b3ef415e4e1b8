"""``nastavnik instruments`` in process: exact CSV output, every bad input exits 2 writing nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from nastavnik.engines.instruments import cli
from tests.engines.instruments.helpers import key_to_self_definition, plain_definition, write_yaml

HEADER = "respondent," + ",".join(f"q{n}" for n in range(1, 22))
HAND = "3,4,2,1,2,4,3,4,3,2,3,4,3,4,3,2,3,4,1,4,3"  # scored by hand in test_scoring.py
ONES = ",".join(["1"] * 21)
FOURS = ",".join(["4"] * 21)
OUT_HEADER = (
    "respondent,mastery_score,mastery_band,optimism_score,optimism_band,community_score,community_band,"
    "choice_score,choice_band,resilience_score,resilience_band\n"
)
OUT_HAND = "26,high,23,high,22,middle,15,middle,13,high\n"
OUT_ONES = "7,low,6,low,7,low,5,low,2,low\n"
OUT_FOURS = "28,high,24,high,28,high,20,high,8,middle\n"


@pytest.fixture
def instruments(tmp_path: Path) -> Path:
    directory = tmp_path / "instruments"
    directory.mkdir()
    write_yaml(directory, key_to_self_definition())
    write_yaml(directory, plain_definition("meeting-feedback"))
    return directory


def run(argv: list[str]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = cli.main(argv, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def score(instruments: Path, tmp_path: Path, content: str | bytes, code: str = "key-to-self") -> tuple[int, str, str]:
    path = tmp_path / "responses.csv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return run(["score", code, str(path), "--dir", str(instruments)])


# --- good input ------------------------------------------------------------------------------


def test_scores_every_row_in_input_order(instruments: Path, tmp_path: Path) -> None:
    text = f"{HEADER}\nИванов Иван,{HAND}\n7б-12,{ONES}\nanon,{FOURS}\n"
    assert score(instruments, tmp_path, text) == (
        0,
        OUT_HEADER + f"Иванов Иван,{OUT_HAND}7б-12,{OUT_ONES}anon,{OUT_FOURS}",
        "",
    )


def test_semicolons_a_bom_and_crlf_are_accepted(instruments: Path, tmp_path: Path) -> None:
    text = f"{HEADER}\r\nИванов, Иван;{HAND}\r\n".replace(",", ";").replace("Иванов; Иван", '"Иванов; Иван"')
    code, out, err = score(instruments, tmp_path, "\ufeff".encode() + text.encode())
    assert (code, err) == (0, "")
    assert out == OUT_HEADER + f"Иванов; Иван,{OUT_HAND}"


def test_extra_columns_any_column_order_and_header_spacing_are_accepted(instruments: Path, tmp_path: Path) -> None:
    names = [f"q{n}" for n in range(21, 0, -1)]
    values = list(reversed(HAND.split(",")))
    text = "класс, Q" + ",".join(names)[1:] + " , respondent ,дата\n" + "7б," + ",".join(values) + ",r1,2025-03-01\n"
    assert score(instruments, tmp_path, text) == (0, OUT_HEADER + "r1," + OUT_HAND, "")


def test_blank_lines_are_skipped_and_a_header_only_file_gives_a_header(instruments: Path, tmp_path: Path) -> None:
    assert score(instruments, tmp_path, f"{HEADER}\n\n,,,\n") == (0, OUT_HEADER, "")


def test_a_quoted_comma_in_the_respondent_stays_one_cell(instruments: Path, tmp_path: Path) -> None:
    code, out, _ = score(instruments, tmp_path, f'{HEADER}\n"Петрова, Анна",{HAND}\n')
    assert code == 0 and out == OUT_HEADER + f'"Петрова, Анна",{OUT_HAND}'


def test_trailing_empty_cells_of_a_spreadsheet_export_are_ignored(instruments: Path, tmp_path: Path) -> None:
    assert score(instruments, tmp_path, f"{HEADER}\nr1,{HAND},,\n")[0] == 0


# --- bad input: exit 2, the line and the column named, nothing on stdout ------------------------

BAD_ROWS = [
    pytest.param(
        f"{HEADER}\nr1,{HAND}\nr2,{HAND}\nr3,{HAND}\nr4,{HAND[:14]}5{HAND[15:]}\n",
        "ошибка: строка 5, столбец q8: значение «5» вне диапазона 1–4",
        id="out-of-range",
    ),
    pytest.param(
        f"{HEADER}\nr1,{HAND}\nr2,0{HAND[1:]}\n",
        "ошибка: строка 3, столбец q1: значение «0» вне диапазона 1–4",
        id="zero",
    ),
    pytest.param(
        f"{HEADER}\nr1,{HAND[:-1]}x\n", "ошибка: строка 2, столбец q21: значение «x» не целое число", id="not-a-number"
    ),
    pytest.param(
        f"{HEADER}\nr1,{HAND[:-1]}2.5\n", "ошибка: строка 2, столбец q21: значение «2.5» не целое число", id="decimal"
    ),
    pytest.param(f"{HEADER}\nr1,,{HAND[2:]}\n", "ошибка: строка 2, столбец q1: пустое значение", id="empty-value"),
    pytest.param(
        f"{HEADER}\nr1,{HAND[:-2]}\n",
        "ошибка: строка 2, столбец q21: нет значения (в строке меньше столбцов",
        id="short-row",
    ),
    pytest.param(
        f"{HEADER}\n ,{HAND}\n", "ошибка: строка 2, столбец respondent: пустое значение", id="empty-respondent"
    ),
    pytest.param(
        f"{HEADER.replace(',q7', '')}\nr1,{HAND[2:]}\n",
        "ошибка: строка 1, столбец q7: нет такого столбца в заголовке",
        id="missing-column",
    ),
    pytest.param(
        f"{HEADER.replace('respondent', 'name')}\nr1,{HAND}\n",
        "ошибка: строка 1, столбец respondent: нет такого столбца",
        id="no-respondent-column",
    ),
    pytest.param(
        f"{HEADER},q3\nr1,{HAND},1\n",
        "ошибка: строка 1, столбец q3: столбец повторяется (столбцы 4 и 23)",
        id="duplicate-column",
    ),
    pytest.param(
        f"{HEADER}\nr1,{HAND},4\n",
        "ошибка: строка 2, столбец 23: лишнее значение «4»: в заголовке 22 столбца",
        id="extra-value",
    ),
    pytest.param("", "ошибка: строка 1: файл пуст", id="empty-file"),
    pytest.param(
        f'{HEADER}\n"r1\nr1",{HAND}\n\nr2,{HAND[:-1]}9\n',
        "ошибка: строка 5, столбец q21: значение «9»",
        id="multiline-field-counts-lines",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_ROWS)
def test_a_bad_row_exits_2_naming_line_and_column_and_writes_nothing(
    instruments: Path, tmp_path: Path, content: str, message: str
) -> None:
    code, out, err = score(instruments, tmp_path, content)
    assert (code, out) == (2, "")
    assert err.startswith(message), err


def test_every_bad_cell_is_reported_in_file_order(instruments: Path, tmp_path: Path) -> None:
    text = f"{HEADER}\nr1,5{HAND[1:]}\nr2,{HAND}\n,{HAND[:-1]}x\n"
    code, out, err = score(instruments, tmp_path, text)
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "ошибка: строка 2, столбец q1: значение «5» вне диапазона 1–4",
        "ошибка: строка 4, столбец respondent: пустое значение",
        "ошибка: строка 4, столбец q21: значение «x» не целое число",
    ]


def test_a_flood_of_errors_is_cut_after_twenty(instruments: Path, tmp_path: Path) -> None:
    text = HEADER + "\n" + "".join(f"r{n},{'9,' * 20}9\n" for n in range(2))
    code, _, err = score(instruments, tmp_path, text)
    assert code == 2
    assert len(err.splitlines()) == 21 and err.splitlines()[-1] == "ошибка: … и ещё 22"


def test_a_file_not_in_utf8_exits_2(instruments: Path, tmp_path: Path) -> None:
    code, out, err = score(instruments, tmp_path, f"{HEADER}\nИванов,{HAND}\n".encode("cp1251"))
    assert (code, out) == (2, "")
    assert err == "ошибка: строка 2: файл не в кодировке UTF-8 (сохраните как «CSV UTF-8»)\n"


def test_an_unknown_instrument_exits_2(instruments: Path, tmp_path: Path) -> None:
    code, out, err = score(instruments, tmp_path, f"{HEADER}\n", code="keys-to-self")
    assert (code, out) == (2, "")
    assert err == "ошибка: неизвестная методика «keys-to-self» (есть: key-to-self, meeting-feedback)\n"


def test_a_path_is_not_an_instrument_code(instruments: Path, tmp_path: Path) -> None:
    code, _, err = score(instruments, tmp_path, f"{HEADER}\n", code="../instruments/key-to-self")
    assert code == 2 and "неизвестная методика" in err


def test_an_instrument_without_a_key_exits_2(instruments: Path, tmp_path: Path) -> None:
    code, out, err = score(instruments, tmp_path, "respondent,q1\nr1,3\n", code="meeting-feedback")
    assert (code, out, err) == (2, "", "ошибка: у методики «meeting-feedback» нет ключа для подсчёта баллов\n")


def test_a_missing_csv_file_exits_2(instruments: Path, tmp_path: Path) -> None:
    code, out, err = run(["score", "key-to-self", str(tmp_path / "nope.csv"), "--dir", str(instruments)])
    assert (code, out) == (2, "")
    assert err.startswith("ошибка: файл не найден: ")


def test_a_broken_instrument_file_exits_2_naming_it(instruments: Path, tmp_path: Path) -> None:
    (instruments / "key-to-self.yaml").write_text("code: key-to-self\n", encoding="utf-8")
    code, out, err = score(instruments, tmp_path, f"{HEADER}\n")
    assert (code, out) == (2, "")
    assert err == "ошибка: key-to-self.yaml: version: отсутствует обязательный ключ\n"


def test_missing_arguments_exit_2() -> None:
    assert run(["score", "key-to-self"])[0] == 2
    assert run([])[0] == 2


# --- list and check ----------------------------------------------------------------------------------


def test_list_prints_a_table_of_the_files(instruments: Path) -> None:
    code, out, err = run(["list", "--dir", str(instruments)])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["код", "версия", "название", "вопросов", "возраст", "источник"]
    assert lines[1].split() == ["key-to-self", "1", "Ключ", "к", "себе", "22", "14+", "000", "§4.7"]
    assert lines[2].split() == ["meeting-feedback", "2", "Обратная", "связь", "после", "встречи", "2", "—", "default"]
    assert lines[1].index("22") == lines[0].index("вопросов")


def test_list_shows_a_broken_file_instead_of_failing(instruments: Path) -> None:
    (instruments / "broken.yaml").write_text("code: [\n", encoding="utf-8")
    code, out, _ = run(["list", "--dir", str(instruments)])
    assert code == 0 and "broken" in out and "см. nastavnik instruments check" in out


def test_list_and_check_tolerate_an_empty_folder(tmp_path: Path) -> None:
    assert run(["list", "--dir", str(tmp_path)]) == (0, f"нет файлов методик в {tmp_path}\n", "")
    assert run(["check", "--dir", str(tmp_path)]) == (0, f"нет файлов методик в {tmp_path}\n", "")


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    assert run(["check", "--dir", str(tmp_path / "nope")]) == (2, "", f"ошибка: нет папки {tmp_path / 'nope'}\n")


def test_check_reports_good_files(instruments: Path) -> None:
    assert run(["check", "--dir", str(instruments)]) == (
        0,
        "ok  key-to-self.yaml: версия 1, 22 вопроса\n"
        "ok  meeting-feedback.yaml: версия 2, 2 вопроса\n"
        "проверено файлов: 2\n",
        "",
    )


def test_check_exits_2_naming_the_file_and_the_path_of_the_first_error(instruments: Path) -> None:
    definition = key_to_self_definition()
    definition["sections"][1]["questions"][3]["max"] = 1
    write_yaml(instruments, definition)
    write_yaml(instruments, plain_definition("zzz"), name="other-name")
    code, out, err = run(["check", "--dir", str(instruments)])
    assert code == 2
    assert "ok  meeting-feedback.yaml" in out
    assert err == (
        "ошибка: key-to-self.yaml: sections[1].questions[3].max: должно быть больше min (1), получено 1\n"
        "ошибка: other-name.yaml: code: «zzz» не совпадает с именем файла «other-name.yaml»\n"
        "файлов с ошибками: 2 из 3\n"
    )
