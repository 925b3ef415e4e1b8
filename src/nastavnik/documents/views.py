"""Editable DOCX templates: download the built-in or the current one, upload your own, go back.

An organisation's director or curator manages the templates of that organisation (they
apply to it and to the organisations below it); the platform administrator manages the
templates for everyone (no organisation) or for any organisation (`?org=`).
"""

from __future__ import annotations

import importlib.util
import io
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.http import DOCX_TYPE
from nastavnik.documents import rendering
from nastavnik.documents.forms import TemplateUploadForm
from nastavnik.documents.models import DocumentTemplate, TemplateKind
from nastavnik.orgs.models import Organisation, Role

TEMPLATE_ROLES = frozenset({Role.DIRECTOR, Role.CURATOR})


class Scope:
    """Whose templates the page manages: one organisation, or the whole platform (organisation None)."""

    def __init__(self, organisation: Organisation | None, choices: list[Organisation], is_admin: bool) -> None:
        self.organisation = organisation
        self.choices = choices
        self.is_admin = is_admin

    @property
    def query(self) -> str:
        return f"?org={self.organisation.pk}" if self.organisation else ""

    @property
    def name(self) -> str:
        return self.organisation.short_name if self.organisation else "все организации платформы"


def _scope(request: HttpRequest) -> Scope:
    access = access_for(request.user)
    allowed = access.orgs_with(TEMPLATE_ROLES)
    require(access.is_admin or bool(allowed), "Шаблоны документов настраивают директор и куратор организации.")
    orgs = Organisation.objects.all() if access.is_admin else Organisation.objects.filter(pk__in=allowed)
    choices = [] if access.is_admin else list(orgs.order_by("path"))
    raw = (request.POST.get("org") or request.GET.get("org") or "").strip()
    if raw:
        if not raw.isdigit():
            raise Http404("Организация не найдена")
        return Scope(get_visible_or_404(orgs, pk=int(raw)), choices, access.is_admin)
    if access.is_admin:
        return Scope(None, choices, True)
    return Scope(choices[0], choices, False)


def _kind(kind: str) -> TemplateKind:
    if kind not in TemplateKind.values:
        raise Http404("Нет такого документа")
    return TemplateKind(kind)


def builtin_available(kind: str) -> bool:
    module = rendering.BUILTIN.get(kind)
    return module is not None and importlib.util.find_spec(module) is not None


def _own(kind: str, organisation: Organisation | None) -> DocumentTemplate | None:
    return (
        DocumentTemplate.objects.filter(kind=kind, organisation=organisation)
        .select_related("uploaded_by__person")
        .first()
    )


def _example(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    return str(value)


def describe_tags(sample: dict[str, Any]) -> list[dict[str, Any]]:
    """The tags a template of this kind may use, with example values, read from the sample context."""
    rows: list[dict[str, Any]] = []
    for key, value in sample.items():
        if isinstance(value, dict):
            rows += [{"tag": f"{{{{ {key}.{sub} }}}}", "example": _example(v)} for sub, v in value.items()]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            var = key[0]
            rows.append(
                {
                    "tag": f"{{%tr for {var} in {key} %}} … {{%tr endfor %}}",
                    "example": "строки таблицы, по одной на каждый элемент",
                    "loop": True,
                }
            )
            rows += [
                {"tag": f"{{{{ {var}.{sub} }}}}", "example": _example(v), "inner": True} for sub, v in value[0].items()
            ]
        else:
            rows.append({"tag": f"{{{{ {key} }}}}", "example": _example(value)})
    return rows


def _kind_row(kind: TemplateKind, scope: Scope) -> dict[str, Any]:
    available = builtin_available(kind)
    own = _own(kind, scope.organisation)
    effective = rendering.custom_template(kind, scope.organisation) if available else None
    if own is not None:
        state = "Свой шаблон"
    elif effective is not None and effective.organisation is not None:
        state = f"Шаблон организации «{effective.organisation.short_name}»"
    elif effective is not None:
        state = "Общий шаблон платформы"
    else:
        state = "Встроенный шаблон"
    return {
        "kind": kind,
        "label": kind.label,
        "available": available,
        "own": own,
        "state": state,
        "state_text": state[0].lower() + state[1:],
        "tags": describe_tags(rendering.sample_context(kind)) if available else [],
    }


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    context = {"scope": scope, "kinds": [_kind_row(kind, scope) for kind in TemplateKind]}
    return render(request, "documents/template_list.html", context)


def _docx(data: bytes, filename: str) -> HttpResponseBase:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX_TYPE)


@login_required
def template_builtin(request: HttpRequest, kind: str) -> HttpResponseBase:
    _scope(request)
    document = _kind(kind)
    if not builtin_available(document):
        raise Http404("Встроенный шаблон этого документа ещё не готов")
    return _docx(rendering.builtin_template(document), f"shablon-{document.value}-vstroennyj.docx")


@login_required
def template_current(request: HttpRequest, kind: str) -> HttpResponseBase:
    scope = _scope(request)
    document = _kind(kind)
    if not builtin_available(document):
        raise Http404("Встроенный шаблон этого документа ещё не готов")
    return _docx(rendering.template_bytes(document, scope.organisation), f"shablon-{document.value}.docx")


def _list_url(scope: Scope) -> str:
    return reverse("documents:templates") + scope.query


@login_required
def template_upload(request: HttpRequest, kind: str) -> HttpResponse:
    scope = _scope(request)
    document = _kind(kind)
    if not builtin_available(document):
        raise Http404("Встроенный шаблон этого документа ещё не готов")
    if request.method == "POST":
        form = TemplateUploadForm(request.POST, request.FILES, kind=document)
        if form.is_valid():
            _save(document, scope.organisation, form.data_bytes, request)
            messages.success(
                request, f"Шаблон «{document.label}» загружен: документы {_whom(scope)} собираются по нему."
            )
            return redirect(_list_url(scope))
    else:
        form = TemplateUploadForm(kind=document)
    context = {"scope": scope, "row": _kind_row(document, scope), "form": form}
    return render(request, "documents/template_upload.html", context, status=400 if form.errors else 200)


def _whom(scope: Scope) -> str:
    if scope.organisation is None:
        return "всех организаций без своего шаблона"
    return f"организации «{scope.organisation.short_name}» и подведомственных"


@transaction.atomic
def _save(kind: str, organisation: Organisation | None, data: bytes, request: HttpRequest) -> DocumentTemplate:
    template = _own(kind, organisation) or DocumentTemplate(kind=kind, organisation=organisation)
    old = template.file.name if template.pk and template.file else ""
    owner = organisation.pk if organisation else "platform"
    template.file.save(f"{kind}-{owner}.docx", ContentFile(data), save=False)
    template.uploaded_by = request.user if request.user.is_authenticated else None
    template.save()
    if old and old != template.file.name:
        template.file.storage.delete(old)
    return template


@login_required
@require_POST
def template_reset(request: HttpRequest, kind: str) -> HttpResponse:
    scope = _scope(request)
    document = _kind(kind)
    own = _own(document, scope.organisation)
    if own is None:
        messages.info(request, "Свой шаблон не загружен — и так используется встроенный или вышестоящий.")
    else:
        name = own.file.name
        own.delete()
        if name:
            own.file.storage.delete(name)
        now = _kind_row(document, scope)["state_text"]
        messages.success(request, f"Свой шаблон «{document.label}» удалён: теперь используется {now}.")
    return redirect(_list_url(scope))
