"""Look through every text, char and JSON column of every table (history tables and auth_user included)."""

from __future__ import annotations

import json

from django.apps import apps
from django.db import models

TEXT = (models.CharField, models.TextField, models.JSONField)


def find(needles: list[str]) -> list[str]:
    """Where any of the needles occurs, as «app.Model.field #pk»."""
    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT)]
        if not fields:
            continue
        for row in model._base_manager.all():
            for field in fields:
                value = getattr(row, field.attname)
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
                found += [f"{model._meta.label}.{field.name} #{row.pk}: {n}" for n in needles if n and n in text]
    return found
