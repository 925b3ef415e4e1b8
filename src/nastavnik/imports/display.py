"""The preview shows each cell as it will be stored (dates ДД.ММ.ГГГГ, classes «10А», categories from the
official list), not as typed; a row with errors shows what was typed, so it can be found and fixed."""

from __future__ import annotations

import datetime
from typing import Any

CONSENT_GIVERS = {"parent": "родитель", "self": "сам"}
DATE_FIELDS = ("birth_date", "consent_date")
# Fields shown from the file as typed: they are matched, not converted.
AS_TYPED = ("class_teacher", "organisation")


def stored_value(key: str, data: dict[str, Any]) -> str | None:
    """The text of a field as it will be stored; None when the row's clean data does not have it."""
    if key == "full_name":
        return " ".join(part for part in (data.get(n) for n in ("last_name", "first_name", "middle_name")) if part)
    if key == "class_name":
        return f"{data['grade']}{data.get('class_letter', '')}" if data.get("grade") else ""
    if key in DATE_FIELDS:
        value = data.get(key)
        return datetime.date.fromisoformat(value).strftime("%d.%m.%Y") if value else ""
    if key == "consent":
        return "да" if data.get("consent") else "нет"
    if key == "consent_by":
        return CONSENT_GIVERS.get(data.get("consent_by") or "", "")
    if key in AS_TYPED or key not in data:
        return None
    value = data[key]
    return "" if value is None else str(value)


def shown_cells(row: dict[str, Any], keys: list[str]) -> list[str]:
    """The row's cells in column order: stored values, or the typed cells for a row with errors."""
    cells = row.get("cells", [])
    if row.get("error") or len(keys) != len(cells):
        return cells
    shown = [stored_value(key, row.get("data", {})) for key in keys]
    return [cell if value is None else value for value, cell in zip(shown, cells, strict=True)]


def column_keys(mapping: dict[str, Any]) -> list[str]:
    """The mapped fields in the order of the file's columns (the order of the preview table)."""
    columns = mapping.get("columns", {})
    return [columns[index] for index in sorted(columns, key=int)]
