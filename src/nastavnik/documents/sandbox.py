"""The sandbox every DOCX template is rendered in, and the checks an uploaded template passes first.

A template is code written by a user: a plain Jinja environment lets `{{ cycler.__init__.__globals__ }}`
reach the server's modules. Every render (uploads, built-ins, the upload check) goes through
`make_env()`, an immutable Jinja sandbox that also refuses huge `*` and `**` results. Before an upload
is rendered at all, `check_source` reads the Jinja syntax tree and refuses any reach for internals
(attributes starting with `_`, `format`, `mro`...), so nothing of a hostile template ever runs.

Error messages name the field as the user wrote it and the kind of error in Russian; they never
include the exception text, which could carry a value from the server.
"""

from __future__ import annotations

import html
import re
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import TemplateSyntaxError, UndefinedError, nodes
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_POWER_BITS = 4096
MAX_REPEATED_LENGTH = 100_000
# Attributes that lead from an ordinary value to code or frames even without an underscore.
UNSAFE_ATTRIBUTES = frozenset(
    {
        "format",
        "format_map",
        "mro",
        "gi_frame",
        "gi_code",
        "cr_frame",
        "cr_code",
        "ag_frame",
        "ag_code",
        "f_globals",
        "f_locals",
        "f_builtins",
        "tb_frame",
        "func_globals",
        "func_code",
    }
)
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
FIELD_LENGTH = 100


class TemplateError(JinjaTemplateError):
    """A template that cannot be used; the message is Russian and carries no value from the server."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Source:
    """One piece of Jinja text of a DOCX (the body, a header, a footer...) as docxtpl renders it."""

    where: str
    text: str


class DocumentSandbox(ImmutableSandboxedEnvironment):
    """Jinja sandbox: no internals, no mutation of values, no gigantic strings or numbers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _power_bits(left, right) > MAX_POWER_BITS:
            raise SecurityError("power too large")
        if operator == "*" and _repeated_length(left, right) > MAX_REPEATED_LENGTH:
            raise SecurityError("repeated value too long")
        return super().call_binop(context, operator, left, right)


def _power_bits(base: Any, exponent: Any) -> int:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0:
        return base.bit_length() * exponent
    return 0


def _repeated_length(left: Any, right: Any) -> int:
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | list | tuple) and isinstance(times, int):
            return len(sequence) * times
    return 0


def make_env() -> DocumentSandbox:
    """A fresh sandboxed environment (docxtpl changes its autoescape flag, so one per render)."""
    return DocumentSandbox(autoescape=True)


def by_lines(xml: str) -> str:
    """The XML with a line per paragraph, exactly as docxtpl feeds it to Jinja (line numbers match)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def field_at(text: str, lineno: int | None, hint: str = "") -> str:
    """The Jinja tag on a line of the source, as the user typed it (the one containing `hint` if any)."""
    lines = text.splitlines()
    if lineno is None or not 1 <= lineno <= len(lines):
        return hint or "?"
    plain = html.unescape(_XML_TAG.sub("", lines[lineno - 1]))
    tags = _TAG.findall(plain) or [plain.strip()]
    chosen = next((tag for tag in tags if hint and hint in tag), tags[0])
    chosen = " ".join(chosen.split())
    return chosen if len(chosen) <= FIELD_LENGTH else chosen[: FIELD_LENGTH - 1] + "…"


def _private(name: Any) -> bool:
    return isinstance(name, str) and any(part.startswith("_") for part in name.split("."))


def _unsafe_reason(node: nodes.Node) -> str:
    """Why a node of the syntax tree is refused, or an empty string."""
    if isinstance(node, nodes.Getattr | nodes.NSRef):
        if _private(node.attr) or node.attr in UNSAFE_ATTRIBUTES:
            return "обращается к служебным атрибутам"
    elif isinstance(node, nodes.Getitem):
        if isinstance(node.arg, nodes.Const) and _private(node.arg.value):
            return "обращается к служебным атрибутам"
    elif isinstance(node, nodes.Filter | nodes.Test):
        arguments = [*node.args, *(keyword.value for keyword in node.kwargs)]
        if node.name == "attr" and not all(isinstance(a, nodes.Const) for a in arguments):
            return "обращается к атрибутам по вычисляемому имени"
        if any(isinstance(a, nodes.Const) and _private(a.value) for a in arguments):
            return "обращается к служебным атрибутам"
    elif isinstance(node, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends):
        return "подключает другие шаблоны, а это не поддерживается"
    return ""


def _hint(node: nodes.Node) -> str:
    if isinstance(node, nodes.Getattr | nodes.NSRef):
        return str(node.attr)
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return str(node.arg.value)
    if isinstance(node, nodes.Filter | nodes.Test):
        return str(node.name)
    return ""


def _checked_nodes(tree: nodes.Template) -> Iterator[nodes.Node]:
    kinds = (nodes.Getattr, nodes.NSRef, nodes.Getitem, nodes.Filter, nodes.Test)
    yield from tree.find_all((*kinds, nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends))


def _syntax_hint(error: BaseException) -> str:
    """The template's own words quoted by a syntax error (a filter's name...): picks the tag, never shown."""
    if not isinstance(error, TemplateSyntaxError):
        return ""
    quoted = re.search(r"'([^']+)'", error.message or "")
    return quoted.group(1) if quoted else ""


def check_source(env: DocumentSandbox, source: Source) -> None:
    """Refuse a source whose Jinja does not parse or reaches for internals; nothing is rendered."""
    try:
        tree = env.parse(source.text)
    except TemplateSyntaxError as error:
        field = field_at(source.text, error.lineno, _syntax_hint(error))
        raise TemplateError(f"Шаблон не подходит: поле «{field}» записано с ошибкой ({source.where}).") from None
    for node in _checked_nodes(tree):
        reason = _unsafe_reason(node)
        if reason:
            field = field_at(source.text, node.lineno, _hint(node))
            raise TemplateError(f"Шаблон не подходит: поле «{field}» {reason} ({source.where}).")


def _error_kind(error: BaseException) -> str:
    if isinstance(error, SecurityError):
        return "обращается к служебным атрибутам или слишком велико"
    if isinstance(error, UndefinedError):
        return "ссылается на данные, которых в документе нет"
    if isinstance(error, TemplateSyntaxError):
        return "записано с ошибкой"
    if isinstance(error, JinjaTemplateError):
        return "не поддерживается"
    return "не вычисляется с данными документа"


def template_line(error: BaseException) -> int | None:
    """The line of the template where a render error happened (Jinja puts template frames in the traceback)."""
    if isinstance(error, TemplateSyntaxError):
        return error.lineno
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1].lineno if frames else None


def render_source(env: DocumentSandbox, source: Source, context: dict[str, Any]) -> None:
    """Render one source with the (sample) context; a failure names the field and the kind of error."""
    try:
        env.from_string(source.text).render(context)
    except Exception as error:  # any error of a user's template: the message names the field only
        field = field_at(source.text, template_line(error), _syntax_hint(error))
        raise TemplateError(f"Шаблон не подходит: поле «{field}» {_error_kind(error)} ({source.where}).") from None
