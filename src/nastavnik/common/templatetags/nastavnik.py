"""Template helpers: Russian plural forms and dates in ДД.ММ.ГГГГ."""

from __future__ import annotations

import datetime

from django import template

from nastavnik.common.text import plural_ru

register = template.Library()


@register.filter
def plural(count: int, forms: str) -> str:
    """`{{ n|plural:"пара,пары,пар" }}` → "5 пар"."""
    one, few, many = forms.split(",")
    return f"{count} {plural_ru(int(count), one, few, many)}"


@register.filter
def ru_date(value: datetime.date | datetime.datetime | None) -> str:
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    return mapping.get(key)
