"""Demo data of the programme lifecycle: roles."""

from __future__ import annotations

from typing import Any

from nastavnik.core.demo.builder import DemoWorld


def create_role_data(world: DemoWorld, users: dict[str, Any]) -> None:
    """Filled by the roles feature."""
