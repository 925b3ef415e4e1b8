"""Scoring by the key of an instrument (``scoring: {kind: scales}``), e.g. «Ключ к себе».

A scale score is the signed sum of its items' raw values: an item listed in ``negative`` is
subtracted as it is, not reverse-coded (PRODUCT.md §8, 000 §4.7: the only reading that fits
the source's thresholds). The band is the one whose range holds the score; the schema makes
the bands cover every integer exactly once, boundary values going to the middle band. A scale
without bands gets ``band=None`` and no text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from nastavnik.engines.instruments.schema import Band, BandName, Instrument, Scale, Scoring, quote


class ScoringError(ValueError):
    """An item of the key has no integer answer (the answers were not validated first)."""


@dataclass(frozen=True, slots=True)
class ScaleResult:
    """One scale of one respondent: the score, its band and the band's feedback text."""

    slug: str
    name: str
    score: int
    band: BandName | None  # None for a scale without bands
    text: str
    definition: str = ""  # what the scale measures (the source's words)
    range_text: str = ""  # the source's printed range of the band («13-24 балла»)

    def as_dict(self) -> dict[str, str | int | None]:
        """JSON-ready form (e.g. for ``Response.scores``)."""
        return {
            "slug": self.slug,
            "name": self.name,
            "score": self.score,
            "band": self.band,
            "text": self.text,
            "definition": self.definition,
            "range": self.range_text,
        }


def scale_score(scale: Scale, answers: Mapping[str, object]) -> int:
    """Σ positive items − Σ negative items, raw values."""
    total = 0
    for item in scale.items:
        value = answers.get(item)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ScoringError(f"{item}: нет числового ответа для шкалы {quote(scale.name)}")
        total += -value if item in scale.negative else value
    return total


def band_of(scale: Scale, score: int) -> Band:
    """The band of ``scale`` that holds ``score``."""
    for band in scale.bands:
        if band.contains(score):
            return band
    raise ScoringError(f"{scale.slug}: балл {score} не попадает ни в одну полосу")  # the schema prevents it


def score_scales(scoring: Scoring, answers: Mapping[str, object]) -> tuple[ScaleResult, ...]:
    """Every scale of the key, in the order of the file."""
    results = []
    for scale in scoring.scales:
        score = scale_score(scale, answers)
        if not scale.bands:
            results.append(ScaleResult(scale.slug, scale.name, score, None, "", scale.definition))
            continue
        band = band_of(scale, score)
        results.append(
            ScaleResult(scale.slug, scale.name, score, band.band, band.text, scale.definition, band.range_text)
        )
    return tuple(results)


def score_instrument(instrument: Instrument, answers: Mapping[str, object]) -> tuple[ScaleResult, ...]:
    """Scores of an instrument with a key; () for one without (most questionnaires)."""
    return score_scales(instrument.scoring, answers) if instrument.scoring is not None else ()
