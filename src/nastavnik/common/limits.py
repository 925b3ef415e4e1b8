"""Sensible upper bounds for numbers typed into forms, with Russian messages.

Without them a model integer field on SQLite accepts up to 9223372036854775807 and Django's
message quotes that number. Bounds go by field name so one table serves every form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator

# field name → largest value (the unit is in the field's label)
LIMITS: dict[str, int] = {
    "capacity": 50,
    "experience_years": 70,
    "mentor_min_experience_years": 70,
    "mentee_max_experience_years": 70,
    "min_grade_gap": 11,
    "max_group_size": 50,
    "nudge_weeks": 52,
    "duration_minutes": 600,
}
WEIGHT_LIMIT = 100
DEFAULT_LIMIT = 32767


def limit_for(name: str) -> tuple[int, str]:
    """The bound of a field and the Russian error message for a value above it."""
    limit = LIMITS.get(name, WEIGHT_LIMIT if name.startswith(("weight", "w_")) else DEFAULT_LIMIT)
    return limit, f"Укажите число не больше {limit}."


def bound_number_fields(form: forms.BaseForm) -> None:
    """Give every integer field of the form a sensible maximum (server check and browser `max`)."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.IntegerField):
            continue
        limit, message = limit_for(name)
        if field.max_value is not None and field.max_value <= limit:
            continue
        field.max_value = limit
        field.validators = [v for v in field.validators if not isinstance(v, MaxValueValidator)]
        field.validators.append(MaxValueValidator(limit, message=message))
        field.widget.attrs["max"] = limit


class BoundedNumbersMixin:
    """Form mixin: applies `bound_number_fields` after the fields are built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bound_number_fields(self)  # type: ignore[arg-type]
