"""Demo data of the programme lifecycle: orders."""

from __future__ import annotations

from typing import Any

from nastavnik.core.demo.builder import DemoWorld


def create_orders(world: DemoWorld, users: dict[str, Any]) -> None:
    """Filled by the orders feature."""
