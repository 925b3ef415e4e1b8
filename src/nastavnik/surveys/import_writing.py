"""The commit of a checked batch of form answers, and the XLSX of the rows it skips.

- All or nothing by default: one bad row blocks the whole file and nothing is written. With
  ``skip_invalid`` the correct rows are written and the bad ones are skipped; they stay in the
  batch (only they) so that the curator can download them with the reasons, fix and upload again.
- The commit re-checks every row (someone may have answered by the personal link since the
  preview). An answer by link that lands between that check and the write is refused by the
  database (one response per person per campaign): the row is written in its own savepoint and
  the refusal becomes a Russian error on that row, never a 500.
- Commits of one campaign are serialised (its row is locked), so two batches with the same rows
  cannot both pass the repeat check.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from nastavnik.common.changes import FIGURES, touch
from nastavnik.common.xlsx import build_workbook
from nastavnik.surveys import engine
from nastavnik.surveys.import_respondents import invited_classes
from nastavnik.surveys.importing import Mapping, Outcome, Ready, check_rows, store_outcome
from nastavnik.surveys.models import (
    AnswerImport,
    AnswerImportStatus,
    Campaign,
    ImportedResponse,
    Invitation,
    Response,
)

BATCH_SIZE = 500
ALREADY_COMMITTED = "Эти ответы уже загружены в базу. Повторная загрузка ничего не изменила."
NOT_CHECKED = "Сначала сопоставьте столбцы файла с вопросами анкеты."
HAS_ERRORS = "В файле есть ошибки: исправьте их и загрузите файл заново. В базу ничего не записано."
NO_GOOD_ROWS = "В файле нет ни одной строки без ошибок. В базу ничего не записано."
NOTHING_NEW = "В файле нет новых ответов: все строки уже загружены раньше."
ANSWERED_MEANWHILE = "строка {line}: участник ответил на опрос по личной ссылке, пока загружался файл"
NO_REASON = "ошибка в строке (подробности не сохранены: в файле слишком много ошибок)"


class CommitRefused(Exception):
    """The batch cannot be committed; the message is Russian and nothing was written."""


class _Refuse(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__("the commit found errors")
        self.outcome = outcome


def commit_batch(batch_id: int, *, skip_invalid: bool = False) -> AnswerImport:
    """Write every row in one transaction, or nothing; with ``skip_invalid`` the correct rows only."""
    try:
        with transaction.atomic():
            batch = _claim(batch_id)
            # Checked again: someone may have answered by the personal link since the preview.
            outcome = check_rows(batch)
            if (outcome.errors and not skip_invalid) or not outcome.ready:
                raise _Refuse(outcome)
            _write(batch, outcome)
            if outcome.error_lines and not skip_invalid:
                raise _Refuse(outcome)  # a row refused by the database: the savepoint of the whole commit goes
            _finish(batch, outcome)
            return batch
    except _Refuse as refused:
        batch = AnswerImport.objects.select_related("campaign").get(pk=batch_id)
        store_outcome(batch, refused.outcome)
        raise CommitRefused(_refusal(refused.outcome, skip_invalid)) from None


def _claim(batch_id: int) -> AnswerImport:
    # One commit at a time per campaign: the repeat check must see the other's rows.
    Campaign.objects.select_for_update().filter(answer_imports=batch_id).first()
    claimed = AnswerImport.objects.filter(pk=batch_id, status=AnswerImportStatus.CHECKED).update(
        status=AnswerImportStatus.COMMITTED, committed_at=timezone.now()
    )
    batch = AnswerImport.objects.select_related("campaign__version", "campaign__organisation").get(pk=batch_id)
    if not claimed:
        raise CommitRefused(ALREADY_COMMITTED if batch.status == AnswerImportStatus.COMMITTED else NOT_CHECKED)
    return batch


def _refusal(outcome: Outcome, skip_invalid: bool) -> str:
    if outcome.errors and not skip_invalid:
        return HAS_ERRORS
    return NO_GOOD_ROWS if outcome.errors else NOTHING_NEW


def _finish(batch: AnswerImport, outcome: Outcome) -> None:
    summary = outcome.summary(Mapping.from_json(batch.mapping), batch.campaign)
    batch.summary = {**summary, "created": len(outcome.ready), "skipped": len(outcome.error_lines)}
    # The answers now live in responses; the file's cells (names, e-mails) are not kept, but for the skipped rows.
    skipped = set(outcome.error_lines)
    batch.rows = [row for row in batch.rows if row[0] in skipped]
    batch.errors = outcome.errors
    batch.save(update_fields=["summary", "rows", "errors"])


def _day(moment: datetime.datetime) -> datetime.datetime:
    # As for answers by link (services.store_response): an anonymous answer keeps only its day.
    return moment.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _response(campaign: Campaign, row: Ready, classes: dict[int, str], now: datetime.datetime) -> Response:
    moment = row.submitted_at or now
    person = None if campaign.anonymous else row.person
    return Response(
        campaign=campaign,
        version=campaign.version,
        person_id=person,
        refused=row.refused,
        answers=row.answers,
        scores=[] if row.refused else engine.score(campaign.version.definition, row.answers),
        submitted_at=_day(moment) if campaign.anonymous else moment,
        class_name=classes.get(person, "") if person else "",
    )


def _write(batch: AnswerImport, outcome: Outcome) -> None:
    """Write the ready rows; a row the database refuses moves from ``ready`` to the errors."""
    campaign = batch.campaign
    classes = {}
    if any(row.person for row in outcome.ready):
        classes = {pk: f"{grade}{letter}" for pk, (grade, letter) in invited_classes(campaign).items()}
    now = timezone.now()
    responses = [_response(campaign, row, classes, now) for row in outcome.ready]
    try:
        with transaction.atomic():
            Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
    except IntegrityError:
        responses = _write_one_by_one(responses, outcome)
    ImportedResponse.objects.bulk_create(
        [
            ImportedResponse(response=r, batch=batch, row_hash=row.row_hash, fingerprint=row.fingerprint)
            for r, row in zip(responses, outcome.ready, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    answered = [
        Invitation(pk=row.invitation, answered_at=row.submitted_at or now)
        for row in outcome.ready
        if row.invitation and row.person and not campaign.anonymous
    ]
    Invitation.objects.bulk_update(answered, ["answered_at"], batch_size=BATCH_SIZE)
    touch(*FIGURES)  # answers written in bulk: no model signals


def _write_one_by_one(responses: list[Response], outcome: Outcome) -> list[Response]:
    """Each response in its own savepoint: the ones a concurrent answer by link beat become row errors."""
    written: list[Response] = []
    kept: list[Ready] = []
    for response, row in zip(responses, outcome.ready, strict=True):
        response.pk = None
        try:
            with transaction.atomic():
                response.save(force_insert=True)
        except IntegrityError:
            outcome.add_errors(row.line, [ANSWERED_MEANWHILE.format(line=row.line)])
            continue
        written.append(response)
        kept.append(row)
    outcome.ready = kept
    return written


# -- the skipped rows ---------------------------------------------------------------------------------


def skipped_rows_xlsx(batch: AnswerImport) -> bytes:
    """The rows with errors, as in the file, with the reasons in front: fix them and upload again."""
    reasons: dict[int, list[str]] = {}
    for error in batch.errors:
        reasons.setdefault(int(error["line"]), []).append(str(error["message"]))
    lines = set(batch.summary.get("error_lines") or reasons)
    rows: list[list[Any]] = [
        [line, "\n".join(reasons.get(line) or [NO_REASON]), *cells] for line, cells in batch.rows if line in lines
    ]
    header = ["Строка файла", "Почему пропущена", *(title or "" for title in batch.columns)]
    widths = [12, 60, *([24] * len(batch.columns))]
    return build_workbook("Пропущенные строки", header, rows, widths)
