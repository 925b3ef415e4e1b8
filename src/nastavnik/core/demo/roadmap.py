"""Demo data of the programme lifecycle: roadmap."""

from __future__ import annotations

from typing import Any

from nastavnik.core.demo.builder import DemoWorld


def create_roadmaps(world: DemoWorld, users: dict[str, Any]) -> None:
    """Filled by the roadmap feature."""
