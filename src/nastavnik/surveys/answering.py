"""Between the HTML form and the instrument engine: POST → answers in SCHEMA.md format."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

OTHER = "__other__"


def _choice(value: str, other_text: str) -> Any:
    return {"other": other_text.strip()} if value == OTHER else value


def _scale(raw: str) -> Any:
    try:
        return int(raw)
    except ValueError:
        return raw  # the engine names it as out of range / not a number


def parse_question(question: dict[str, Any], post: QueryDict) -> Any:
    """The answer to one question, or None when it was left empty."""
    name = f"q_{question['id']}"
    kind = question["type"]
    other = post.get(f"{name}_other", "")
    if kind in {"single", "consent"}:
        value = post.get(name, "")
        return _choice(value, other) if value else None
    if kind == "multiple":
        values = [_choice(v, other) for v in post.getlist(name)]
        return values or None
    if kind == "scale":
        raw = post.get(name, "").strip()
        return _scale(raw) if raw else None
    if kind == "text":
        text = post.get(name, "").strip()
        return text or None
    if kind == "choose_k":
        chosen = {
            str(index): post.get(f"{name}_{index}", "").strip()
            for index in range(len(question.get("stems", [])))
            if post.get(f"{name}_{index}", "").strip()
        }
        return chosen or None
    if kind == "matrix":
        marks = []
        for cell in post.getlist(name):
            row, _, col = cell.partition("-")
            if row.isdigit() and col.isdigit():
                marks.append([int(row), int(col)])
        return marks or None
    return None


def parse_answers(definition: dict[str, Any], post: QueryDict) -> dict[str, Any]:
    answers = {}
    for section in definition.get("sections", []):
        for question in section.get("questions", []):
            value = parse_question(question, post)
            if value is not None:
                answers[question["id"]] = value
    return answers
