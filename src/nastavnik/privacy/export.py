"""Export everything about a person (152-ФЗ art. 14): every registered record and its change history."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils import timezone

from nastavnik.people.models import Person
from nastavnik.privacy.registry import REGISTRY, Link


def _serialise(rows: Any) -> list[dict[str, Any]]:
    return [{"id": item["pk"], **item["fields"]} for item in serializers.serialize("python", rows)]


def _history(model: type[Model], ids: list[Any]) -> list[dict[str, Any]]:
    manager = getattr(model, "history", None)
    if manager is None or not ids:
        return []
    rows = manager.filter(id__in=ids).order_by("history_date", "history_id")
    return [{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields} for row in rows]


def _section(link: Link, person: Person) -> dict[str, Any] | None:
    rows = _serialise(link.rows(person))
    if not rows:
        return None
    section: dict[str, Any] = {"title": str(link.model_class._meta.verbose_name_plural), "records": rows}
    history = _history(link.model_class, [row["id"] for row in rows])
    if history:
        section["history"] = history
    return section


def collect(person: Person) -> dict[str, Any]:
    """Every record that names the person, by model label, with the history of those records."""
    data: dict[str, Any] = {
        "person_id": person.pk,
        "exported_at": timezone.now(),
        "note": "Все сведения о человеке, которые хранит система «Наставник» (152-ФЗ, ст. 14).",
        "records": {},
    }
    for link in REGISTRY:
        section = _section(link, person)
        if section is not None:
            data["records"][link.model] = section
    return data


def to_json(person: Person) -> str:
    return json.dumps(collect(person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def write(person: Person, target: Path) -> None:
    """Write beside the target and rename, so a failure never leaves a half-written file."""
    text = to_json(person)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
