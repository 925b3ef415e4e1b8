"""The column mapping step: the file's columns with the proposed fields and sample values, then the preview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import get_visible_or_404
from nastavnik.imports import jobs
from nastavnik.imports import mapping as mapping_step
from nastavnik.imports.columns import ImportFileError
from nastavnik.imports.forms import MappingForm
from nastavnik.imports.models import ImportStatus
from nastavnik.imports.views import _batches

# The mapping can be changed until the rows are saved.
CHANGEABLE = (ImportStatus.MAPPING, ImportStatus.PREVIEW)


@login_required
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(_batches(request).select_related("organisation").defer("upload"), pk=pk)
    if batch.status not in CHANGEABLE or not batch.source:
        return redirect("imports:preview", pk=batch.pk)
    source = mapping_step.source_of(batch)
    form = MappingForm(
        request.POST or None,
        source=source,
        kind=batch.kind,
        organisation_kind=batch.organisation.kind,
        mapping=mapping_step.mapping_of(batch),
    )
    if request.method == "POST" and form.is_valid() and jobs.is_big(len(source.rows)):
        with transaction.atomic():
            mapping_step.confirm_for_job(batch, form.cleaned_data["mapping"])
            jobs.queue_confirmed(batch)
        messages.info(request, "Файл большой: он проверяется в фоне. Ход проверки — на этой странице.")
        return redirect("imports:preview", pk=batch.pk)
    if request.method == "POST" and form.is_valid():
        try:
            new = mapping_step.confirm(batch, form.cleaned_data["mapping"], request.user)
        except ImportFileError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("imports:preview", pk=new.pk)
    context = {"batch": batch, "form": form, "columns": form.columns(), "notes": source.notes}
    return render(request, "imports/mapping.html", context, status=400 if form.errors else 200)
