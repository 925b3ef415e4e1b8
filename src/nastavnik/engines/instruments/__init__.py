"""Questionnaires: instrument files, answer checks, eligibility rules and scoring keys.

Pure Python (PyYAML only), no Django: the surveys app and ``nastavnik instruments`` call the
same functions. Typical use::

    instrument = parse_instrument(version.definition)
    result = validate_answers(instrument, submitted)      # dict of answers, or Refusal
    scores = score_instrument(instrument, result)         # () when the instrument has no key
"""

from __future__ import annotations

from nastavnik.engines.instruments.answers import (
    Answer,
    AnswerErrors,
    Refusal,
    is_shown,
    validate_answers,
    visible_questions,
)
from nastavnik.engines.instruments.rules import (
    Ineligible,
    academic_year_label,
    academic_year_start,
    age_on,
    check_age,
    check_eligibility,
    check_once_per_year,
)
from nastavnik.engines.instruments.schema import (
    Band,
    Condition,
    Instrument,
    InstrumentError,
    Option,
    Question,
    Scale,
    Scoring,
    Section,
    load_instrument,
    parse_instrument,
)
from nastavnik.engines.instruments.scoring import ScaleResult, ScoringError, band_of, scale_score, score_instrument

__all__ = [
    "Answer",
    "AnswerErrors",
    "Band",
    "Condition",
    "Ineligible",
    "Instrument",
    "InstrumentError",
    "Option",
    "Question",
    "Refusal",
    "Scale",
    "ScaleResult",
    "Scoring",
    "ScoringError",
    "Section",
    "academic_year_label",
    "academic_year_start",
    "age_on",
    "band_of",
    "check_age",
    "check_eligibility",
    "check_once_per_year",
    "is_shown",
    "load_instrument",
    "parse_instrument",
    "scale_score",
    "score_instrument",
    "validate_answers",
    "visible_questions",
]
