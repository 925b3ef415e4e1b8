"""Import of staff and students: upload → preview with row errors and warnings → commit (all rows, or the
correct ones with the skipped rows as an XLSX to fix); a big file is saved in the background; blank forms."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.text import plural_ru
from nastavnik.common.xlsx import append_row, workbook_bytes, xlsx_response
from nastavnik.imports import display, jobs, samples, services
from nastavnik.imports import mapping as mapping_step
from nastavnik.imports.cells import EXPERIENCE_RULE
from nastavnik.imports.forms import UploadForm
from nastavnik.imports.models import ImportBatch, ImportKind, ImportStatus
from nastavnik.orgs.models import MANAGING_ROLES, Organisation

logger = logging.getLogger(__name__)
ROWS_PER_PAGE = 100
# A file full of errors lists this many messages; the rest are counted.
ERRORS_SHOWN = 300
HISTORY_SIZE = 20
NOT_ALLOWED = "Загружать людей из файла может руководитель, куратор или член рабочей группы организации"


def _managed_orgs(request: HttpRequest) -> QuerySet[Organisation]:
    access = access_for(request.user)
    orgs = Organisation.objects.order_by("path")
    return orgs if access.is_admin else orgs.filter(id__in=access.orgs_with(MANAGING_ROLES))


def _batches(request: HttpRequest) -> QuerySet[ImportBatch]:
    """Batches of the organisations the user manages: a batch of another organisation is a 404."""
    access = access_for(request.user)
    require(access.is_admin or bool(access.orgs_with(MANAGING_ROLES)), NOT_ALLOWED)
    batches = ImportBatch.objects.all()
    return batches if access.is_admin else batches.filter(organisation_id__in=access.orgs_with(MANAGING_ROLES))


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    batches = _batches(request)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=_managed_orgs(request))
    if request.method == "POST" and form.is_valid() and "content" in form.cleaned_data:
        batch = jobs.start_preview(
            organisation=form.cleaned_data["organisation"],
            kind=form.cleaned_data["kind"],
            filename=form.cleaned_data["file"].name,
            content=form.cleaned_data["content"],
            rows=form.cleaned_data["estimated_rows"],
            user=request.user,
        )
        messages.info(request, "Файл большой: он читается и проверяется в фоне. Ход проверки — на этой странице.")
        return redirect("imports:preview", pk=batch.pk)
    if request.method == "POST" and form.is_valid():
        batch = mapping_step.start(
            organisation=form.cleaned_data["organisation"],
            kind=form.cleaned_data["kind"],
            source=form.cleaned_data["source"],
            resolution=form.cleaned_data["resolution"],
            filename=form.cleaned_data["file"].name,
            user=request.user,
        )
        if batch.status == ImportStatus.MAPPING:
            return redirect("imports:mapping", pk=batch.pk)
        return redirect("imports:preview", pk=batch.pk)
    history = batches.select_related("organisation", "uploaded_by__person").defer(
        "rows", "errors", "warnings", "source", "upload"
    )
    context = {
        "form": form,
        "history": history[:HISTORY_SIZE],
        "kinds": ImportKind.choices,
        "experience_rule": EXPERIENCE_RULE,
    }
    return render(request, "imports/upload.html", context, status=400 if form.errors else 200)


@login_required
def template(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    _batches(request)
    if kind not in ImportKind.values or fmt not in ("xlsx", "csv"):
        raise Http404("Такого шаблона нет")
    filename = f"{samples.FILENAMES[ImportKind(kind)]}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response(filename, samples.template_xlsx(kind))
    response = HttpResponse(samples.template_csv(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batches = _batches(request).select_related("organisation", "uploaded_by__person").defer("upload")
    batch = get_visible_or_404(batches, pk=pk)
    if batch.status == ImportStatus.MAPPING:
        return redirect("imports:mapping", pk=batch.pk)
    only_errors = request.GET.get("show") == "errors"
    rows = [row for row in batch.rows if row.get("error")] if only_errors else batch.rows
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    good = len(services.loadable(batch.rows))
    waiting = batch.status == ImportStatus.PREVIEW
    context = {
        "batch": batch,
        "summary": batch.summary,
        "page_obj": page,
        "rows": _with_stored_values(_rows_with_messages(page.object_list, batch.errors, batch.warnings), batch),
        "errors": batch.errors[:ERRORS_SHOWN],
        "more_errors": max(0, len(batch.errors) - ERRORS_SHOWN),
        "warnings": batch.warnings[:ERRORS_SHOWN],
        "more_warnings": max(0, len(batch.warnings) - ERRORS_SHOWN),
        "only_errors": only_errors,
        "querystring_without_page": "show=errors&" if only_errors else "",
        "can_commit": waiting and not batch.errors and good > 0,
        "can_skip": waiting and bool(batch.errors) and good > 0,
        "good_rows": good,
        "has_skipped_rows": any(row.get("error") for row in batch.rows),
        "working": batch.status in jobs.WORKING,
        "live": jobs.live_progress(batch),
    }
    return render(request, "imports/preview.html", context)


def _with_stored_values(rows: list[dict[str, Any]], batch: ImportBatch) -> list[dict[str, Any]]:
    keys = display.column_keys(batch.mapping or {})
    return [{**row, "shown": display.shown_cells(row, keys)} for row in rows]


def _rows_with_messages(
    rows: Any, errors: list[dict[str, Any]], warnings: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    lines = {row["line"] for row in rows}
    problems, notes = _by_line(errors, lines), _by_line(warnings, lines)
    return [{**row, "messages": problems.get(row["line"], []), "notes": notes.get(row["line"], [])} for row in rows]


def _by_line(entries: list[dict[str, Any]], lines: set[int]) -> dict[int, list[str]]:
    by_line: dict[int, list[str]] = {}
    for entry in entries:
        if entry["line"] in lines:
            # The table already shows the line number: «строка 5, столбец «Класс»: …» → «столбец «Класс»: …».
            message = entry["message"].removeprefix(f"строка {entry['line']}").lstrip(",: ")
            by_line.setdefault(entry["line"], []).append(message)
    return by_line


@login_required
@require_POST
def commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_visible_or_404(_batches(request).only("pk"), pk=pk)
    skip_invalid = request.POST.get("skip_invalid") == "1"
    try:
        batch = jobs.start_commit(batch.pk, request.user, skip_invalid=skip_invalid)
    except services.CommitRefused as exc:
        messages.error(request, str(exc))
    except DatabaseError:
        logger.exception("Import batch %s failed to commit", batch.pk)
        messages.error(request, jobs.FAILED)
    else:
        if batch.status == ImportStatus.COMMITTED:
            messages.success(request, _committed_message(batch.summary))
        else:
            messages.info(request, "Файл большой: он загружается в базу в фоне. Ход загрузки — на этой странице.")
    return redirect("imports:preview", pk=batch.pk)


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The htmx-polled state of a background save; when it ends, the page reloads to show the result."""
    batch = get_visible_or_404(_batches(request).defer("rows", "errors", "warnings", "source", "upload"), pk=pk)
    response = render(request, "imports/_progress.html", {"batch": batch, "live": jobs.live_progress(batch)})
    if batch.status not in jobs.WORKING and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@login_required
