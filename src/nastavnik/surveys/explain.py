"""Scale definitions and the source's printed score ranges next to a respondent's results.

Scores stored before an instrument file carried them (older versions) are explained by the
newest version of the same instrument, matched by scale slug and band.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from nastavnik.surveys.models import InstrumentVersion


def _texts(definition: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    scales = (definition.get("scoring") or {}).get("scales") or []
    return {
        str(scale["slug"]): (
            str(scale.get("definition", "")),
            {str(band["band"]): str(band.get("range", "")) for band in scale.get("bands") or []},
        )
        for scale in scales
    }


def newest_texts(instrument_ids: Iterable[int]) -> dict[int, dict[str, tuple[str, dict[str, str]]]]:
    """Per instrument: slug → (definition, band → printed range), from its newest version (one query)."""
    newest: dict[int, dict[str, tuple[str, dict[str, str]]]] = {}
    versions = InstrumentVersion.objects.filter(instrument_id__in=set(instrument_ids)).order_by(
        "instrument_id", "-number"
    )
    for version in versions.only("instrument_id", "number", "definition"):
        newest.setdefault(version.instrument_id, _texts(version.definition))
    return newest


def explained(
    scores: list[dict[str, Any]] | None, texts: dict[str, tuple[str, dict[str, str]]]
) -> list[dict[str, Any]]:
    """The stored scores with `definition` and `range` filled in where the stored ones lack them."""
    result = []
    for score in scores or []:
        definition, ranges = texts.get(str(score.get("slug")), ("", {}))
        result.append(
            {
                **score,
                "definition": score.get("definition") or definition,
                "range": score.get("range") or ranges.get(str(score.get("band")), ""),
            }
        )
    return result
