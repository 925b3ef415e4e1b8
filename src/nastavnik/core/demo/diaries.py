"""Demo data of the programme lifecycle: diaries."""

from __future__ import annotations

from typing import Any

from nastavnik.core.demo.builder import DemoWorld


def create_diaries(world: DemoWorld, users: dict[str, Any]) -> None:
    """Filled by the diaries feature."""
