"""The surveys app's door to the instrument engine (pure Python, no Django)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nastavnik.engines.instruments.answers import AnswerErrors, Refusal, validate_answers
from nastavnik.engines.instruments.rules import check_age
from nastavnik.engines.instruments.schema import Instrument, parse_instrument
from nastavnik.engines.instruments.scoring import score_instrument


@dataclass
class Checked:
    answers: dict[str, Any] = field(default_factory=dict)
    refused: bool = False
    errors: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=64)
def _parsed(key: str) -> Instrument:
    import json

    return parse_instrument(json.loads(key))


# The same definition object is passed once per answer row (imports, answer pages): remember the
# last few by identity so the content key is not rebuilt each time. The tuple keeps the dict
# alive, so its id cannot be reused by another object while it is cached.
_by_identity: dict[int, tuple[dict[str, Any], Instrument]] = {}


def instrument(definition: dict[str, Any]) -> Instrument:
    """The parsed instrument; versions never change, so parsing is cached by content."""
    import json

    cached = _by_identity.get(id(definition))
    if cached is not None and cached[0] is definition:
        return cached[1]
    parsed = _parsed(json.dumps(definition, sort_keys=True, ensure_ascii=False))
    if len(_by_identity) >= 64:
        _by_identity.clear()
    _by_identity[id(definition)] = (definition, parsed)
    return parsed


def check(definition: dict[str, Any], answers: dict[str, Any]) -> Checked:
    try:
        result = validate_answers(instrument(definition), answers)
    except AnswerErrors as problems:
        return Checked(errors=problems.errors)
    if isinstance(result, Refusal):
        return Checked(refused=True)
    return Checked(answers=dict(result))


def score(definition: dict[str, Any], answers: dict[str, Any]) -> list[dict[str, Any]]:
    return [result.as_dict() for result in score_instrument(instrument(definition), answers)]


def eligibility(definition: dict[str, Any], birth_date: datetime.date | None, on: datetime.date) -> str:
    """A Russian refusal when the person is too young for the instrument, else ''."""
    refusal = check_age(instrument(definition).min_age, birth_date, on)
    return refusal.message if refusal else ""
