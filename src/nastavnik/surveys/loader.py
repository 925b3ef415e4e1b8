"""Load the instrument files (surveys/instruments/*.yaml) into the database.

A file's `version` that the database does not have yet becomes a new InstrumentVersion;
an existing version is never overwritten, so answers always point at the text they answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from nastavnik.surveys.models import Instrument, InstrumentVersion

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"


def read_files(directory: Path = INSTRUMENTS_DIR) -> list[dict[str, Any]]:
    definitions = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, dict) or data.get("code") != path.stem:
            raise ValueError(f"{path.name}: the file must hold a mapping whose code is «{path.stem}»")
        definitions.append(data)
    return definitions


@transaction.atomic
def load_instruments(directory: Path = INSTRUMENTS_DIR) -> int:
    """Create instruments and new versions from the files; returns how many versions were added."""
    added = 0
    for data in read_files(directory):
        instrument, _ = Instrument.objects.update_or_create(code=data["code"], defaults={"title": data["title"]})
        _, created = InstrumentVersion.objects.get_or_create(
            instrument=instrument,
            number=int(data.get("version", 1)),
            defaults={
                "definition": data,
                "source": str(data.get("source", ""))[:120],
                "is_default_text": bool(data.get("default_text", False)),
            },
        )
        added += int(created)
    return added
