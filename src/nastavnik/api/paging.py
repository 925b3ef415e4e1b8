"""Page slicing, the filters by organisation, programme and year, and form errors in ninja's 422 shape."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.forms import BaseForm
from ninja.errors import ValidationError

from nastavnik.api.schemas import Filters

M = TypeVar("M", bound=Model)


def page_of(qs: QuerySet[M], filters: Filters) -> tuple[int, list[M]]:
    """The number of matching objects and the requested page of them (a page past the end is empty)."""
    count = qs.count()
    start = (filters.page - 1) * filters.page_size
    return count, list(qs[start : start + filters.page_size])


def start_year(raw: str) -> int:
    """«2026/2027» or «2026» → 2026 (the pattern of Filters.year has checked the digits)."""
    return int(raw.split("/")[0])


def filter_scope(qs: QuerySet[M], filters: Filters, programme_field: str = "programme") -> QuerySet[M]:
    """Narrows an already scoped queryset by the organisation, programme and academic year asked for."""
    if filters.organisation is not None:
        qs = qs.filter(**{f"{programme_field}__organisation_id": filters.organisation})
    if filters.programme is not None:
        qs = qs.filter(**{f"{programme_field}_id": filters.programme})
    if filters.year is not None:
        qs = qs.filter(**{f"{programme_field}__academic_year__start_year": start_year(filters.year)})
    return qs


def form_errors(form: BaseForm) -> ValidationError:
    """A Django form's errors in ninja's own 422 shape: {"detail": [{"loc": ["body", "body", field], ...}]}."""
    errors: list[dict[str, Any]] = []
    for field, messages in form.errors.items():
        loc = ["body", "body"] if field == "__all__" else ["body", "body", field]
        errors += [{"loc": loc, "msg": str(message), "type": "value_error"} for message in messages]
    return ValidationError(errors)
