"""Unicode-aware LIKE for SQLite.

SQLite's built-in LIKE folds case for ASCII only, so `icontains` would not find «иванов»
in «Иванов». PostgreSQL needs nothing: Django uses UPPER() there. On SQLite we replace
LIKE for each connection with a version that folds case for every script and treats
«ё» as «е», which is how people type Russian names.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from nastavnik.common.text import fold


@lru_cache(maxsize=512)
def _compile(pattern: str, escape: str | None) -> re.Pattern[str]:
    parts: list[str] = []
    chars = iter(fold(pattern))
    for char in chars:
        if escape is not None and char == escape:
            parts.append(re.escape(next(chars, "")))
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.DOTALL)


def like(pattern: str | None, value: Any, escape: str | None = None) -> bool | None:
    if pattern is None or value is None:
        return None
    return _compile(pattern, escape).fullmatch(fold(str(value))) is not None


def install(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return
    raw = connection.connection
    raw.create_function("like", 2, like, deterministic=True)
    raw.create_function("like", 3, like, deterministic=True)
