"""One validator for every uploaded attachment (meeting log, roadmap evidence, best practices).

The limits come from settings (``ATTACHMENT_MAX_BYTES``, ``ATTACHMENT_EXTENSIONS``) so an
installation can widen or narrow them without touching code; the messages are in Russian and
name the limit so a teacher knows what to do next.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError


def max_bytes() -> int:
    return int(settings.ATTACHMENT_MAX_BYTES)


def allowed_extensions() -> list[str]:
    return [str(ext).lower().lstrip(".") for ext in settings.ATTACHMENT_EXTENSIONS]


def human_size(size: int) -> str:
    """«10 МБ», «512 КБ», «300 байт»: the limit as a person reads it."""
    mb = 1024 * 1024
    if size >= mb:
        value = size / mb
        text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
        return f"{text} МБ"
    if size >= 1024:
        return f"{size // 1024} КБ"
    return f"{size} байт"


def extension_of(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def accept_attribute() -> str:
    """Value for ``<input type=file accept=…>`` matching the allowed types."""
    return ",".join(f".{ext}" for ext in allowed_extensions())


def validate_upload(file: Any) -> None:
    """Refuse an empty, too large or disallowed file with a Russian ``ValidationError``."""
    if file is None:
        raise ValidationError("Файл не выбран.", code="missing")
    name = str(getattr(file, "name", "") or "")
    size = int(getattr(file, "size", 0) or 0)
    limit = max_bytes()
    if size > limit:
        raise ValidationError(f"Файл больше {human_size(limit)}: «{PurePath(name).name}».", code="too_large")
    if size == 0:
        raise ValidationError(f"Файл пустой: «{PurePath(name).name}».", code="empty")
    allowed = allowed_extensions()
    ext = extension_of(name)
    if not ext or ext not in allowed:
        shown = f".{ext}" if ext else "без расширения"
        raise ValidationError(f"Этот тип файла не принимается: {shown}. Можно: {', '.join(allowed)}.", code="bad_type")
