"""Check one respondent's answers against an instrument.

``validate_answers`` walks the questions in file order, so a condition (``show_if``) sees the
cleaned answers of the questions before it. A hidden question is never required and its answer
is dropped; an answer to a question the instrument does not have is an error; a consent
question answered «no» ends everything: the result is a ``Refusal`` and no answer is kept.

Answer shapes (SCHEMA.md), as they arrive from a form or JSON:

- ``single``: an option value, or ``{"other": "text"}``;
- ``multiple``: a list of option values, optionally with one ``{"other": "text"}``;
- ``scale``: an integer (or its decimal string);
- ``text``: a string;
- ``choose_k``: ``{"<stem index, 0-based>": "completion"}`` — a stem counts as chosen when its
  completion is not blank, so a form may send every stem;
- ``matrix``: a list of ``[row, col]`` cells, 0-based;
- ``consent``: ``"yes"`` or ``"no"``.

Cleaned answers are JSON-ready: strings stripped, lists deduplicated in option/grid order,
``choose_k`` keys as strings in index order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeAlias

from nastavnik.engines.instruments.schema import Condition, Instrument, Question, plural, quote

Answer: TypeAlias = str | int | dict[str, str] | list[str | dict[str, str]] | list[list[int]]

REQUIRED = "Это обязательный вопрос"
OTHER_TEXT = "Укажите, что именно (вариант «Другое»)"
UNKNOWN_QUESTION = "В анкете нет такого вопроса"
CHOOSE_ONE = "Выберите один из предложенных вариантов"

_INTEGER = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True, slots=True)
class Refusal:
    """The respondent answered «no» to the consent question ``question``: keep only this."""

    question: str


class AnswerErrors(ValueError):
    """The answers break the instrument; ``errors`` maps a question id to Russian messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{key}: {' '.join(messages)}" for key, messages in errors.items()))
        self.errors = errors


class _Invalid(Exception):
    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def validate_answers(instrument: Instrument, answers: Mapping[str, object]) -> dict[str, Answer] | Refusal:
    """Return the cleaned answers (visible, answered questions only) or a ``Refusal``.

    Raises ``AnswerErrors`` with every problem found: required questions left blank, values
    out of range or not offered, unknown question ids. A consent «no» wins over any error.
    """
    cleaned: dict[str, Answer] = {}
    errors: dict[str, list[str]] = {}
    for question in instrument.questions:
        if question.show_if is not None and not is_shown(question.show_if, cleaned):
            continue
        try:
            value = None if _is_blank(answers.get(question.id)) else _clean_answer(question, answers[question.id])
        except _Invalid as invalid:
            errors[question.id] = invalid.messages
            continue
        if value is None:
            if question.required:
                errors[question.id] = [REQUIRED]
            continue
        if question.type == "consent" and value == "no":
            return Refusal(question.id)
        cleaned[question.id] = value
    known = {question.id for question in instrument.questions}
    for key in answers:
        if key not in known:
            errors[str(key)] = [UNKNOWN_QUESTION]
    if errors:
        raise AnswerErrors(errors)
    return cleaned


def is_shown(condition: Condition, answers: Mapping[str, object]) -> bool:
    """Whether a question with this ``show_if`` is shown, given the (cleaned) earlier answers."""
    if condition.kind == "any_le":
        limit = condition.limit if condition.limit is not None else 0
        numbers = [answers.get(name) for name in condition.questions]
        return any(isinstance(value, int) and not isinstance(value, bool) and value <= limit for value in numbers)
    value = answers.get(condition.questions[0])
    chosen: list[object] = list(value) if isinstance(value, list) else [value]
    return any(item in condition.values for item in chosen if isinstance(item, str | int))


def visible_questions(instrument: Instrument, answers: Mapping[str, object]) -> tuple[Question, ...]:
    """The questions shown for these (raw, possibly invalid) answers, e.g. to re-render a form."""
    shown: list[Question] = []
    seen: dict[str, object] = {}
    for question in instrument.questions:
        if question.show_if is not None and not is_shown(question.show_if, seen):
            continue
        shown.append(question)
        try:
            raw = answers.get(question.id)
            seen[question.id] = None if _is_blank(raw) else _clean_answer(question, raw)
        except _Invalid:
            continue
    return tuple(shown)


def _clean_answer(question: Question, raw: object) -> Answer | None:
    """Check one non-blank answer; None means it holds nothing (e.g. no stem completed).

    Raises an internal error carrying Russian messages; ``validate_answers`` collects them.
    """
    return _CLEANERS[question.type](question, raw)


# --- one cleaner per type ----------------------------------------------------------------


def _single(question: Question, raw: object) -> Answer:
    if isinstance(raw, Mapping):
        if question.other and set(raw) == {"other"}:
            return _other(question, raw["other"])
        raise _Invalid(CHOOSE_ONE)
    return _option(question, raw, CHOOSE_ONE)


