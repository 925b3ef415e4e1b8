"""The whole instrument: from a mapping (``parse_instrument``) or from a YAML file (``load_instrument``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from nastavnik.engines.instruments.schema.key import parse_scoring
from nastavnik.engines.instruments.schema.model import (
    AUDIENCES,
    CODE_RE,
    Instrument,
    InstrumentError,
    Question,
    Section,
    quote,
)
from nastavnik.engines.instruments.schema.questions import parse_condition, parse_question
from nastavnik.engines.instruments.schema.reader import Node

_TOP_KEYS = frozenset(
    {
        "code",
        "version",
        "title",
        "source",
        "default_text",
        "audience",
        "min_age",
        "once_per_year",
        "anonymous",
        "intro",
        "outro",
        "sections",
        "scoring",
    }
)


def _sections(root: Node) -> tuple[Section, ...]:
    sections: list[Section] = []
    seen: dict[str, Question] = {}
    for where, item in root.items("sections"):
        node = Node(item, where)
        node.only(frozenset({"title", "text", "questions"}))
        questions: list[Question] = []
        for question_where, raw in node.items("questions"):
            question_node = Node(raw, question_where)
            question = parse_question(question_node)
            if question.id in seen:
                raise InstrumentError(question_node.at("id"), f"вопрос {quote(question.id)} уже есть")
            if question_node.has("show_if"):
                condition = parse_condition(Node(question_node.data["show_if"], question_node.at("show_if")), seen)
                question = replace(question, show_if=condition)
            seen[question.id] = question
            questions.append(question)
        sections.append(Section(tuple(questions), node.text("title", ""), node.text("text", "")))
    return tuple(sections)


def parse_instrument(data: object, expected_code: str | None = None) -> Instrument:
    """Check an instrument mapping (a loaded YAML file or its JSON copy) and build it.

    ``expected_code`` is the file name without ``.yaml``: the ``code`` must equal it.
    Raises ``InstrumentError`` naming the path of the first bad element.
    """
    root = Node(data, "")
    root.only(_TOP_KEYS)
    code = root.text("code")
    if not CODE_RE.fullmatch(code):
        raise InstrumentError("code", f"{quote(code)}: нужны латинские строчные буквы, цифры и дефисы")
    if expected_code is not None and code != expected_code:
        raise InstrumentError("code", f"{quote(code)} не совпадает с именем файла {quote(expected_code + '.yaml')}")
    # Checked in the order of SCHEMA.md, so that the first error reported is the first in the file.
    header: dict[str, Any] = {
        "code": code,
        "version": root.integer("version", minimum=1),
        "title": root.text("title"),
        "source": root.text("source"),
        "default_text": root.flag("default_text", False),
        "audience": root.text("audience"),
        "min_age": root.optional_integer("min_age", minimum=1),
        "once_per_year": root.flag("once_per_year", False),
        "anonymous": root.flag("anonymous", False),
        "intro": root.text("intro", ""),
        "outro": root.text("outro", ""),
    }
    if header["audience"] not in AUDIENCES:
        raise InstrumentError(
            "audience", f"неизвестная аудитория {quote(header['audience'])}; есть: {', '.join(AUDIENCES)}"
        )
    sections = _sections(root)
    questions = [question for section in sections for question in section.questions]
    scoring = parse_scoring(Node(root.data["scoring"], "scoring"), questions) if root.has("scoring") else None
    return Instrument(**header, sections=sections, scoring=scoring)


# --- files ----------------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key repeated in one mapping (PyYAML keeps the last silently)."""


def _mapping_without_repeats(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, str | int) and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"ключ «{key}» повторяется", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_repeats)


def read_yaml(path: Path) -> object:
    """Read one UTF-8 YAML file (BOM tolerated); errors are ``InstrumentError`` with the line."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InstrumentError("", "файл не в кодировке UTF-8") from None
    except OSError as error:
        raise InstrumentError("", f"не удалось прочитать файл: {error.strerror or error}") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"строка {mark.line + 1}" if mark is not None else ""
        raise InstrumentError(line, f"ошибка YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise InstrumentError("", f"ошибка YAML: {error}") from None


def load_instrument(path: Path) -> Instrument:
    """Read and check one instrument file; its code must equal the file name."""
    return parse_instrument(read_yaml(path), expected_code=path.stem)
