"""One respondent's answers: every question type accepted and refused, conditions, consent."""

from __future__ import annotations

from typing import Any

import pytest

from nastavnik.engines.instruments.answers import (
    OTHER_TEXT,
    REQUIRED,
    AnswerErrors,
    Refusal,
    validate_answers,
    visible_questions,
)
from nastavnik.engines.instruments.schema import Instrument, parse_instrument

LETTERS = "abcdef"

DEFINITION: dict[str, Any] = {
    "code": "all-types",
    "version": 1,
    "title": "Все типы вопросов",
    "source": "default",
    "audience": "any",
    "sections": [
        {
            "questions": [
                {"id": "consent", "type": "consent", "text": "Согласен ли ты ответить на вопросы анкеты?"},
                {
                    "id": "role",
                    "type": "single",
                    "text": "Кто вы?",
                    "options": [{"value": "student", "label": "Ученик"}, {"value": "teacher", "label": "Педагог"}],
                    "other": True,
                },
                {
                    "id": "evidence",
                    "type": "multiple",
                    "text": "Что является свидетельством? (не более 4)",
                    "options": [{"value": v, "label": v.upper()} for v in LETTERS],
                    "other": True,
                    "min_choices": 2,
                    "max_choices": 4,
                },
                {"id": "r1", "type": "scale", "text": "Было интересно", "min": 1, "max": 4},
                {"id": "r2", "type": "scale", "text": "Было понятно", "min": 1, "max": 4},
                {
                    "id": "why",
                    "type": "text",
                    "text": "Если какой-то ответ ≤ 3, объясните",
                    "show_if": {"questions": ["r1", "r2"], "any_le": 3},
                },
                {
                    "id": "subject",
                    "type": "text",
                    "text": "Какой предмет вы ведёте?",
                    "show_if": {"question": "role", "equals": "teacher"},
                },
                {
                    "id": "grade",
                    "type": "scale",
                    "text": "Класс",
                    "min": 1,
                    "max": 11,
                    "required": False,
                    "show_if": {"question": "role", "in": ["student"]},
                },
                {
                    "id": "phrases",
                    "type": "choose_k",
                    "text": "Выбери три начала фраз и закончи их",
                    "stems": ["Мне понравилось…", "Я узнал…", "Я удивился…", "Мне было трудно…", "Я хочу…"],
                    "k": 3,
                },
                {
                    "id": "bingo",
                    "type": "matrix",
                    "text": "Отметь, что ты уже сделал",
                    "grid": [[f"{row}{col}" for col in range(4)] for row in range(4)],
                    "min_marks": 2,
                    "required": False,
                },
                {"id": "comment", "type": "text", "text": "Комментарий", "required": False, "max_length": 10},
            ]
        }
    ],
}

INSTRUMENT: Instrument = parse_instrument(DEFINITION)

GOOD: dict[str, Any] = {
    "consent": "yes",
    "role": "teacher",
    "evidence": ["c", "a"],
    "r1": 4,
    "r2": 4,
    "subject": "  История ",
    "phrases": {"0": "урок", "2": "ответу", "4": "ещё"},
}


def answers(**changes: Any) -> dict[str, Any]:
    result = dict(GOOD)
    for key, value in changes.items():
        if value is ...:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def errors_of(submitted: dict[str, Any]) -> dict[str, list[str]]:
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(INSTRUMENT, submitted)
    return caught.value.errors


def test_good_answers_come_back_cleaned() -> None:
    assert validate_answers(INSTRUMENT, GOOD) == {
        "consent": "yes",
        "role": "teacher",
        "evidence": ["a", "c"],
        "r1": 4,
        "r2": 4,
        "subject": "История",
        "phrases": {"0": "урок", "2": "ответу", "4": "ещё"},
    }


# --- consent gate -------------------------------------------------------------------------


def test_consent_no_returns_a_refusal_and_keeps_nothing() -> None:
    assert validate_answers(INSTRUMENT, answers(consent="no")) == Refusal("consent")


def test_consent_no_wins_over_errors_and_unknown_questions() -> None:
    assert validate_answers(INSTRUMENT, {"consent": "no", "r1": 9, "nonsense": 1}) == Refusal("consent")


def test_consent_is_required() -> None:
    assert errors_of(answers(consent=...)) == {"consent": [REQUIRED]}


@pytest.mark.parametrize("value", ["да", True, "YES", 1])
def test_consent_accepts_only_its_two_values(value: object) -> None:
    assert errors_of(answers(consent=value)) == {"consent": ["Выберите «Да» или «Нет»"]}


# --- single -------------------------------------------------------------------------------


def test_single_accepts_other_with_text() -> None:
    result = validate_answers(INSTRUMENT, answers(role={"other": " завуч "}, subject=...))
    assert isinstance(result, dict) and result["role"] == {"other": "завуч"}


