"""Substring search that ignores case and «ё/е» on SQLite and PostgreSQL alike."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.db.models.lookups import Contains

from nastavnik.core.sqlite import fold


def text_contains(field: str, word: str) -> Q:
    if connection.vendor == "sqlite":
        # LIKE is replaced per connection by a Unicode-aware, ё-folding version (core/sqlite.py).
        return Q(**{f"{field}__icontains": word})
    folded = fold(word).upper()
    return Q(Contains(Replace(Upper(field), Value("Ё"), Value("Е")), folded))


def any_text_contains(fields: list[str], text: str, max_words: int = 4) -> Q:
    """Every word of `text` must occur in at least one of `fields`."""
    condition = Q()
    for word in text.split()[:max_words]:
        alternatives = Q()
        for field in fields:
            alternatives |= text_contains(field, word)
        condition &= alternatives
    return condition
