"""Instrument files (``surveys/instruments/*.yaml``, see SCHEMA.md) as frozen dataclasses.

``parse_instrument`` checks the whole mapping — keys, types, ranges, references between
questions, the scoring key — and raises ``InstrumentError`` naming the bad element by its
path, e.g. ``sections[0].questions[3].max_choices: …``. Unknown keys are errors too: a typo
such as ``max_choice`` would otherwise silently drop a limit.

Option values are kept as strings (an integer ``value: 1`` becomes ``"1"``), because answers
arrive from web forms and JSON as strings; scale answers and ``equals`` on a scale are integers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast

import yaml

QuestionType: TypeAlias = Literal["single", "multiple", "scale", "text", "choose_k", "matrix", "consent"]
BandName: TypeAlias = Literal["low", "middle", "high"]
ConditionKind: TypeAlias = Literal["equals", "in", "any_le"]

QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multiple", "scale", "text", "choose_k", "matrix", "consent")
AUDIENCES = ("student", "teacher", "mentor", "mentee", "curator", "director", "parent", "any")
BAND_NAMES: tuple[BandName, ...] = ("low", "middle", "high")
DEFAULT_TEXT_LENGTH = 2000
CONSENT_VALUES = ("yes", "no")

CODE_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ID_RE = re.compile(r"[a-z][a-z0-9_]*")

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
_TOP_KEYS = frozenset(
    {
        "code",
        "version",
        "title",
        "source",
        "default_text",
        "audience",
        "min_age",
        "once_per_year",
        "anonymous",
        "intro",
        "outro",
        "sections",
        "scoring",
    }
)


class InstrumentError(ValueError):
    """An instrument file breaks SCHEMA.md.

    ``where`` is the path of the bad element (``sections[0].questions[3].max_choices``,
    empty for the file as a whole), ``problem`` says what is wrong in Russian.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


def plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian word form for ``n``: plural(21, "год", "года", "лет") == "год"."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def quote(value: object) -> str:
    """Quote a value the Russian way for a message: «q7»."""
    return f"«{value}»"


# --- the dataclasses ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of a ``single``, ``multiple`` or ``consent`` question."""

    value: str
    label: str


@dataclass(frozen=True, slots=True)
class Condition:
    """``show_if``: the question is shown only when this holds for the earlier answers.

    ``equals``/``in`` look at ``questions[0]`` and hold when its answer (or, for a multiple
    choice, any chosen value) is one of ``values``; ``any_le`` holds when any of ``questions``
    was answered with a number ≤ ``limit``.
    """

    kind: ConditionKind
    questions: tuple[str, ...]
    values: tuple[str | int, ...] = ()
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question; the keys that do not belong to its ``type`` keep their defaults."""

    id: str
    type: QuestionType
    text: str
    required: bool = True
    help: str = ""
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    other: bool = False
    min_choices: int | None = None
    max_choices: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    labels: tuple[tuple[int, str], ...] = ()
    max_length: int = DEFAULT_TEXT_LENGTH
    stems: tuple[str, ...] = ()
    k: int | None = None
    grid: tuple[tuple[str, ...], ...] = ()
    min_marks: int | None = None

    @property
    def option_values(self) -> tuple[str, ...]:
        """The values of ``options`` in file order."""
        return tuple(option.value for option in self.options)

    def scale_points(self) -> tuple[tuple[int, str], ...]:
        """Every point of a scale question with its label ("" where the file gives none)."""
        if self.min_value is None or self.max_value is None:
            return ()
        labels = dict(self.labels)
        return tuple((point, labels.get(point, "")) for point in range(self.min_value, self.max_value + 1))


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of questions with an optional instruction."""

    questions: tuple[Question, ...]
    title: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Band:
    """An interpretation band of a scale: ``lowest``…``highest`` inclusive, None = unbounded.

    In the file: ``above: N`` (> N), ``from: A, to: B`` (A…B) or ``below: N`` (< N), so that
    a boundary value named by two bands belongs to the one written with from/to.
    """

    band: BandName
    text: str
    lowest: int | None
    highest: int | None
    range_text: str = ""  # the source's printed range («13-24 балла»), shown next to the band

    def contains(self, score: int) -> bool:
        """Whether ``score`` falls into this band."""
        return (self.lowest is None or score >= self.lowest) and (self.highest is None or score <= self.highest)


