"""Import of answers from Yandex Forms / Google Forms: upload → column mapping → preview → commit."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.text import plural_ru
from nastavnik.common.xlsx import xlsx_response
from nastavnik.surveys import import_writing, importing
from nastavnik.surveys.forms_import import AnswerFileForm, MappingForm
from nastavnik.surveys.models import AnswerImport, AnswerImportStatus
from nastavnik.surveys.views import campaign_for_manage, visible_campaigns

logger = logging.getLogger(__name__)
NOT_ALLOWED = "Загружать ответы из форм может куратор организации"
ERRORS_SHOWN = 300
HISTORY_SIZE = 10


def _require_staff(request: HttpRequest) -> None:
    # Pupils, parents and teachers get 403 before any object is looked up.
    require(access_for(request.user).is_staff_reader, NOT_ALLOWED)


def _batch_for_manage(request: HttpRequest, pk: int, *, with_rows: bool = False) -> AnswerImport:
    """A batch of a campaign the user manages: another organisation's batch is a 404."""
    _require_staff(request)
    batches = AnswerImport.objects.filter(campaign__in=visible_campaigns(request)).select_related(
        "campaign__version__instrument", "campaign__organisation", "uploaded_by__person"
    )
    batch = get_visible_or_404(batches if with_rows else batches.defer("rows"), pk=pk)
    require(access_for(request.user).can_manage_org(batch.campaign.organisation), NOT_ALLOWED)
    return batch


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    campaign = campaign_for_manage(request, pk)
    blockers = importing.blockers(campaign)
    form = AnswerFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not blockers and form.is_valid():
        batch = importing.create_batch(campaign, form.cleaned_data["file"].name, form.table, request.user)
        return redirect("surveys:import_map", pk=batch.pk)
    history = campaign.answer_imports.select_related("uploaded_by__person").defer("rows", "columns", "errors")
    context = {"campaign": campaign, "form": form, "blockers": blockers, "history": history[:HISTORY_SIZE]}
    failed = request.method == "POST" and (bool(form.errors) or bool(blockers))
    return render(request, "surveys/import_upload.html", context, status=400 if failed else 200)


@login_required
def import_map(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for_manage(request, pk, with_rows=request.method == "POST")
    if batch.status == AnswerImportStatus.COMMITTED:
        return redirect("surveys:import_preview", pk=batch.pk)
    form = MappingForm(request.POST or None, batch=batch)
    if request.method == "POST" and form.is_valid():
        importing.save_mapping(batch, form.mapping())
        return redirect("surveys:import_preview", pk=batch.pk)
    context = {"batch": batch, "campaign": batch.campaign, "form": form}
    return render(request, "surveys/import_map.html", context, status=400 if form.errors else 200)


@login_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for_manage(request, pk)
    summary: dict[str, Any] = batch.summary
    mapping = importing.Mapping.from_json(batch.mapping)
    context = {
        "batch": batch,
        "campaign": batch.campaign,
        "summary": summary,
        "mapped": _mapped(batch, mapping),
        "errors": batch.errors[:ERRORS_SHOWN],
        "more_errors": max(0, summary.get("errors", 0) - ERRORS_SHOWN),
        "can_commit": batch.status == AnswerImportStatus.CHECKED and summary.get("ready", 0) > 0,
    }
    return render(request, "surveys/import_preview.html", context)


def _mapped(batch: AnswerImport, mapping: importing.Mapping) -> list[tuple[str, str]]:
    """(question, column) for the preview: what goes where."""
    rows = []
    for title, column in (("Участник", mapping.respondent), ("Класс", mapping.klass), ("Время ответа", mapping.time)):
        if column is not None and column < len(batch.columns):
            rows.append((title, importing.column_label(column, batch.columns[column])))
    for question in importing.questions(batch.campaign):
        column = mapping.questions.get(question.id)
        if column is not None and column < len(batch.columns):
            rows.append((question.text, importing.column_label(column, batch.columns[column])))
        elif question.id in mapping.consent:
            rows.append((question.text, "нет в форме: все ответившие согласились"))
    return rows


@login_required
@require_POST
def import_commit(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_for_manage(request, pk)
    skip_invalid = request.POST.get("skip_invalid") == "1"
    try:
        batch = import_writing.commit_batch(batch.pk, skip_invalid=skip_invalid)
    except import_writing.CommitRefused as exc:
        messages.error(request, str(exc))
    except DatabaseError:
        logger.exception("Answer import %s failed to commit", batch.pk)
        messages.error(request, "Не удалось записать ответы в базу; ничего не сохранено. Попробуйте ещё раз.")
    else:
        created, skipped = batch.summary.get("created", 0), batch.summary.get("skipped", 0)
        text = f"Загружено в базу: {created} {plural_ru(created, 'ответ', 'ответа', 'ответов')}."
        if skipped:
            text += f" Пропущено строк с ошибками: {skipped}."
        messages.success(request, text)
    return redirect("surveys:import_preview", pk=batch.pk)


@login_required
def import_skipped(request: HttpRequest, pk: int) -> HttpResponse:
    """The rows with errors (to be skipped, or skipped by the commit) with their reasons, as XLSX."""
    batch = _batch_for_manage(request, pk, with_rows=True)
    return xlsx_response(f"skipped-rows-{batch.pk}.xlsx", import_writing.skipped_rows_xlsx(batch))
