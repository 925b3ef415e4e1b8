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
import logging
from typing import Any

from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from nastavnik.documents.models import DocumentTemplate
from nastavnik.documents.sandbox import Source, TemplateError, by_lines, check_source, make_env, render_source

logger = logging.getLogger(__name__)
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders as templates too.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
NOT_A_DOCX = "Шаблон не подходит: файл не открывается как документ Word (.docx)."

BUILTIN: dict[str, str] = {
    "order": "nastavnik.documents.builtin_order",
    "programme": "nastavnik.documents.builtin_programme",
    "roadmap": "nastavnik.documents.builtin_programme",
    "certificate": "nastavnik.documents.builtin_awards",
    "thanks": "nastavnik.documents.builtin_awards",
    "thanks_parents": "nastavnik.documents.builtin_awards",
    "thanks_employer": "nastavnik.documents.builtin_awards",
    "report": "nastavnik.documents.builtin_report",
    "passport": "nastavnik.documents.builtin_report",
}


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


def open_template(data: bytes) -> DocxTemplate:
    """The DOCX as a docxtpl template; a file that is not a Word document is a TemplateError."""
    try:
        document = DocxTemplate(io.BytesIO(data))
        document.get_docx()
    except Exception:  # python-docx raises zipfile, lxml and KeyError alike on a foreign file
        raise TemplateError(NOT_A_DOCX) from None
    return document


def template_sources(document: DocxTemplate) -> list[Source]:
    """Every piece of Jinja text docxtpl renders: body, headers, footers, footnotes, core properties."""
    docx = document.get_docx()
    sources = [Source("основной текст", by_lines(document.patch_xml(document.get_xml())))]
    for uri, where in ((document.HEADER_URI, "верхний колонтитул"), (document.FOOTER_URI, "нижний колонтитул")):
        for _, part in document.get_headers_footers(uri):
            sources.append(Source(where, by_lines(document.patch_xml(document.get_part_xml(part)))))
    for part in docx.part.package.parts:
        if part.content_type == FOOTNOTES_TYPE:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            sources.append(Source("сноски", by_lines(document.patch_xml(blob))))
    for name in PROPERTIES:
        value = getattr(docx.core_properties, name)
        if value:
            sources.append(Source("свойства документа", str(value)))
    return sources


def diagnose(data: bytes, context: dict[str, Any]) -> None:
    """Raise a TemplateError naming the first field that is unsafe, badly written or fails with `context`."""
    sources = template_sources(open_template(data))
    env = make_env()
    for source in sources:
        check_source(env, source)
    for source in sources:
        render_source(env, source, context)


def render_document(document: DocxTemplate, context: dict[str, Any]) -> None:
    """Render in the sandbox; any failure becomes a Russian TemplateError without server values."""
    try:
        document.render(context, jinja_env=make_env(), autoescape=True)
    except Exception as error:  # a user's template fails in many ways: Jinja, XML, the sandbox
        logger.warning("DOCX template failed to render: %s", type(error).__name__)
        raise TemplateError(f"Шаблон не подходит: документ по нему не собирается ({_kind(error)}).") from None


def _kind(error: BaseException) -> str:
    if isinstance(error, SecurityError):
        return "шаблон обращается к служебным атрибутам"
    return "ошибка в тегах шаблона или в самом файле"


def render_template_bytes(template: bytes, context: dict[str, Any]) -> bytes:
    """The rendered DOCX; a template that fails is diagnosed to name the field in the error."""
    document = open_template(template)
    try:
        render_document(document, context)
    except TemplateError:
        diagnose(template, context)  # raises the precise message when a field is to blame
        raise
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_docx(kind: str, context: dict[str, Any], organisation: Any = None) -> bytes:
    """Render the document of `kind` for `organisation` with `context`."""
    return render_template_bytes(template_bytes(kind, organisation), context)


def check_template(kind: str, data: bytes) -> None:
    """Refuse an upload that is not a DOCX, reaches for internals, or does not render with sample data.

    The syntax tree is checked before anything is rendered, so a hostile template never runs.
    """
    context = sample_context(kind)
    diagnose(data, context)
    render_template_bytes(data, context)
