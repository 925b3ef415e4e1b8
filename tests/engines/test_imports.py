"""The engines are the bottom layer: they import nothing of the project but each other.

Ruff bans Django in the engines (``src/nastavnik/engines/ruff.toml``), but its banned-api
cannot say "all of ``nastavnik`` except ``nastavnik.engines``", so this test walks the
source instead: every import statement, at module level or inside a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import nastavnik.engines

ENGINES = Path(nastavnik.engines.__file__).resolve().parent
SOURCES = sorted(ENGINES.rglob("*.py"))


def package_of(path: Path) -> str:
    """The package a file's relative imports start from."""
    parts = ["nastavnik", "engines", *path.relative_to(ENGINES).parent.parts]
    return ".".join(parts)


def imported_modules(source: str, package: str) -> list[tuple[int, str]]:
    """Every module the source imports, with its line; relative imports made absolute."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            found.append((node.lineno, ".".join([*base, *([node.module] if node.module else [])])))
    return sorted(found)


def is_outside_engines(module: str) -> bool:
    in_project = module == "nastavnik" or module.startswith("nastavnik.")
    in_engines = module == "nastavnik.engines" or module.startswith("nastavnik.engines.")
    return in_project and not in_engines


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ENGINES)))
def test_an_engine_imports_only_engines_of_the_project(path: Path) -> None:
    imports = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
    assert [f"line {line}: {module}" for line, module in imports if is_outside_engines(module)] == []


def test_the_walk_covers_every_engine() -> None:
    names = {path.relative_to(ENGINES).as_posix() for path in SOURCES}
    assert {"text.py", "matching/scoring/__init__.py", "instruments/schema/parsing.py"} <= names


def test_imports_inside_functions_and_relative_ones_are_seen() -> None:
    source = (
        "from . import model\n"
        "from ..instruments import schema\n"
        "from ...common import dates\n"
        "def late():\n"
        "    import nastavnik.site.views\n"
        "    from nastavnik.common.text import fold\n"
    )
    imports = imported_modules(source, "nastavnik.engines.matching")
    assert imports == [
        (1, "nastavnik.engines.matching"),
        (2, "nastavnik.engines.instruments"),
        (3, "nastavnik.common"),
        (5, "nastavnik.site.views"),
        (6, "nastavnik.common.text"),
    ]
    assert [module for _, module in imports if is_outside_engines(module)] == [
        "nastavnik.common",
        "nastavnik.site.views",
        "nastavnik.common.text",
    ]
