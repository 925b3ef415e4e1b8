from __future__ import annotations

import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def get_answer(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def jsonattr(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@register.filter
def scale_points(question: dict[str, Any]) -> list[dict[str, Any]]:
    labels = {int(k): v for k, v in (question.get("labels") or {}).items()}
    return [{"value": n, "label": labels.get(n, "")} for n in range(int(question["min"]), int(question["max"]) + 1)]


@register.filter
def stem_answer(value: dict[str, str] | None, index: int) -> str:
    return (value or {}).get(str(index), "") if isinstance(value, dict) else ""


@register.filter
def chart_data(counts: list[tuple[str, int]]) -> str:
    """Counts as the JSON a results chart reads from its data-chart attribute."""
    return json.dumps({"labels": [label for label, _ in counts], "values": [n for _, n in counts]}, ensure_ascii=False)


@register.filter
def chart_height(rows: int) -> int:
    return 40 + 28 * int(rows)
