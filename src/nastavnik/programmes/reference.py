"""Load the versioned reference data (programmes/data/*.yaml) into the database by code.

Loading is idempotent: an item is created or updated by its code; nothing is deleted,
so an administrator's own additions survive a reload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import models, transaction

from nastavnik.programmes.models import (
    FormVariant,
    InteractionVariant,
    MentoringFormat,
    MentoringType,
    MentorTrait,
    ProblemCategory,
    RoleModel,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
RULE_FIELDS = (
    "mentor_min_experience_years",
    "mentee_max_experience_years",
    "min_grade_gap",
    "max_group_size",
)


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


def _common(item: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "name": item["name"],
        "description": item.get("description") or "",
        "order": item.get("order", position * 10),
        "source": str(item.get("source") or ""),
    }


def _rules(item: dict[str, Any]) -> dict[str, Any]:
    rules = item.get("rules") or {}
    return {name: rules.get(name) for name in RULE_FIELDS}


def _upsert(model: type[models.Model], code: str, values: dict[str, Any]) -> None:
    model._default_manager.update_or_create(code=code, defaults=values)


def _load_children(form: MentoringFormat, item: dict[str, Any]) -> None:
    for position, variant in enumerate(item.get("variants") or [], start=1):
        _upsert(
            FormVariant,
            variant["code"],
            {**_common(variant, position), **_rules(variant), "form": form},
        )
    for key, model in (("role_models", RoleModel), ("interaction_variants", InteractionVariant)):
        for position, child in enumerate(item.get(key) or [], start=1):
            _upsert(model, child["code"], {**_common(child, position), "form": form})


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update every reference item; returns counts per kind."""
    for position, item in enumerate(_read("mentoring_types.yaml")["types"], start=1):
        _upsert(MentoringType, item["code"], _common(item, position))
    for position, item in enumerate(_read("problem_categories.yaml")["categories"], start=1):
        _upsert(
            ProblemCategory,
            item["code"],
            {**_common(item, position), "audience": item.get("audience", "any")},
        )
    for position, item in enumerate(_read("mentor_traits.yaml")["traits"], start=1):
        _upsert(MentorTrait, item["code"], {**_common(item, position), "kind": item["kind"]})
    for position, item in enumerate(_read("forms.yaml")["forms"], start=1):
        values = {
            **_common(item, position),
            **_rules(item),
            "mentor_kind": item["mentor_kind"],
            "mentee_kind": item["mentee_kind"],
        }
        form, _ = MentoringFormat.objects.update_or_create(code=item["code"], defaults=values)
        _load_children(form, item)
    return {
        "types": MentoringType.objects.count(),
        "problems": ProblemCategory.objects.count(),
        "traits": MentorTrait.objects.count(),
        "forms": MentoringFormat.objects.count(),
        "variants": FormVariant.objects.count(),
        "role_models": RoleModel.objects.count(),
        "interaction_variants": InteractionVariant.objects.count(),
    }
