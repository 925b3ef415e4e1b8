"""DOCX documents from editable templates (docxtpl, Jinja tags inside a Word file).

Every document kind has a built-in template, built in code by the module named in
BUILTIN (function `build_template(kind) -> bytes`, plus `sample_context(kind) -> dict`
used to check an uploaded template). An organisation, or the platform for everyone, may
upload its own DOCX instead (DocumentTemplate); the nearest one up the organisation
tree wins.
"""

from __future__ import annotations

import importlib
import io
from typing import Any

from docxtpl import DocxTemplate

from nastavnik.documents.models import DocumentTemplate

BUILTIN: dict[str, str] = {
    "order": "nastavnik.documents.builtin_order",
    "programme": "nastavnik.documents.builtin_programme",
    "roadmap": "nastavnik.documents.builtin_programme",
    "certificate": "nastavnik.documents.builtin_awards",
    "thanks": "nastavnik.documents.builtin_awards",
    "report": "nastavnik.documents.builtin_report",
    "passport": "nastavnik.documents.builtin_report",
}


class TemplateError(Exception):
    """An uploaded template cannot be used; the message is Russian."""


def _module(kind: str) -> Any:
    return importlib.import_module(BUILTIN[kind])


def builtin_template(kind: str) -> bytes:
    """The built-in DOCX template of a kind, with its Jinja tags (what a user downloads to edit)."""
    return bytes(_module(kind).build_template(kind))


def sample_context(kind: str) -> dict[str, Any]:
    return dict(_module(kind).sample_context(kind))


def custom_template(kind: str, organisation: Any = None) -> DocumentTemplate | None:
    """The uploaded template nearest to the organisation: its own, an ancestor's, or the platform's."""
    candidates = DocumentTemplate.objects.filter(kind=kind)
    if organisation is not None:
        parts = [part for part in organisation.path.split("/") if part]
        ancestors = {"/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)}
        owned = {t.organisation.path: t for t in candidates.select_related("organisation") if t.organisation}
        for path in sorted((p for p in owned if p in ancestors), key=len, reverse=True):
            return owned[path]
    return candidates.filter(organisation__isnull=True).first()


def template_bytes(kind: str, organisation: Any = None) -> bytes:
    custom = custom_template(kind, organisation)
    if custom is not None:
        with custom.file.open("rb") as handle:
            return bytes(handle.read())
    return builtin_template(kind)


def render_template_bytes(template: bytes, context: dict[str, Any]) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(kind: str, context: dict[str, Any], organisation: Any = None) -> bytes:
    """Render the document of `kind` for `organisation` with `context`."""
    return render_template_bytes(template_bytes(kind, organisation), context)


def check_template(kind: str, data: bytes) -> None:
    """Refuse an upload that is not a DOCX or that does not render with sample data."""
    try:
        render_template_bytes(data, sample_context(kind))
    except Exception as error:  # docxtpl raises zipfile, lxml and jinja2 errors alike
        raise TemplateError(f"Шаблон не подходит: {type(error).__name__}: {error}") from None
