"""Demo data of the programme lifecycle: completion."""

from __future__ import annotations

from typing import Any

from nastavnik.core.demo.builder import DemoWorld


def create_completions(world: DemoWorld, users: dict[str, Any]) -> None:
    """Filled by the completion feature."""
