"""Instrument files (``surveys/instruments/*.yaml``, see SCHEMA.md) as frozen dataclasses.

``parse_instrument`` checks the whole mapping — keys, types, ranges, references between
questions, the scoring key — and raises ``InstrumentError`` naming the bad element by its
path, e.g. ``sections[0].questions[3].max_choices: …``. Unknown keys are errors too: a typo
such as ``max_choice`` would otherwise silently drop a limit.

Option values are kept as strings (an integer ``value: 1`` becomes ``"1"``), because answers
arrive from web forms and JSON as strings; scale answers and ``equals`` on a scale are integers.
"""

from __future__ import annotations

from nastavnik.engines.instruments.schema.model import (
    AUDIENCES,
    BAND_NAMES,
    CODE_RE,
    CONSENT_VALUES,
    DEFAULT_TEXT_LENGTH,
    ID_RE,
    QUESTION_TYPES,
    Band,
    BandName,
    Condition,
    ConditionKind,
    Instrument,
    InstrumentError,
    Option,
    Question,
    QuestionType,
    Scale,
    Scoring,
    Section,
    plural,
    quote,
)
from nastavnik.engines.instruments.schema.parsing import load_instrument, parse_instrument, read_yaml

__all__ = [
    "AUDIENCES",
    "BAND_NAMES",
    "CODE_RE",
    "CONSENT_VALUES",
    "DEFAULT_TEXT_LENGTH",
    "ID_RE",
    "QUESTION_TYPES",
    "Band",
    "BandName",
    "Condition",
    "ConditionKind",
    "Instrument",
    "InstrumentError",
    "Option",
    "Question",
    "QuestionType",
    "Scale",
    "Scoring",
    "Section",
    "load_instrument",
    "parse_instrument",
    "plural",
    "quote",
    "read_yaml",
]
