"""Russian text helpers of the engines, which import nothing else of the project."""

from __future__ import annotations


def plural_ru(count: int, one: str, few: str, many: str) -> str:
    """The form of a noun after a number: 1 пара, 2 пары, 5 пар, 11 пар, 21 пара."""
    count = abs(count)
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many


def fold(text: str) -> str:
    """Lower case with «ё» as «е»: how names and interests are compared."""
    return text.casefold().replace("ё", "е")
