"""The Russian source documents the product quotes verbatim, for the tests that check the quotes.

They are not part of the repository: they live beside the project checkout (`../shared/sources`,
files named `<number>_<hash>.txt`), or where SOURCES_DIR points. A test needing one is skipped,
with the place it looked in, when the file is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SOURCES = Path(os.environ.get("SOURCES_DIR", Path(__file__).resolve().parents[2] / "shared" / "sources"))


def source_file(number: str) -> Path:
    """The source document `number` («000»…«004»), or a skip of the calling test."""
    files = sorted(SOURCES.glob(f"{number}_*.txt"))
    if not files:
        pytest.skip(f"source {number} not found in {SOURCES}")
    return files[0]
