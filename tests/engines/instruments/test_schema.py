"""Instrument files: what parses, and every bad element named by its path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from nastavnik.engines.instruments.schema import (
    Band,
    Condition,
    InstrumentError,
    Option,
    load_instrument,
    parse_instrument,
    plural,
)
from tests.engines.instruments.helpers import key_to_self_definition, plain_definition, scale_question

OPTIONS = [{"value": "a", "label": "А"}, {"value": "b", "label": "Б"}, {"value": "c", "label": "В"}]


def with_questions(*questions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {**plain_definition(), "sections": [{"questions": list(questions)}], **extra}


def error_of(data: object, expected_code: str | None = None) -> str:
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(data, expected_code=expected_code)
    return str(caught.value)


# --- what parses ------------------------------------------------------------------------


def test_the_fixture_key_to_self_parses_with_every_field() -> None:
    instrument = parse_instrument(key_to_self_definition())
    assert (instrument.code, instrument.version, instrument.min_age, instrument.once_per_year) == (
        "key-to-self",
        1,
        14,
        True,
    )
    assert [q.id for q in instrument.questions] == ["consent", *(f"q{n}" for n in range(1, 22))]
    consent = instrument.question("consent")
    assert consent.options == (Option("yes", "Да"), Option("no", "Нет"))
    assert instrument.scoring is not None
    mastery = instrument.scoring.scales[0]
    assert mastery.negative == frozenset({"q19"})
    assert mastery.bands == (
        Band("low", "mastery: низкий", None, 11),
        Band("middle", "mastery: средний", 12, 25),
        Band("high", "mastery: высокий", 26, None),
    )


def test_defaults_of_optional_keys() -> None:
    instrument = parse_instrument(plain_definition())
    assert (instrument.once_per_year, instrument.anonymous, instrument.min_age, instrument.intro) == (
        False,
        False,
        None,
        "",
    )
    assert instrument.default_text is True
    assert instrument.scoring is None
    text = instrument.question("q2")
    assert (text.required, text.max_length, text.help, text.show_if) == (True, 2000, "", None)


def test_integer_option_values_become_strings() -> None:
    question = {"id": "x", "type": "single", "text": "?", "options": [{"value": 1, "label": "один"}]}
    assert parse_instrument(with_questions(question)).question("x").option_values == ("1",)


def test_scale_points_pair_every_value_with_its_label() -> None:
    question = {**scale_question("s"), "labels": {1: "не согласен", 4: "согласен"}}
    assert parse_instrument(with_questions(question)).question("s").scale_points() == (
        (1, "не согласен"),
        (2, ""),
        (3, ""),
        (4, "согласен"),
    )


def test_the_json_copy_in_the_database_parses_like_the_yaml() -> None:
    question = {**scale_question("s"), "labels": {1: "не согласен", 4: "согласен"}}
    data = with_questions(question)
    assert parse_instrument(json.loads(json.dumps(data))) == parse_instrument(data)


def test_conditions_are_parsed_with_typed_values() -> None:
    data = with_questions(
        {"id": "role", "type": "single", "text": "?", "options": OPTIONS},
        scale_question("s"),
        {"id": "t1", "type": "text", "text": "?", "show_if": {"question": "role", "equals": "a"}},
        {"id": "t2", "type": "text", "text": "?", "show_if": {"question": "role", "in": ["b", "c"]}},
        {"id": "t3", "type": "text", "text": "?", "show_if": {"questions": ["s"], "any_le": 3}},
        {"id": "t4", "type": "text", "text": "?", "show_if": {"question": "s", "equals": 4}},
    )
    instrument = parse_instrument(data)
    assert instrument.question("t1").show_if == Condition("equals", ("role",), ("a",))
    assert instrument.question("t2").show_if == Condition("in", ("role",), ("b", "c"))
    assert instrument.question("t3").show_if == Condition("any_le", ("s",), limit=3)
    assert instrument.question("t4").show_if == Condition("equals", ("s",), (4,))


def test_a_scale_without_bands_is_a_bare_score() -> None:
    data = with_questions(
        scale_question("s"), scoring={"kind": "scales", "scales": [{"slug": "x", "name": "Икс", "items": ["s"]}]}
    )
    scoring = parse_instrument(data).scoring
    assert scoring is not None and scoring.scales[0].bands == ()


def test_bands_may_be_written_in_any_order_and_are_kept_ascending() -> None:
    data = key_to_self_definition()
    data["scoring"]["scales"][0]["bands"].reverse()
    scoring = parse_instrument(data).scoring
    assert scoring is not None
    assert [band.band for band in scoring.scales[0].bands] == ["low", "middle", "high"]


# --- bad files: the path of the element and the problem -----------------------------------

MULTIPLE = {"id": "m", "type": "multiple", "text": "?", "options": OPTIONS}


def q(**keys: Any) -> dict[str, Any]:
    return {"id": "x", "type": "single", "text": "?", "options": OPTIONS, **keys}


BAD_QUESTIONS = [
    pytest.param(q(id="X1"), "sections[0].questions[0].id: «X1»", id="id-uppercase"),
    pytest.param(q(type="grid"), "sections[0].questions[0].type: неизвестный тип «grid»", id="unknown-type"),
    pytest.param(q(text=""), "sections[0].questions[0].text: пустая строка", id="empty-text"),
    pytest.param(q(text=None), "sections[0].questions[0].text: отсутствует обязательный ключ", id="no-text"),
    pytest.param(q(required="yes"), "sections[0].questions[0].required: ожидается true или false", id="required-str"),
    pytest.param(q(max_choices=2), "sections[0].questions[0].max_choices: неизвестный ключ", id="key-of-other-type"),
    pytest.param(q(options=[]), "sections[0].questions[0].options: пустой список", id="no-options"),
    pytest.param(
        q(options=[{"value": "a", "label": "А"}, {"value": "a", "label": "Б"}]),
        "sections[0].questions[0].options[1].value: значение «a» уже есть в sections[0].questions[0].options[0]",
        id="duplicate-option",
    ),
    pytest.param(
        q(options=[{"value": False, "label": "Нет"}]),
        "sections[0].questions[0].options[0].value: логическое значение вместо строки: yes/no в YAML берите в кавычки",
        id="bare-no",
    ),
    pytest.param(q(options=[{"value": "a"}]), "sections[0].questions[0].options[0].label: отсутствует", id="no-label"),
    pytest.param(
        {**MULTIPLE, "max_choices": 4},
        "sections[0].questions[0].max_choices: 4 больше числа вариантов (3)",
        id="max-above-options",
    ),
    pytest.param(
        {**MULTIPLE, "min_choices": 3, "max_choices": 2},
        "sections[0].questions[0].min_choices: 3 больше max_choices (2)",
        id="min-above-max",
    ),
    pytest.param(
        {**MULTIPLE, "max_choices": 0}, "sections[0].questions[0].max_choices: должно быть не меньше 1", id="max-0"
    ),
    pytest.param(
        {**MULTIPLE, "max_choices": "4"}, "sections[0].questions[0].max_choices: ожидается целое число", id="max-str"
    ),
    pytest.param(
        {**scale_question("x"), "max": 1}, "sections[0].questions[0].max: должно быть больше min (1)", id="max<=min"
    ),
    pytest.param(
        {**scale_question("x"), "min": 1.5}, "sections[0].questions[0].min: ожидается целое число", id="min-float"
    ),
    pytest.param(
        {**scale_question("x"), "labels": {5: "много"}},
        "sections[0].questions[0].labels.5: точки 5 нет на шкале 1–4",
        id="label-off-scale",
    ),
    pytest.param(
        {"id": "x", "type": "choose_k", "text": "?", "stems": ["А…", "Б…"], "k": 3},
        "sections[0].questions[0].k: 3 больше числа начал фраз (2)",
        id="k-above-stems",
    ),
    pytest.param(
        {"id": "x", "type": "choose_k", "text": "?", "stems": ["А…", ""], "k": 1},
        "sections[0].questions[0].stems[1]: пустая строка",
        id="empty-stem",
    ),
    pytest.param(
        {"id": "x", "type": "matrix", "text": "?", "grid": [["а", "б"], ["в", "г"]], "min_marks": 5},
        "sections[0].questions[0].min_marks: 5 больше числа клеток (4)",
        id="min-marks-above-cells",
    ),
    pytest.param(
        {"id": "x", "type": "matrix", "text": "?", "grid": [["а"], "б"]},
        "sections[0].questions[0].grid[1]: строка таблицы должна быть непустым списком",
        id="grid-row-not-list",
    ),
    pytest.param(
        {"id": "x", "type": "consent", "text": "?", "options": [{"value": "да", "label": "Да"}]},
        "sections[0].questions[0].options: у согласия ровно два варианта",
        id="consent-options",
    ),
    pytest.param(
        {"id": "x", "type": "text", "text": "?", "max_length": 0},
        "sections[0].questions[0].max_length: должно быть не меньше 1",
        id="max-length-0",
    ),
]


@pytest.mark.parametrize(("question", "message"), BAD_QUESTIONS)
def test_a_bad_question_is_named_by_its_path(question: dict[str, Any], message: str) -> None:
    assert message in error_of(with_questions(question))


def test_the_path_counts_sections_and_questions() -> None:
    data = plain_definition()
    data["sections"].append({"title": "Второй", "questions": [scale_question("a"), scale_question("b"), q(), MULTIPLE]})
    data["sections"][1]["questions"][3] = {**MULTIPLE, "max_choices": 9}
    assert error_of(data).startswith("sections[1].questions[3].max_choices: 9 больше числа вариантов")


SELECT = {"id": "role", "type": "single", "text": "?", "options": OPTIONS}

BAD_CONDITIONS = [
    pytest.param(
        {"question": "later", "equals": "a"},
        "sections[0].questions[1].show_if.question: нет более раннего вопроса «later»",
        id="forward-reference",
    ),
    pytest.param(
        {"question": "role", "equals": "z"},
        "sections[0].questions[1].show_if.equals: у вопроса role нет варианта «z»",
        id="not-an-option",
    ),
    pytest.param(
        {"question": "role", "in": ["a", "z"]},
        "sections[0].questions[1].show_if.in[1]: у вопроса role нет варианта «z»",
        id="in-not-an-option",
    ),
    pytest.param(
        {"questions": ["role"], "any_le": 3},
        "sections[0].questions[1].show_if.questions[0]: any_le сравнивает только ответы-шкалы",
        id="any-le-on-choice",
    ),
    pytest.param(
        {"question": "role", "equals": "a", "in": ["b"]},
        "sections[0].questions[1].show_if: ожидается {question, equals}",
        id="two-kinds",
    ),
    pytest.param({"question": "role", "equals": True}, "show_if.equals: логическое значение", id="bool-value"),
]


@pytest.mark.parametrize(("condition", "message"), BAD_CONDITIONS)
def test_a_bad_condition_is_named_by_its_path(condition: dict[str, Any], message: str) -> None:
    data = with_questions(
        SELECT, {"id": "t", "type": "text", "text": "?", "show_if": condition}, {**SELECT, "id": "later"}
    )
    assert message in error_of(data)


def test_a_condition_on_a_scale_needs_a_point_of_that_scale() -> None:
    data = with_questions(
        scale_question("s"), {"id": "t", "type": "text", "text": "?", "show_if": {"question": "s", "equals": 7}}
    )
    assert "show_if.equals: ожидается точка шкалы 1–4" in error_of(data)


def test_a_condition_on_free_text_is_refused() -> None:
    data = with_questions(
        {"id": "a", "type": "text", "text": "?"},
        {"id": "t", "type": "text", "text": "?", "show_if": {"question": "a", "equals": "x"}},
    )
    assert "условие ставится на вопрос с вариантами или шкалой" in error_of(data)


def test_a_question_id_is_unique_across_sections() -> None:
    data = plain_definition()
    data["sections"].append({"questions": [scale_question("q1")]})
    assert error_of(data) == "sections[1].questions[0].id: вопрос «q1» уже есть"


BAD_TOP = [
    pytest.param({"code": None}, "code: отсутствует обязательный ключ", id="no-code"),
    pytest.param({"code": "Key To Self"}, "code: «Key To Self»", id="code-not-slug"),
    pytest.param({"version": 0}, "version: должно быть не меньше 1, получено 0", id="version-0"),
    pytest.param({"version": "1"}, "version: ожидается целое число, получено: строка «1»", id="version-str"),
    pytest.param({"audience": "pupils"}, "audience: неизвестная аудитория «pupils»", id="audience"),
    pytest.param({"min_age": 0}, "min_age: должно быть не меньше 1", id="min-age"),
    pytest.param({"once_per_year": "да"}, "once_per_year: ожидается true или false", id="once-str"),
    pytest.param({"sections": []}, "sections: пустой список", id="no-sections"),
    pytest.param({"sections": [{"questions": []}]}, "sections[0].questions: пустой список", id="no-questions"),
    pytest.param(
        {"sections": [{"title": "А", "questions": [scale_question("a")], "notes": "?"}]},
        "sections[0].notes: неизвестный ключ",
        id="section-key",
    ),
    pytest.param({"titel": "опечатка"}, "titel: неизвестный ключ", id="unknown-top-key"),
]


@pytest.mark.parametrize(("change", "message"), BAD_TOP)
def test_a_bad_top_level_key_is_named(change: dict[str, Any], message: str) -> None:
    assert message in error_of({**plain_definition(), **change})


def test_a_file_that_is_not_a_mapping_is_refused() -> None:
    assert error_of(["code"]) == "ожидается словарь (ключ: значение), получено: список"


def test_the_code_must_equal_the_file_name() -> None:
    assert (
        error_of(plain_definition(), expected_code="other") == "code: «plain» не совпадает с именем файла «other.yaml»"
    )


def scoring_error(mutate: Any) -> str:
    data = copy.deepcopy(key_to_self_definition())
    data["sections"][1]["questions"].append({**scale_question("opt"), "required": False})
    mutate(data["scoring"]["scales"][0])
    return error_of(data)


BAD_SCALES = [
    pytest.param(
        lambda s: s["items"].append("consent"),
        "scoring.scales[0].items[9]: нет вопроса-шкалы «consent»",
        id="item-not-scale",
    ),
    pytest.param(lambda s: s["items"].append("q2"), "scoring.scales[0].items[9]: «q2» повторяется", id="item-twice"),
    pytest.param(
        lambda s: s.update(items=[*s["items"], "opt"]),
        "scoring.scales[0].items[9]: вопрос «opt» в ключе должен быть обязательным и без условия",
        id="optional-item",
    ),
    pytest.param(
        lambda s: s.update(negative=["q1"]),
        "scoring.scales[0].negative[0]: «q1» нет в items этой шкалы",
        id="negative-not-item",
    ),
    pytest.param(
        lambda s: s.update(slug="optimism"), "scoring.scales[1].slug: шкала «optimism» уже есть", id="slug-twice"
    ),
    pytest.param(
        lambda s: s["bands"][1].update({"from": 13}),
        "scoring.scales[0].bands[1]: пропуск или наложение баллов после 11 (полоса low)",
        id="gap",
    ),
    pytest.param(
        lambda s: s["bands"][1].update({"to": 26}),
        "scoring.scales[0].bands[0]: пропуск или наложение баллов после 26 (полоса middle)",
        id="overlap",
    ),
    pytest.param(
        lambda s: s["bands"].pop(2),
        "scoring.scales[0].bands: полосы должны покрывать все баллы",
        id="no-low-band",
    ),
    pytest.param(
        lambda s: s["bands"][0].update(band="low") or s["bands"][2].update(band="high"),
        "scoring.scales[0].bands[1]: полоса middle выше по баллам, чем high",
        id="bands-out-of-order",
    ),
    pytest.param(
        lambda s: s["bands"][0].update({"below": 3}),
        "scoring.scales[0].bands[0]: границы полосы: либо above, либо from и to, либо below",
        id="two-bounds",
    ),
    pytest.param(
        lambda s: s["bands"][0].update(band="top"),
        "scoring.scales[0].bands[0].band: ожидается high, middle или low",
        id="band-name",
    ),
    pytest.param(
        lambda s: s["bands"][1].update({"from": 30}), "scoring.scales[0].bands[1].to: меньше from (30)", id="from>to"
    ),
]


@pytest.mark.parametrize(("mutate", "message"), BAD_SCALES)
def test_a_bad_scoring_key_is_named_by_its_path(mutate: Any, message: str) -> None:
    assert message in scoring_error(mutate)


def test_only_scales_scoring_exists() -> None:
    data = key_to_self_definition()
    data["scoring"]["kind"] = "sum"
    assert error_of(data) == "scoring.kind: известен только kind: scales"


# --- files -------------------------------------------------------------------------------


def test_load_instrument_reads_utf8_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_bytes(
        "\ufeffcode: plain\nversion: 1\ntitle: «Анкета»\nsource: default\naudience: any\n".encode()
        + b'sections:\n  - questions:\n      - {id: a, type: text, text: "?"}\n'
    )
    assert load_instrument(path).title == "«Анкета»"


def test_a_yaml_key_repeated_in_one_mapping_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("code: plain\nversion: 1\nversion: 2\n", encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(path)
    assert str(caught.value) == "строка 3: ошибка YAML: ключ «version» повторяется"


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("code: plain\ntitle: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentError, match=r"^строка \d+: ошибка YAML"):
        load_instrument(path)


def test_a_file_not_in_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_bytes("title: Анкета\n".encode("cp1251"))
    with pytest.raises(InstrumentError, match="файл не в кодировке UTF-8"):
        load_instrument(path)


@pytest.mark.parametrize(
    ("n", "form"),
    [
        (1, "год"),
        (2, "года"),
        (4, "года"),
        (5, "лет"),
        (11, "лет"),
        (12, "лет"),
        (14, "лет"),
        (21, "год"),
        (22, "года"),
        (111, "лет"),
    ],
)
def test_plural_picks_the_russian_form(n: int, form: str) -> None:
    assert plural(n, "год", "года", "лет") == form
