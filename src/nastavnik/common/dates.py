"""A form date field that tells an impossible date (31.02.2026) from a badly typed one."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

_DAY_FIRST = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def impossible_date(text: str) -> str:
    """«31.02.2026» when the text has the shape of a date that does not exist, else ''."""
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        return ""
    try:
        datetime.date(year, month, day)
    except ValueError:
        return f"{day:02d}.{month:02d}.{year:04d}"
    return ""


class DateField(forms.DateField):
    """`forms.DateField` whose error for 31.02.2026 says that such a date does not exist."""

    def to_python(self, value: Any) -> datetime.date | None:
        try:
            return super().to_python(value)
        except ValidationError as error:
            shown = impossible_date(value) if isinstance(value, str) else ""
            if error.code == "invalid" and shown:
                raise ValidationError(f"Такой даты не существует: {shown}.", code="invalid") from error
            raise


def model_date_formfield(field: Any, **kwargs: Any) -> Any:
    """`Meta.formfield_callback` of model forms: date columns get the `DateField` above."""
    if type(field).__name__ == "DateField":
        kwargs.setdefault("form_class", DateField)
    return field.formfield(**kwargs)