@pytest.mark.parametrize("value", [{"other": ""}, {"other": "   "}, {"other": None}])
def test_single_other_needs_its_text(value: object) -> None:
    assert errors_of(answers(role=value)) == {"role": [OTHER_TEXT]}


@pytest.mark.parametrize("value", ["director", ["teacher"], {"value": "teacher"}, 3])
def test_single_refuses_what_is_not_offered(value: object) -> None:
    assert errors_of(answers(role=value)) == {"role": ["Выберите один из предложенных вариантов"]}


def test_single_without_other_refuses_other() -> None:
    definition = {
        **DEFINITION,
        "sections": [{"questions": [{**DEFINITION["sections"][0]["questions"][1], "other": False}]}],
    }
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(parse_instrument(definition), {"role": {"other": "завуч"}})
    assert caught.value.errors == {"role": ["Выберите один из предложенных вариантов"]}


# --- multiple -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("chosen", "cleaned"),
    [
        (["a", "b"], ["a", "b"]),
        (["d", "c", "b", "a"], ["a", "b", "c", "d"]),
        (["a", "a", "b"], ["a", "b"]),
        (["f", {"other": "юмор"}], ["f", {"other": "юмор"}]),
        (["a", "b", "c", {"other": "юмор"}], ["a", "b", "c", {"other": "юмор"}]),
    ],
)
def test_multiple_accepts_between_min_and_max_choices(chosen: list[Any], cleaned: list[Any]) -> None:
    result = validate_answers(INSTRUMENT, answers(evidence=chosen))
    assert isinstance(result, dict) and result["evidence"] == cleaned


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (["a", "b", "c", "d", "e"], "Выберите не больше 4 вариантов"),
        (["a", "b", "c", "d", {"other": "ещё"}], "Выберите не больше 4 вариантов"),
        (["a"], "Выберите не меньше 2 вариантов"),
        (["a", "z"], "Нет такого варианта: «z»"),
        (["a", {"other": ""}], OTHER_TEXT),
        (["a", {"other": "x"}, {"other": "y"}], "Вариант «Другое» можно указать один раз"),
        ("a", "Выберите варианты из списка"),
    ],
)
def test_multiple_refuses_bad_choices(chosen: Any, message: str) -> None:
    assert message in errors_of(answers(evidence=chosen))["evidence"]


def test_multiple_left_empty_is_a_missing_required_answer() -> None:
    assert errors_of(answers(evidence=[])) == {"evidence": [REQUIRED]}


# --- scale -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "cleaned"), [(1, 1), (4, 4), ("3", 3), (" 2 ", 2)])
def test_scale_accepts_the_range_ends_and_digit_strings(value: object, cleaned: int) -> None:
    result = validate_answers(INSTRUMENT, answers(r1=value, why="ясно"))
    assert isinstance(result, dict) and result["r1"] == cleaned


@pytest.mark.parametrize("value", [0, 5, -1, "пять", 2.5, True, [3]])
def test_scale_refuses_values_out_of_range(value: object) -> None:
    assert errors_of(answers(r1=value)) == {"r1": ["Ответ должен быть от 1 до 4"]}


# --- text ----------------------------------------------------------------------------------------


def test_text_longer_than_max_length_is_refused() -> None:
    assert errors_of(answers(comment="a" * 11)) == {"comment": ["Не больше 10 символов"]}


def test_text_of_exactly_max_length_is_accepted() -> None:
    result = validate_answers(INSTRUMENT, answers(comment="a" * 10))
    assert isinstance(result, dict) and result["comment"] == "a" * 10


def test_text_must_be_a_string() -> None:
    assert errors_of(answers(comment=5)) == {"comment": ["Ответ должен быть текстом"]}


def test_optional_blank_text_is_dropped() -> None:
    result = validate_answers(INSTRUMENT, answers(comment="   "))
    assert isinstance(result, dict) and "comment" not in result


# --- choose_k ------------------------------------------------------------------------------------

CHOOSE_K = "Нужно выбрать ровно 3 начала фраз и закончить каждую"


def test_choose_k_ignores_stems_left_blank_by_the_form() -> None:
    submitted = {"0": "урок", "1": "", "2": "ответу", "3": "  ", 4: "ещё"}
    result = validate_answers(INSTRUMENT, answers(phrases=submitted))
    assert isinstance(result, dict) and result["phrases"] == {"0": "урок", "2": "ответу", "4": "ещё"}


@pytest.mark.parametrize(
    "phrases",
    [
        {"0": "урок", "2": "ответу"},
        {"0": "урок", "1": "много", "2": "ответу", "4": "ещё"},
        {"0": "урок", "2": "ответу", "4": ""},
        ["урок", "ответу", "ещё"],
        {"0": "урок", "2": "ответу", "4": 5},
    ],
)
def test_choose_k_needs_exactly_k_completed_stems(phrases: object) -> None:
    assert errors_of(answers(phrases=phrases)) == {"phrases": [CHOOSE_K]}


