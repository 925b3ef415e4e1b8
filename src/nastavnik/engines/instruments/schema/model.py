"""The instrument as frozen dataclasses, its vocabulary and ``InstrumentError``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

from nastavnik.engines.text import plural_ru

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


class InstrumentError(ValueError):
    """An instrument file breaks SCHEMA.md.

    ``where`` is the path of the bad element (``sections[0].questions[3].max_choices``,
    empty for the file as a whole), ``problem`` says what is wrong in Russian.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        self.where = where
        self.problem = problem


# The instruments' name of the engines' one helper: plural(21, "год", "года", "лет") == "год".
plural = plural_ru


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
