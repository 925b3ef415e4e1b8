"""Russian words of the reasons: years, grades, points and lists of names."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache

from nastavnik.engines.text import fold, plural_ru


def years(count: int) -> str:
    """Nominative: 1 год, 2 года, 5 лет."""
    return f"{count} {plural_ru(count, 'год', 'года', 'лет')}"


def years_genitive(count: int) -> str:
    """After «меньше», «больше»: 1 года, 2 лет, 5 лет, 21 года."""
    return f"{count} {plural_ru(count, 'года', 'лет', 'лет')}"


def grades(count: int) -> str:
    """1 класс, 2 класса, 5 классов."""
    return f"{count} {plural_ru(count, 'класс', 'класса', 'классов')}"


def number(value: float) -> str:
    """6, 2,5, 0,33: at most two decimals, a decimal comma."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


# Folding is the hot spot of building texts for hundreds of thousands of pairs;
# the vocabularies (problem names, interests) are small, so cache it.
cached_fold = lru_cache(maxsize=1 << 16)(fold)


def names(codes: Collection[str], labels: Mapping[str, str]) -> str:
    """The codes' Russian names (``labels``, else the code), sorted as folded, comma-separated."""
    if len(codes) == 1:
        (code,) = codes
        return labels.get(code, code)
    shown = {labels.get(code, code) for code in codes}
    return ", ".join(sorted(shown, key=_name_key))


def _name_key(name: str) -> tuple[str, str]:
    return (cached_fold(name), name)


def lower_first(text: str) -> str:
    """The text with its first letter in lower case, to go after a colon."""
    return text[:1].lower() + text[1:]