def skipped(request: HttpRequest, pk: int) -> HttpResponse:
    """The rows with errors (skipped, or to be skipped) as an XLSX to fix and upload again.

    The first sheet has exactly the file's columns, so the fixed file goes straight to the preview;
    the reasons are on the second sheet, by line.
    """
    batch = get_visible_or_404(_batches(request), pk=pk)
    bad = [row for row in batch.rows if row.get("error")]
    if not bad:
        raise Http404("В этом файле нет строк с ошибками")
    return xlsx_response(f"oshibochnye-stroki-{batch.pk}.xlsx", _skipped_workbook(batch, bad))


def _skipped_workbook(batch: ImportBatch, bad: list[dict[str, Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    rows = workbook.create_sheet("Строки с ошибками")
    append_row(rows, batch.summary.get("columns", []))
    reasons = workbook.create_sheet("Причины")
    append_row(reasons, ["Строка на листе «Строки с ошибками»", "Строка исходного файла", "Ошибка"])
    messages_by_line = _by_line(batch.errors, {row["line"] for row in bad})
    for position, row in enumerate(bad, start=2):
        append_row(rows, row["cells"])
        for message in messages_by_line.get(row["line"], []):
            append_row(reasons, [position, row["line"], message])
    return workbook_bytes(workbook)


def _committed_message(summary: dict[str, Any]) -> str:
    created, updated = summary.get("created", 0), summary.get("updated", 0)
    text = (
        f"Загружено в базу: {created} {plural_ru(created, 'новый человек', 'новых человека', 'новых человек')}, "
        f"обновлены данные {updated} {plural_ru(updated, 'человека', 'человек', 'человек')}"
    )
    if summary.get("unchanged"):
        text += f", без изменений — {summary['unchanged']}"
    return text + "."