@dataclass(frozen=True, slots=True)
class Scale:
    """A scale of the key: signed sum of ``items``, where those in ``negative`` are subtracted."""

    slug: str
    name: str
    items: tuple[str, ...]
    negative: frozenset[str]
    bands: tuple[Band, ...]  # ascending: low … high; () for a scale reported as a bare score
    lower_is_better: bool = False  # `better: lower`: a fall is the desired change (anxiety)
    definition: str = ""  # what the scale measures, in the source's words


@dataclass(frozen=True, slots=True)
class Scoring:
    """The ``scoring`` block (only ``kind: scales`` exists)."""

    kind: Literal["scales"]
    scales: tuple[Scale, ...]


@dataclass(frozen=True, slots=True)
class Instrument:
    """One version of a questionnaire, as written in its file."""

    code: str
    version: int
    title: str
    source: str
    audience: str
    sections: tuple[Section, ...]
    default_text: bool = False
    min_age: int | None = None
    once_per_year: bool = False
    anonymous: bool = False
    intro: str = ""
    outro: str = ""
    scoring: Scoring | None = None

    @property
    def questions(self) -> tuple[Question, ...]:
        """All questions in file order."""
        return tuple(question for section in self.sections for question in section.questions)

    def question(self, question_id: str) -> Question:
        """The question with this id (KeyError if there is none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)


# --- reading a mapping with paths -------------------------------------------------------


def _describe(value: object) -> str:
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return f"логическое значение {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"целое число {value}"
    if isinstance(value, float):
        return f"число {value}"
    if isinstance(value, str):
        return f"строка «{value}»"
    if isinstance(value, Mapping):
        return "словарь"
    if isinstance(value, list | tuple):
        return "список"
    return type(value).__name__


def _join(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


class _Node:
    """A mapping of the file together with its path, for precise error messages."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise InstrumentError(where, f"ожидается словарь (ключ: значение), получено: {_describe(data)}")
        self.data: Mapping[Any, Any] = data
        self.where = where

    def at(self, key: str) -> str:
        return _join(self.where, key)

    def only(self, allowed: frozenset[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise InstrumentError(self.at(str(key)), "неизвестный ключ")

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> object:
        if not self.has(key):
            raise InstrumentError(self.at(key), "отсутствует обязательный ключ")
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and (not self.has(key) or self.data[key] == ""):
            return default
        value = self.raw(key)
        if not isinstance(value, str):
            raise InstrumentError(self.at(key), f"ожидается строка, получено: {_describe(value)}")
        if not value.strip():
            raise InstrumentError(self.at(key), "пустая строка")
        return value

    def integer(self, key: str, minimum: int | None = None) -> int:
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InstrumentError(self.at(key), f"ожидается целое число, получено: {_describe(value)}")
        if minimum is not None and value < minimum:
            raise InstrumentError(self.at(key), f"должно быть не меньше {minimum}, получено {value}")
        return value

    def optional_integer(self, key: str, minimum: int | None = None) -> int | None:
        return self.integer(key, minimum) if self.has(key) else None

    def flag(self, key: str, default: bool) -> bool:
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise InstrumentError(self.at(key), f"ожидается true или false, получено: {_describe(value)}")
        return value

    def items(self, key: str) -> list[tuple[str, object]]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise InstrumentError(self.at(key), f"ожидается список, получено: {_describe(value)}")
        if not value:
            raise InstrumentError(self.at(key), "пустой список")
        return [(_join(self.at(key), index), item) for index, item in enumerate(value)]


def _string(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise InstrumentError(where, f"ожидается строка, получено: {_describe(value)}")
    if not value.strip():
        raise InstrumentError(where, "пустая строка")
    return value


def _choice_value(value: object, where: str) -> str:
    # YAML 1.1 reads bare yes/no as booleans: say so, it is the likeliest cause.
    if isinstance(value, bool):
        raise InstrumentError(where, "логическое значение вместо строки: yes/no в YAML берите в кавычки")
    if isinstance(value, int):
        return str(value)
    return _string(value, where)


# --- questions -----------------------------------------------------------------------------


def _options(node: _Node, key: str = "options") -> tuple[Option, ...]:
    options: list[Option] = []
    seen: dict[str, str] = {}
    for where, item in node.items(key):
        option = _Node(item, where)
        option.only(frozenset({"value", "label"}))
        value = _choice_value(option.raw("value"), option.at("value"))
        if value in seen:
            raise InstrumentError(option.at("value"), f"значение {quote(value)} уже есть в {seen[value]}")
        seen[value] = where
        options.append(Option(value=value, label=option.text("label")))
    return tuple(options)


def _choice_limits(node: _Node, choices: int) -> tuple[int | None, int | None]:
    low = node.optional_integer("min_choices", minimum=1)
    high = node.optional_integer("max_choices", minimum=1)
    for key, limit in (("min_choices", low), ("max_choices", high)):
        if limit is not None and limit > choices:
            raise InstrumentError(node.at(key), f"{limit} больше числа вариантов ({choices})")
    if low is not None and high is not None and low > high:
        raise InstrumentError(node.at("min_choices"), f"{low} больше max_choices ({high})")
    return low, high


def _scale_labels(node: _Node, low: int, high: int) -> tuple[tuple[int, str], ...]:
    if not node.has("labels"):
        return ()
    labels = _Node(node.data["labels"], node.at("labels"))
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
        result[key] = _string(label, where)
    return tuple(sorted(result.items()))


def _stems(node: _Node) -> tuple[str, ...]:
    return tuple(_string(item, where) for where, item in node.items("stems"))


def _grid(node: _Node) -> tuple[tuple[str, ...], ...]:
    rows = []
    for where, row in node.items("grid"):
        if not isinstance(row, list) or not row:
            raise InstrumentError(where, f"строка таблицы должна быть непустым списком, получено: {_describe(row)}")
        rows.append(tuple(_string(cell, _join(where, index)) for index, cell in enumerate(row)))
    return tuple(rows)


def _consent_options(node: _Node) -> tuple[Option, ...]:
    if not node.has("options"):
        return (Option("yes", "Да"), Option("no", "Нет"))
    options = _options(node)
    if sorted(option.value for option in options) != sorted(CONSENT_VALUES):
        raise InstrumentError(node.at("options"), "у согласия ровно два варианта: значения «yes» и «no»")
    return options


def _question(node: _Node) -> Question:
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


def _type_fields(node: _Node, kind: str) -> dict[str, Any]:
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


def _condition(node: _Node, earlier: Mapping[str, Question]) -> Condition:
    shapes = ({"question", "equals"}, {"question", "in"}, {"questions", "any_le"})
    keys = {str(key) for key in node.data}
    if keys not in shapes:
        raise InstrumentError(node.where, "ожидается {question, equals}, {question, in} или {questions, any_le}")
    if "any_le" in keys:
        limit = node.integer("any_le")
        names = [(where, _string(item, where)) for where, item in node.items("questions")]
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
            raise InstrumentError(where, f"ожидается точка шкалы {low}–{high}, получено: {_describe(value)}")
        return value
    if not target.options:
        raise InstrumentError(
            where, f"условие ставится на вопрос с вариантами или шкалой, а {target.id} — {target.type}"
        )
    text = _choice_value(value, where)
    if text not in target.option_values:
        raise InstrumentError(where, f"у вопроса {target.id} нет варианта {quote(text)}")
    return text


# --- scoring -------------------------------------------------------------------------------


def _band(node: _Node) -> Band:
    node.only(frozenset({"band", "text", "above", "from", "to", "below", "range"}))
    name = node.text("band")
    if name not in BAND_NAMES:
        raise InstrumentError(node.at("band"), f"ожидается high, middle или low, получено {quote(name)}")
    bounds = {str(key) for key in node.data} & {"above", "from", "to", "below"}
    if bounds == {"above"}:
        lowest, highest = node.integer("above") + 1, None
    elif bounds == {"below"}:
        lowest, highest = None, node.integer("below") - 1
    elif bounds == {"from", "to"}:
        lowest, highest = node.integer("from"), node.integer("to")
        if lowest > highest:
            raise InstrumentError(node.at("to"), f"меньше from ({lowest})")
    else:
        raise InstrumentError(node.where, "границы полосы: либо above, либо from и to, либо below")
    range_text = node.text("range") if node.has("range") else ""
    return Band(cast(BandName, name), node.text("text"), lowest, highest, range_text)


def _bands(node: _Node) -> tuple[Band, ...]:
    bands = [(where, _band(_Node(item, where))) for where, item in node.items("bands")]
    ordered = sorted(bands, key=lambda pair: (pair[1].lowest is not None, pair[1].lowest or 0))
    where_bands = node.at("bands")
    if ordered[0][1].lowest is not None or ordered[-1][1].highest is not None:
        raise InstrumentError(where_bands, "полосы должны покрывать все баллы: нужны полосы с below и с above")
    for (_, before), (where, after) in itertools.pairwise(ordered):
        if before.highest is None or after.lowest != before.highest + 1:
            raise InstrumentError(where, f"пропуск или наложение баллов после {before.highest} (полоса {before.band})")
        if BAND_NAMES.index(after.band) <= BAND_NAMES.index(before.band):
            raise InstrumentError(
                where, f"полоса {after.band} выше по баллам, чем {before.band}: порядок low, middle, high"
            )
    return tuple(band for _, band in ordered)


def _id_list(node: _Node, key: str, scales: Mapping[str, Question]) -> tuple[str, ...]:
    names: list[str] = []
    for where, item in node.items(key):
        name = _string(item, where)
        if name not in scales:
            raise InstrumentError(where, f"нет вопроса-шкалы {quote(name)}")
        # Checked answers must always be scorable: no optional or conditional item in a key.
        if not scales[name].required or scales[name].show_if is not None:
            raise InstrumentError(where, f"вопрос {quote(name)} в ключе должен быть обязательным и без условия")
        if name in names:
            raise InstrumentError(where, f"{quote(name)} повторяется")
        names.append(name)
    return tuple(names)


def _scale(node: _Node, scales: Mapping[str, Question]) -> Scale:
    node.only(frozenset({"slug", "name", "items", "negative", "bands", "better", "definition"}))
    slug = node.text("slug")
    if not ID_RE.fullmatch(slug):
        raise InstrumentError(node.at("slug"), f"{quote(slug)}: нужны латинские строчные буквы, цифры и _")
    items = _id_list(node, "items", scales)
    negative = _id_list(node, "negative", scales) if node.has("negative") and node.data["negative"] != [] else ()
    for index, name in enumerate(negative):
        if name not in items:
            raise InstrumentError(_join(node.at("negative"), index), f"{quote(name)} нет в items этой шкалы")
    # A scale without bands (e.g. before/after self-assessment) is reported as a bare score.
    bands = _bands(node) if node.has("bands") and node.data["bands"] != [] else ()
    better = node.text("better") if node.has("better") else "higher"
    if better not in {"higher", "lower"}:
        raise InstrumentError(node.at("better"), "better: нужно higher или lower")
    definition = node.text("definition") if node.has("definition") else ""
    return Scale(slug, node.text("name"), items, frozenset(negative), bands, better == "lower", definition)


def _scoring(node: _Node, questions: Sequence[Question]) -> Scoring:
    node.only(frozenset({"kind", "scales"}))
    if node.text("kind") != "scales":
        raise InstrumentError(node.at("kind"), "известен только kind: scales")
    scale_questions = {question.id: question for question in questions if question.type == "scale"}
    scales: list[Scale] = []
    for where, item in node.items("scales"):
        scale = _scale(_Node(item, where), scale_questions)
        if any(other.slug == scale.slug for other in scales):
            raise InstrumentError(_join(where, "slug"), f"шкала {quote(scale.slug)} уже есть")
        scales.append(scale)
    return Scoring("scales", tuple(scales))


# --- the instrument --------------------------------------------------------------------------


def _sections(root: _Node) -> tuple[Section, ...]:
    sections: list[Section] = []
    seen: dict[str, Question] = {}
    for where, item in root.items("sections"):
        node = _Node(item, where)
        node.only(frozenset({"title", "text", "questions"}))
        questions: list[Question] = []
        for question_where, raw in node.items("questions"):
            question_node = _Node(raw, question_where)
            question = _question(question_node)
            if question.id in seen:
                raise InstrumentError(question_node.at("id"), f"вопрос {quote(question.id)} уже есть")
            if question_node.has("show_if"):
                condition = _condition(_Node(question_node.data["show_if"], question_node.at("show_if")), seen)
                question = replace(question, show_if=condition)
            seen[question.id] = question
            questions.append(question)
        sections.append(Section(tuple(questions), node.text("title", ""), node.text("text", "")))
    return tuple(sections)


def parse_instrument(data: object, expected_code: str | None = None) -> Instrument:
    """Check an instrument mapping (a loaded YAML file or its JSON copy) and build it.

    ``expected_code`` is the file name without ``.yaml``: the ``code`` must equal it.
    Raises ``InstrumentError`` naming the path of the first bad element.
    """
    root = _Node(data, "")
    root.only(_TOP_KEYS)
    code = root.text("code")
    if not CODE_RE.fullmatch(code):
        raise InstrumentError("code", f"{quote(code)}: нужны латинские строчные буквы, цифры и дефисы")
    if expected_code is not None and code != expected_code:
        raise InstrumentError("code", f"{quote(code)} не совпадает с именем файла {quote(expected_code + '.yaml')}")
    # Checked in the order of SCHEMA.md, so that the first error reported is the first in the file.
    header: dict[str, Any] = {
        "code": code,
        "version": root.integer("version", minimum=1),
        "title": root.text("title"),
        "source": root.text("source"),
        "default_text": root.flag("default_text", False),
        "audience": root.text("audience"),
        "min_age": root.optional_integer("min_age", minimum=1),
        "once_per_year": root.flag("once_per_year", False),
        "anonymous": root.flag("anonymous", False),
        "intro": root.text("intro", ""),
        "outro": root.text("outro", ""),
    }
    if header["audience"] not in AUDIENCES:
        raise InstrumentError(
            "audience", f"неизвестная аудитория {quote(header['audience'])}; есть: {', '.join(AUDIENCES)}"
        )
    sections = _sections(root)
    questions = [question for section in sections for question in section.questions]
    scoring = _scoring(_Node(root.data["scoring"], "scoring"), questions) if root.has("scoring") else None
    return Instrument(**header, sections=sections, scoring=scoring)


# --- files ----------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key repeated in one mapping (PyYAML keeps the last silently)."""


def _mapping_without_repeats(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int) and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"ключ «{key}» повторяется", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)


def read_yaml(path: Path) -> object:
    """Read one UTF-8 YAML file (BOM tolerated); errors are ``InstrumentError`` with the line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InstrumentError("", "файл не в кодировке UTF-8") from None
    except OSError as error:
        raise InstrumentError("", f"не удалось прочитать файл: {error.strerror or error}") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"строка {mark.line + 1}" if mark is not None else ""
        raise InstrumentError(line, f"ошибка YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise InstrumentError("", f"ошибка YAML: {error}") from None


def load_instrument(path: Path) -> Instrument:
    """Read and check one instrument file; its code must equal the file name."""
    return parse_instrument(read_yaml(path), expected_code=path.stem)
