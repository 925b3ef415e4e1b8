"""The `nastavnik` console script: Django's manage.py for this project.

`match` and `instruments` are pure engine commands with no database: they are dispatched
straight to the engine's own CLI before Django is imported, which saves the ~1.5 s of
setting Django up (the Django commands of the same names stay for `help` and call_command).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

EngineCommand = Callable[[Sequence[str]], int]


def engine_command(name: str) -> EngineCommand | None:
    """The engine CLI behind a database-free command, or None for a Django command."""
    if name == "match":
        from nastavnik.engines.matching.cli import main as match

        return match
    if name == "instruments":
        from nastavnik.engines.instruments.cli import main as instruments

        return instruments
    return None


def main() -> None:
    command = engine_command(sys.argv[1]) if len(sys.argv) > 1 else None
    if command is not None:
        sys.exit(command(sys.argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
