"""Questions of each type and their ``show_if`` conditions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

from nastavnik.engines.instruments.schema.model import (
    CONSENT_VALUES,
    DEFAULT_TEXT_LENGTH,
    ID_RE,
    QUESTION_TYPES,
    Condition,
    InstrumentError,
    Option,
    Question,
    QuestionType,
    quote,
)
from nastavnik.engines.instruments.schema.reader import Node, choice_value, describe, join_path, text_value

_COMMON_QUESTION_KEYS = frozenset({"id", "type", "text", "required", "help", "show_if"})
_TYPE_KEYS: dict[str, frozenset[str]] = {
    "single": frozenset({"options", "other"}),
    "multiple": frozenset({"options", "other", "min_choices", "max_choices"}),
    "scale": frozenset({"min", "max", "labels"}),
    "text": frozenset({"max_length"}),
    "choose_k": frozenset({"stems", "k"}),
    "matrix": frozenset({"grid", "min_marks"}),
    "consent": frozenset({"options"}),
}


def _options(node: Node, key: str = "options") -> tuple[Option, ...]:
    options: list[Option] = []
    seen: dict[str, str] = {}
    for where, item in node.items(key):
        option = Node(item, where)
        option.only(frozenset({"value", "label"}))
        value = choice_value(option.raw("value"), option.at("value"))
        if value in seen:
            raise InstrumentError(option.at("value"), f"значение {quote(value)} уже есть в {seen[value]}")
        seen[value] = where
        options.append(Option(value=value, label=option.text("label")))
    return tuple(options)


def _choice_limits(node: Node, choices: int) -> tuple[int | None, int | None]:
    low = node.optional_integer("min_choices", minimum=1)
    high = node.optional_integer("max_choices", minimum=1)
    for key, limit in (("min_choices", low), ("max_choices", high)):
        if limit is not None and limit > choices:
            raise InstrumentError(node.at(key), f"{limit} больше числа вариантов ({choices})")
    if low is not None and high is not None and low > high:
        raise InstrumentError(node.at("min_choices"), f"{low} больше max_choices ({high})")
    return low, high


def _scale_labels(node: Node, low: int, high: int) -> tuple[tuple[int, str], ...]:
    if not node.has("labels"):
        return ()
    labels = Node(node.data["labels"], node.at("labels"))
    result: dict[int, str] = {}
    for key, label in labels.data.items():
        where = labels.at(str(key))
        # JSON (the database copy) turns integer keys into strings: accept both.
        if isinstance(key, str) and re.fullmatch(r"-?[0-9]+", key.strip()):
            key = int(key)
        if isinstance(key, bool) or not isinstance(key, int):
            raise InstrumentError(where, "ключ подписи должен быть целым числом — точкой шкалы")
        if not low <= key <= high:
            raise InstrumentError(where, f"точки {key} нет на шкале {low}–{high}")
        result[key] = text_value(label, where)
    return tuple(sorted(result.items()))


def _stems(node: Node) -> tuple[str, ...]:
    return tuple(text_value(item, where) for where, item in node.items("stems"))


def _grid(node: Node) -> tuple[tuple[str, ...], ...]:
    rows = []
    for where, row in node.items("grid"):
        if not isinstance(row, list) or not row:
            raise InstrumentError(where, f"строка таблицы должна быть непустым списком, получено: {describe(row)}")
        rows.append(tuple(text_value(cell, join_path(where, index)) for index, cell in enumerate(row)))
    return tuple(rows)


def _consent_options(node: Node) -> tuple[Option, ...]:
    if not node.has("options"):
        return (Option("yes", "Да"), Option("no", "Нет"))
    options = _options(node)
    if sorted(option.value for option in options) != sorted(CONSENT_VALUES):
        raise InstrumentError(node.at("options"), "у согласия ровно два варианта: значения «yes» и «no»")
    return options


def parse_question(node: Node) -> Question:
    """One question without its ``show_if`` (the caller adds it)."""
    question_id = node.text("id")
    if not ID_RE.fullmatch(question_id):
        raise InstrumentError(node.at("id"), f"{quote(question_id)}: нужны латинские строчные буквы, цифры и _")
    kind = node.text("type")
    if kind not in QUESTION_TYPES:
        raise InstrumentError(node.at("type"), f"неизвестный тип {quote(kind)}; есть: {', '.join(QUESTION_TYPES)}")
    node.only(_COMMON_QUESTION_KEYS | _TYPE_KEYS[kind])
    common: dict[str, Any] = {
        "id": question_id,
        "type": cast(QuestionType, kind),
        "text": node.text("text"),
        "required": node.flag("required", True),
        "help": node.text("help", ""),
    }
    return Question(**common, **_type_fields(node, kind))


def _type_fields(node: Node, kind: str) -> dict[str, Any]:
    if kind in {"single", "multiple"}:
        options = _options(node)
        other = node.flag("other", False)
        fields: dict[str, Any] = {"options": options, "other": other}
        if kind == "multiple":
            fields["min_choices"], fields["max_choices"] = _choice_limits(node, len(options) + int(other))
        return fields
    if kind == "scale":
        low, high = node.integer("min"), node.integer("max")
        if low >= high:
            raise InstrumentError(node.at("max"), f"должно быть больше min ({low}), получено {high}")
        return {"min_value": low, "max_value": high, "labels": _scale_labels(node, low, high)}
    if kind == "text":
        return {"max_length": node.optional_integer("max_length", minimum=1) or DEFAULT_TEXT_LENGTH}
    if kind == "choose_k":
        stems, k = _stems(node), node.integer("k", minimum=1)
        if k > len(stems):
            raise InstrumentError(node.at("k"), f"{k} больше числа начал фраз ({len(stems)})")
        return {"stems": stems, "k": k}
    if kind == "matrix":
        grid = _grid(node)
        min_marks = node.optional_integer("min_marks", minimum=0)
        cells = sum(len(row) for row in grid)
        if min_marks is not None and min_marks > cells:
            raise InstrumentError(node.at("min_marks"), f"{min_marks} больше числа клеток ({cells})")
        return {"grid": grid, "min_marks": min_marks}
    return {"options": _consent_options(node)}


# --- conditions ----------------------------------------------------------------------------


def parse_condition(node: Node, earlier: Mapping[str, Question]) -> Condition:
    """A ``show_if`` that refers only to ``earlier`` questions (by id)."""
    shapes = ({"question", "equals"}, {"question", "in"}, {"questions", "any_le"})
    keys = {str(key) for key in node.data}
    if keys not in shapes:
        raise InstrumentError(node.where, "ожидается {question, equals}, {question, in} или {questions, any_le}")
    if "any_le" in keys:
        limit = node.integer("any_le")
        names = [(where, text_value(item, where)) for where, item in node.items("questions")]
        for where, name in names:
            if _referenced(name, where, earlier).type != "scale":
                raise InstrumentError(where, f"any_le сравнивает только ответы-шкалы, а {quote(name)} — не шкала")
        return Condition("any_le", tuple(name for _, name in names), limit=limit)
    name = node.text("question")
    target = _referenced(name, node.at("question"), earlier)
    if "equals" in keys:
        return Condition("equals", (name,), (_condition_value(node.data["equals"], node.at("equals"), target),))
    listed = node.items("in")
    return Condition("in", (name,), tuple(_condition_value(item, where, target) for where, item in listed))


def _referenced(name: str, where: str, earlier: Mapping[str, Question]) -> Question:
    if name not in earlier:
        raise InstrumentError(where, f"нет более раннего вопроса {quote(name)} (условие ссылается только назад)")
    return earlier[name]


def _condition_value(value: object, where: str, target: Question) -> str | int:
    if target.type == "scale":
        low, high = target.min_value, target.max_value
        if isinstance(value, bool) or not isinstance(value, int) or not (cast(int, low) <= value <= cast(int, high)):
            raise InstrumentError(where, f"ожидается точка шкалы {low}–{high}, получено: {describe(value)}")
        return value
    if not target.options:
        raise InstrumentError(
            where, f"условие ставится на вопрос с вариантами или шкалой, а {target.id} — {target.type}"
        )
    text = choice_value(value, where)
    if text not in target.option_values:
        raise InstrumentError(where, f"у вопроса {target.id} нет варианта {quote(text)}")
    return text
