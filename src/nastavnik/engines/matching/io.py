"""JSON input and output of ``nastavnik match``.

Parsing checks the shape and types of the document and names the bad element
by its path (``mentors[3].capacity``); the engines then check the meaning
(unknown ids, capacities, locks) with the same paths. Unknown keys are
ignored, so one file may carry both optimal and stable data.

Input keys — optimal: ``mentors[{id, capacity}]``, ``mentees[{id}]``,
``edges[{mentor, mentee, score}]`` (required); ``locked``, ``forbidden``
(optional lists of ``{mentor, mentee}``). Stable: ``mentors[{id, capacity,
prefs}]``, ``mentees[{id, prefs}]`` (required); ``locked``, ``forbidden``
(optional).
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import suppress
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal

import orjson

from nastavnik.engines.matching.errors import MatchingInputError
from nastavnik.engines.matching.model import Edge, EdgeColumns, Link, Mentor, Result
from nastavnik.engines.matching.stable import StableMentee, StableMentor

Mode = Literal["optimal", "stable"]
MODES: tuple[Mode, ...] = ("optimal", "stable")


@dataclass(frozen=True, slots=True)
class OptimalInput:
    """A parsed optimal-mode document, ready for ``solve_optimal``."""

    mentors: list[Mentor]
    mentees: list[str]
    edges: EdgeColumns
    locked: list[Link]
    forbidden: list[Link]


@dataclass(frozen=True, slots=True)
class StableInput:
    """A parsed stable-mode document, ready for ``solve_stable``."""

    mentors: list[StableMentor]
    mentees: list[StableMentee]
    locked: list[Link]
    forbidden: list[Link]


def load_json(path: Path, name: str) -> Any:
    """Read a UTF-8 JSON file (a BOM is tolerated); errors name the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MatchingInputError(name, "файл не найден") from None
    except OSError as error:
        raise MatchingInputError(name, f"не удалось прочитать файл: {error.strerror}") from None
    try:
        # orjson reads a district file about three times faster; whatever it
        # refuses goes through the standard reader, which either accepts it
        # too (integers beyond 64 bits, lone surrogates) or gives the message.
        return orjson.loads(raw.removeprefix(_BOM))
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(raw, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise MatchingInputError(name, "файл не в кодировке UTF-8") from None
    except json.JSONDecodeError as error:
        raise MatchingInputError(
            name,
            f"некорректный JSON (строка {error.lineno}, столбец {error.colno}): {error.msg}",
        ) from None
    except _NonFiniteNumber as error:
        raise MatchingInputError(
            name, f"некорректный JSON: значение {error} не является числом по стандарту JSON"
        ) from None


_BOM = b"\xef\xbb\xbf"


class _NonFiniteNumber(ValueError):
    """NaN, Infinity or -Infinity: Python's json accepts them, JSON does not."""


def _reject_constant(constant: str) -> float:
    raise _NonFiniteNumber(constant)


def parse_optimal(document: Any) -> OptimalInput:
    """Check the shape of an optimal-mode document and build engine inputs."""
    root = _root(document)
    return OptimalInput(
        mentors=[
            Mentor(_string(item, "id", where), _integer(item, "capacity", where))
            for where, item in _items(root, "mentors")
        ],
        mentees=[_string(item, "id", where) for where, item in _items(root, "mentees")],
        edges=_edges(_list(root, "edges", "edges")),
        locked=_links(root, "locked"),
        forbidden=_links(root, "forbidden"),
    )


def parse_stable(document: Any) -> StableInput:
    """Check the shape of a stable-mode document and build engine inputs."""
    root = _root(document)
    return StableInput(
        mentors=[
            StableMentor(
                _string(item, "id", where),
                _integer(item, "capacity", where),
                _prefs(item, where),
            )
            for where, item in _items(root, "mentors")
        ],
        mentees=[
            StableMentee(_string(item, "id", where), _prefs(item, where)) for where, item in _items(root, "mentees")
        ],
        locked=_links(root, "locked"),
        forbidden=_links(root, "forbidden"),
    )


def _root(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise MatchingInputError("$", f"ожидается объект JSON, получено: {_kind(document)}")
    return document


def _items(parent: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """The objects of a required list, each with its path."""
    items = _list(parent, key, key)
    return [(f"{key}[{i}]", _object(item, f"{key}[{i}]")) for i, item in enumerate(items)]


def _list(parent: dict[str, Any], key: str, where: str, required: bool = True) -> list[Any]:
    if key not in parent:
        if required:
            raise MatchingInputError(where, "отсутствует обязательный ключ")
        return []
    value = parent[key]
    if not isinstance(value, list):
        raise MatchingInputError(where, f"ожидается список, получено: {_kind(value)}")
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MatchingInputError(where, f"ожидается объект, получено: {_kind(value)}")
    return value


def _field(item: dict[str, Any], key: str, where: str) -> object:
    if key not in item:
        raise MatchingInputError(f"{where}.{key}", "отсутствует обязательный ключ")
    return item[key]


def _string(item: dict[str, Any], key: str, where: str) -> str:
    value = _field(item, key, where)
    if not isinstance(value, str):
        raise MatchingInputError(f"{where}.{key}", f"ожидается строка, получено: {_kind(value)}")
    if not value:
        raise MatchingInputError(f"{where}.{key}", "пустой идентификатор")
    return value


def _integer(item: dict[str, Any], key: str, where: str) -> int:
    value = _field(item, key, where)
    if isinstance(value, bool) or not isinstance(value, int):
        raise MatchingInputError(f"{where}.{key}", f"ожидается целое число, получено: {_kind(value)}")
    return value


def _number(item: dict[str, Any], key: str, where: str) -> float:
    value = _field(item, key, where)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MatchingInputError(f"{where}.{key}", f"ожидается число, получено: {_kind(value)}")
    return value


def _prefs(item: dict[str, Any], where: str) -> tuple[str, ...]:
    prefs = _list(item, "prefs", f"{where}.prefs")
    for rank, value in enumerate(prefs):
        if not isinstance(value, str) or not value:
            raise MatchingInputError(f"{where}.prefs[{rank}]", f"ожидается непустая строка, получено: {_kind(value)}")
    return tuple(prefs)


def _edges(items: list[Any]) -> EdgeColumns:
    """Edges as columns, with a fast path: at region size there are millions.

    The fast path checks whole columns at C speed; any doubt (a non-object, a
    missing key, a wrong type, an empty id) sends the list through the slow
    path, which checks edge by edge and names the first bad one.
    """
    if items and set(map(type, items)) == {dict}:
        try:
            mentor, mentee, score = (list(map(itemgetter(key), items)) for key in ("mentor", "mentee", "score"))
        except KeyError:
            pass
        else:
            if (
                set(map(type, mentor)) == {str}
                and set(map(type, mentee)) == {str}
                and all(mentor)
                and all(mentee)
                and set(map(type, score)) <= {int, float}
            ):
                return EdgeColumns(mentor, mentee, score)
    edges = [_edge(item, f"edges[{position}]") for position, item in enumerate(items)]
    return EdgeColumns([e.mentor for e in edges], [e.mentee for e in edges], [e.score for e in edges])


def _edge(item: Any, where: str) -> Edge:
    """Slow path: the same checks, one by one, for a precise message."""
    item = _object(item, where)
    return Edge(_string(item, "mentor", where), _string(item, "mentee", where), _number(item, "score", where))


def _links(root: dict[str, Any], key: str) -> list[Link]:
    links = []
    for position, item in enumerate(_list(root, key, key, required=False)):
        where = f"{key}[{position}]"
        item = _object(item, where)
        links.append(Link(_string(item, "mentor", where), _string(item, "mentee", where)))
    return links


def _kind(value: Any) -> str:
    """Russian name of a JSON value's type, with the value when short."""
    names: dict[type, str] = {
        dict: "объект",
        list: "список",
        str: "строка",
        bool: "логическое значение",
        int: "целое число",
        float: "число",
        type(None): "null",
    }
    name = names.get(type(value), type(value).__name__)
    if isinstance(value, dict | list):
        return name
    shown = json.dumps(value, ensure_ascii=False)
    return f"{name} {shown}" if len(shown) <= 40 else name


def result_document(result: Result, mode: Mode) -> dict[str, Any]:
    """The output document: ``pairs``, ``unmatched``, ``total_score``.

    Optimal pairs are ``{mentor, mentee, score}``; stable pairs are
    ``{mentor, mentee, score: null, mentee_rank, mentor_rank}``.
    """
    pairs: list[dict[str, Any]]
    if mode == "optimal":
        pairs = [{"mentor": p.mentor, "mentee": p.mentee, "score": p.score} for p in result.pairs]
    else:
        pairs = [
            {
                "mentor": p.mentor,
                "mentee": p.mentee,
                "score": None,
                "mentee_rank": p.mentee_rank,
                "mentor_rank": p.mentor_rank,
            }
            for p in result.pairs
        ]
    return {"pairs": pairs, "unmatched": list(result.unmatched), "total_score": result.total_score}


def dumps(document: dict[str, Any]) -> str:
    """UTF-8 friendly, indented JSON with a final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, so
    that readers never see a half-written file and a failure leaves none."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
