"""Substring search over people's names that ignores case and «ё/е» on any database.

Person.search_text holds the folded name; INSTR (SQLite) / STRPOS (PostgreSQL) find a
folded word in it natively, with no LIKE and no per-row Python.
"""

from __future__ import annotations

from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan

from nastavnik.common.text import fold


def name_search(field: str, text: str, max_words: int = 4) -> Q:
    """Every word of `text` occurs in the folded search text reached by `field`."""
    condition = Q()
    for word in text.split()[:max_words]:
        condition &= Q(GreaterThan(StrIndex(field, Value(fold(word))), 0))
    return condition
