"""Fail when a Python module outgrows the size the style guide allows.

A module past LIMIT lines splits by concept (see the guide's "Layout"). Migrations are generated
and exempt. Usage: `python tools/check_module_length.py [folder ...]` (default: src tests bench
tools); prints each offender with its line count, longest first, and exits 1 when there is one.
"""

from __future__ import annotations

import sys
from pathlib import Path

LIMIT = 600
DEFAULT_FOLDERS = ("src", "tests", "bench", "tools")
EXEMPT_FOLDERS = frozenset({"migrations"})


def line_count(path: Path) -> int:
    with path.open("rb") as file:
        return sum(1 for _ in file)


def modules(folders: list[Path]) -> list[Path]:
    found = []
    for folder in folders:
        candidates = [folder] if folder.is_file() else sorted(folder.rglob("*.py"))
        found += [path for path in candidates if not EXEMPT_FOLDERS.intersection(path.parts)]
    return found


def offenders(folders: list[Path], limit: int = LIMIT) -> list[tuple[Path, int]]:
    """The modules longer than `limit` lines with their counts, longest first."""
    counted = [(path, line_count(path)) for path in modules(folders)]
    return sorted(((path, count) for path, count in counted if count > limit), key=lambda item: (-item[1], item[0]))


def main(argv: list[str]) -> int:
    folders = [Path(arg) for arg in argv] or [Path(name) for name in DEFAULT_FOLDERS if Path(name).exists()]
    missing = [folder for folder in folders if not folder.exists()]
    if missing:
        print(f"check_module_length: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    too_long = offenders(folders)
    if not too_long:
        return 0
    print(f"Modules over {LIMIT} lines (split them by concept; migrations are exempt):", file=sys.stderr)
    for path, count in too_long:
        print(f"  {path}: {count} lines", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
