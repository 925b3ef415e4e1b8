"""Helpers shared by the benchmarks: a throw-away SQLite database and a timer."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def setup_django(workdir: Path) -> None:
    """Point Django at a fresh SQLite file in `workdir` and migrate it (never touches var/)."""
    os.environ.pop("DATABASE_URL", None)
    os.environ["SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ["NASTAVNIK_VAR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(label: str, rows: int, action: Callable[[], T], indent: str = "") -> tuple[T, float]:
    """Run `action`, print its time and throughput, return its result and the seconds."""
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"{indent}{label:<{40 - len(indent)}} {seconds:7.2f} s   {rows / seconds:9.0f} rows/s")
    return result, seconds