@pytest.mark.parametrize("key", ["5", "-1", "первый"])
def test_choose_k_refuses_an_unknown_stem(key: str) -> None:
    assert errors_of(answers(phrases={"0": "урок", "2": "ответу", key: "ещё"})) == {
        "phrases": ["Нет такого начала фразы"]
    }


def test_choose_k_with_nothing_completed_is_a_missing_required_answer() -> None:
    assert errors_of(answers(phrases={"0": "", "1": " "})) == {"phrases": [REQUIRED]}


def test_choose_k_of_one_says_it_in_the_singular() -> None:
    question = {"id": "p", "type": "choose_k", "text": "?", "stems": ["А…", "Б…"], "k": 1}
    instrument = parse_instrument({**DEFINITION, "sections": [{"questions": [question]}]})
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(instrument, {"p": {"0": "а", "1": "б"}})
    assert caught.value.errors == {"p": ["Нужно выбрать ровно 1 начало фразы и закончить его"]}


# --- matrix ---------------------------------------------------------------------------------------


def test_matrix_accepts_cells_in_range_sorted_and_deduplicated() -> None:
    result = validate_answers(INSTRUMENT, answers(bingo=[[3, 3], [0, 1], (0, 1)]))
    assert isinstance(result, dict) and result["bingo"] == [[0, 1], [3, 3]]


@pytest.mark.parametrize("cell", [[4, 0], [0, 4], [-1, 0], [0], "0-1", [True, 0], [0.0, 1]])
def test_matrix_refuses_cells_outside_the_grid(cell: object) -> None:
    assert errors_of(answers(bingo=[[0, 0], cell]))["bingo"][0].startswith("Нет такой клетки в таблице")


def test_matrix_needs_min_marks() -> None:
    assert errors_of(answers(bingo=[[0, 0]])) == {"bingo": ["Отметьте не меньше 2 клеток"]}


# --- conditions (show_if) ---------------------------------------------------------------------


def test_any_le_shows_the_explanation_when_any_answer_is_at_most_the_limit() -> None:
    assert errors_of(answers(r2=3)) == {"why": [REQUIRED]}
    result = validate_answers(INSTRUMENT, answers(r2=3, why="Сложные задания"))
    assert isinstance(result, dict) and result["why"] == "Сложные задания"


def test_any_le_hides_the_explanation_when_every_answer_is_above_the_limit() -> None:
    result = validate_answers(INSTRUMENT, answers(why="не нужно"))
    assert isinstance(result, dict) and "why" not in result


def test_equals_hides_a_question_and_drops_its_answer() -> None:
    result = validate_answers(INSTRUMENT, answers(role="student"))
    assert isinstance(result, dict) and "subject" not in result


def test_equals_shows_and_requires_the_question() -> None:
    assert errors_of(answers(subject=...)) == {"subject": [REQUIRED]}


def test_in_shows_an_optional_question_that_keeps_its_answer() -> None:
    result = validate_answers(INSTRUMENT, answers(role="student", subject=..., grade="7"))
    assert isinstance(result, dict) and result["grade"] == 7
    hidden = validate_answers(INSTRUMENT, answers(grade=7))
    assert isinstance(hidden, dict) and "grade" not in hidden


def test_a_hidden_question_is_not_checked_at_all() -> None:
    result = validate_answers(INSTRUMENT, answers(role="student", subject=["not", "text"]))
    assert isinstance(result, dict) and "subject" not in result


def test_a_condition_on_an_invalid_answer_does_not_show_the_question() -> None:
    assert errors_of(answers(r1=0, r2=4)) == {"r1": ["Ответ должен быть от 1 до 4"]}


def test_visible_questions_follow_raw_form_answers() -> None:
    shown = [q.id for q in visible_questions(INSTRUMENT, {"role": "student", "r1": "2"})]
    assert "why" in shown and "grade" in shown and "subject" not in shown


# --- required and unknown ------------------------------------------------------------------


def test_every_missing_required_answer_is_reported_at_once() -> None:
    assert errors_of({"consent": "yes"}) == {
        "role": [REQUIRED],
        "evidence": [REQUIRED],
        "r1": [REQUIRED],
        "r2": [REQUIRED],
        "phrases": [REQUIRED],
    }


def test_an_unknown_question_id_is_refused() -> None:
    assert errors_of(answers(q99="x")) == {"q99": ["В анкете нет такого вопроса"]}


def test_answer_errors_read_as_one_message() -> None:
    assert str(AnswerErrors({"r1": ["Ответ должен быть от 1 до 4"]})) == "r1: Ответ должен быть от 1 до 4"
