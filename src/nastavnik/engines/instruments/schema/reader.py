"""Reading a mapping of the file together with its path, so that every error names its element."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from nastavnik.engines.instruments.schema.model import InstrumentError


def describe(value: object) -> str:
    """What a value of the file is, in Russian, for an error message."""
    if value is None:
        return "пусто"
    if isinstance(value, bool):
        return f"логическое значение {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"целое число {value}"
    if isinstance(value, float):
        return f"число {value}"
    if isinstance(value, str):
        return f"строка «{value}»"
    if isinstance(value, Mapping):
        return "словарь"
    if isinstance(value, list | tuple):
        return "список"
    return type(value).__name__


def join_path(where: str, key: str | int) -> str:
    """The path of a child element: ``sections[0]``, ``sections[0].title``."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


class Node:
    """A mapping of the file together with its path, for precise error messages."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, Mapping):
            raise InstrumentError(where, f"ожидается словарь (ключ: значение), получено: {describe(data)}")
        self.data: Mapping[Any, Any] = data
        self.where = where

    def at(self, key: str) -> str:
        """The path of this mapping's ``key``."""
        return join_path(self.where, key)

    def only(self, allowed: frozenset[str]) -> None:
        """Refuse any key outside ``allowed``."""
        for key in self.data:
            if key not in allowed:
                raise InstrumentError(self.at(str(key)), "неизвестный ключ")

    def has(self, key: str) -> bool:
        """Whether ``key`` is given and not empty (null)."""
        return key in self.data and self.data[key] is not None

    def raw(self, key: str) -> object:
        """The value of a required key, unchecked."""
        if not self.has(key):
            raise InstrumentError(self.at(key), "отсутствует обязательный ключ")
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        """A non-blank string; with ``default``, the key may be missing or empty."""
        if default is not None and (not self.has(key) or self.data[key] == ""):
            return default
        value = self.raw(key)
        if not isinstance(value, str):
            raise InstrumentError(self.at(key), f"ожидается строка, получено: {describe(value)}")
        if not value.strip():
            raise InstrumentError(self.at(key), "пустая строка")
        return value

    def integer(self, key: str, minimum: int | None = None) -> int:
        """A required integer (not a boolean), at least ``minimum``."""
        value = self.raw(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise InstrumentError(self.at(key), f"ожидается целое число, получено: {describe(value)}")
        if minimum is not None and value < minimum:
            raise InstrumentError(self.at(key), f"должно быть не меньше {minimum}, получено {value}")
        return value

    def optional_integer(self, key: str, minimum: int | None = None) -> int | None:
        """An integer as ``integer``, or None when the key is missing."""
        return self.integer(key, minimum) if self.has(key) else None

    def flag(self, key: str, default: bool) -> bool:
        """A true/false value, ``default`` when missing."""
        if not self.has(key):
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise InstrumentError(self.at(key), f"ожидается true или false, получено: {describe(value)}")
        return value

    def items(self, key: str) -> list[tuple[str, object]]:
        """A non-empty list: each item with its path."""
        value = self.raw(key)
        if not isinstance(value, list):
            raise InstrumentError(self.at(key), f"ожидается список, получено: {describe(value)}")
        if not value:
            raise InstrumentError(self.at(key), "пустой список")
        return [(join_path(self.at(key), index), item) for index, item in enumerate(value)]


def text_value(value: object, where: str) -> str:
    """A non-blank string found at ``where``."""
    if not isinstance(value, str):
        raise InstrumentError(where, f"ожидается строка, получено: {describe(value)}")
    if not value.strip():
        raise InstrumentError(where, "пустая строка")
    return value


def choice_value(value: object, where: str) -> str:
    """An option value as a string (an integer ``1`` becomes ``"1"``)."""
    # YAML 1.1 reads bare yes/no as booleans: say so, it is the likeliest cause.
    if isinstance(value, bool):
        raise InstrumentError(where, "логическое значение вместо строки: yes/no в YAML берите в кавычки")
    if isinstance(value, int):
        return str(value)
    return text_value(value, where)