def _multiple(question: Question, raw: object) -> Answer:
    if not isinstance(raw, list | tuple):
        raise _Invalid("Выберите варианты из списка")
    values: set[str] = set()
    others: list[dict[str, str]] = []
    messages: list[str] = []
    for item in raw:
        try:
            if isinstance(item, Mapping):
                if not (question.other and set(item) == {"other"}):
                    raise _Invalid("Вариант «Другое» здесь не предусмотрен")
                others.append(_other(question, item["other"]))
            else:
                values.add(_option(question, item, f"Нет такого варианта: {quote(item)}"))
        except _Invalid as invalid:
            messages += invalid.messages
    if len(others) > 1:
        messages.append("Вариант «Другое» можно указать один раз")
    count = len(values) + len(others)
    if question.max_choices is not None and count > question.max_choices:
        messages.append(f"Выберите не больше {_options_count(question.max_choices)}")
    if question.min_choices is not None and count < question.min_choices:
        messages.append(f"Выберите не меньше {_options_count(question.min_choices)}")
    if messages:
        raise _Invalid(*dict.fromkeys(messages))
    chosen: list[str | dict[str, str]] = [value for value in question.option_values if value in values]
    return chosen + list(others)


def _scale(question: Question, raw: object) -> Answer:
    low, high = question.min_value, question.max_value
    value = _integer(raw)
    if value is None or low is None or high is None or not low <= value <= high:
        raise _Invalid(f"Ответ должен быть от {low} до {high}")
    return value


def _text(question: Question, raw: object) -> Answer:
    if not isinstance(raw, str):
        raise _Invalid("Ответ должен быть текстом")
    return _limited(raw.strip(), question.max_length)


def _choose_k(question: Question, raw: object) -> Answer | None:
    k = question.k or 0
    wrong = _Invalid(
        "Нужно выбрать ровно 1 начало фразы и закончить его"
        if k == 1
        else f"Нужно выбрать ровно {k} {plural(k, 'начало', 'начала', 'начал')} фраз и закончить каждую"
    )
    if not isinstance(raw, Mapping):
        raise wrong
    completed: dict[int, str] = {}
    for key, completion in raw.items():
        index = _integer(key)
        if index is None or not 0 <= index < len(question.stems) or index in completed:
            raise _Invalid("Нет такого начала фразы")
        if not isinstance(completion, str):
            raise wrong
        if completion.strip():
            completed[index] = _limited(completion.strip(), question.max_length)
    if not completed:
        return None
    if len(completed) != k:
        raise wrong
    return {str(index): completed[index] for index in sorted(completed)}


def _matrix(question: Question, raw: object) -> Answer:
    if not isinstance(raw, list | tuple):
        raise _Invalid("Отметьте клетки таблицы")
    marked: set[tuple[int, int]] = set()
    for cell in raw:
        row, col = _cell(cell)
        if row is None or col is None or not 0 <= row < len(question.grid) or not 0 <= col < len(question.grid[row]):
            raise _Invalid(f"Нет такой клетки в таблице: {quote(cell)}")
        marked.add((row, col))
    if question.min_marks is not None and len(marked) < question.min_marks:
        cells = plural(question.min_marks, "клетки", "клеток", "клеток")
        raise _Invalid(f"Отметьте не меньше {question.min_marks} {cells}")
    return [[row, col] for row, col in sorted(marked)]


def _consent(question: Question, raw: object) -> Answer:
    if isinstance(raw, str) and raw in question.option_values:
        return raw
    labels = " или ".join(quote(option.label) for option in question.options)
    raise _Invalid(f"Выберите {labels}")


_CLEANERS = {
    "single": _single,
    "multiple": _multiple,
    "scale": _scale,
    "text": _text,
    "choose_k": _choose_k,
    "matrix": _matrix,
    "consent": _consent,
}


# --- small helpers --------------------------------------------------------------------------


def _is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    return isinstance(raw, list | tuple | Mapping) and len(raw) == 0


def _integer(raw: object) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _INTEGER.fullmatch(raw.strip()):
        return int(raw.strip())
    return None


def _option(question: Question, raw: object, message: str) -> str:
    if isinstance(raw, str | int) and not isinstance(raw, bool) and str(raw) in question.option_values:
        return str(raw)
    raise _Invalid(message)


def _other(question: Question, text: object) -> dict[str, str]:
    if not isinstance(text, str) or not text.strip():
        raise _Invalid(OTHER_TEXT)
    return {"other": _limited(text.strip(), question.max_length)}


def _limited(text: str, limit: int) -> str:
    if len(text) > limit:
        raise _Invalid(f"Не больше {limit} {plural(limit, 'символа', 'символов', 'символов')}")
    return text


def _options_count(n: int) -> str:
    return f"{n} {plural(n, 'варианта', 'вариантов', 'вариантов')}"


def _cell(cell: object) -> tuple[int | None, int | None]:
    if isinstance(cell, list | tuple) and len(cell) == 2:
        row, col = cell
        if isinstance(row, int) and isinstance(col, int) and not isinstance(row, bool) and not isinstance(col, bool):
            return row, col
    return None, None
