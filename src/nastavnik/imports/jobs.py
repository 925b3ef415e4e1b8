"""Big imports in the background: a file above IMPORT_INLINE_MAX_ROWS rows is read and checked
(`start_preview` → `tasks.run_import_preview` → `read_and_check`), and a batch above that size is
saved (`start_commit` → `tasks.run_import_batch` → `run`), by the huey worker, as the monitoring
reports are. While a job works, its progress goes to `progress` (outside the database transaction,
so the page can read it); the batch row gets the final state.

Reading and checking: the upload view keeps the file's bytes on a batch «reading» and queues the
job. The worker reads the rows, finds the header and the mapping, checks every row and stores the
preview exactly as the inline path does (or stops at the mapping step when the columns need a
person's confirmation, or at «discarded» with the Russian reason when the file cannot be read).
The bytes are dropped as soon as the job ends. A confirmed mapping of a big file is checked by the
same job.

Saving:
`start_commit` checks the batch at once (a refusal is shown on the page), then commits it inside
the request (small) or marks it «queued» and hands it to the worker after the request's
transaction (big). The worker moves it to «running», writes it in the one transaction of
`services.commit_batch`, and ends «committed» — or back at «preview» with a Russian explanation
in `message`, never an exception that would reach the user as a server error. The page polls
`progress`/`message` with htmx.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from nastavnik.imports import services
from nastavnik.imports.columns import ImportFileError, Resolution, SourceTable, build_table, resolve_mapping
from nastavnik.imports.mapping import mapping_json
from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.imports.parsing import detect_table, read_data, source_from_json, source_to_json
from nastavnik.imports.progress import Reporter
from nastavnik.imports.validation import validate
from nastavnik.orgs.models import Organisation

logger = logging.getLogger(__name__)
FAILED = "Не удалось записать данные в базу; ничего не сохранено. Попробуйте ещё раз."
READ_FAILED = (
    "Не удалось прочитать и проверить файл. Загрузите его ещё раз; "
    "если ошибка повторится, сохраните его в Excel заново."
)
WORKING = (ImportStatus.READING, ImportStatus.QUEUED, ImportStatus.RUNNING)


def inline_limit() -> int:
    return int(getattr(settings, "IMPORT_INLINE_MAX_ROWS", 2000))


def start_commit(batch_id: int, user: services.User, *, skip_invalid: bool) -> ImportBatch:
    """Commit now or queue; raises `services.CommitRefused` when the batch cannot be written as asked."""
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch_id)
        services.check_status(batch)
        services.check_rows(batch, skip_invalid)
        rows = len(services.loadable(batch.rows))
        if rows <= inline_limit():
            return services.commit_batch(batch.pk, user, skip_invalid=skip_invalid)
        batch.status, batch.in_background, batch.skip_invalid = ImportStatus.QUEUED, True, skip_invalid
        batch.progress, batch.message = 0, "В очереди: ждёт фонового обработчика"
        batch.save(update_fields=["status", "in_background", "skip_invalid", "progress", "message"])
        from nastavnik.imports.tasks import run_import_batch

        # After the row is committed, so that the worker always finds it «queued».
        transaction.on_commit(lambda: run_import_batch(batch.pk))
    return batch


def run(batch_id: int) -> None:
    """The worker's part: claim the queued batch, write it, record the outcome."""
    rows = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.QUEUED)
    if not rows.update(status=ImportStatus.RUNNING, progress=0, message="Записываем строки в базу"):
        return  # gone, or taken by another delivery of the task
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    user = batch.uploaded_by or AnonymousUser()
    reporter = Reporter(batch_id)
    try:
        services.commit_batch(
            batch_id, user, skip_invalid=batch.skip_invalid, status=ImportStatus.RUNNING, reporter=reporter
        )
    except services.CommitRefused as exc:
        _fail(batch_id, str(exc))
    except Exception:  # the worker must end with a Russian message, whatever broke
        logger.exception("Import batch %s failed to commit in the background", batch_id)
        _fail(batch_id, FAILED)
    finally:
        reporter.done()


def live_progress(batch: ImportBatch) -> tuple[int, str]:
    """(percent, message) of a working batch: the job's live report, else what the batch row says."""
    if batch.status in WORKING:
        found = Reporter(batch.pk).target.read(batch.pk)
        if found is not None:
            return found
    return batch.progress, batch.message


# -- reading and checking a big file ---------------------------------------------------------------


def is_big(rows: int) -> bool:
    return rows > inline_limit()


def start_preview(
    *, organisation: Organisation, kind: str, filename: str, content: bytes, rows: int, user: services.User
) -> ImportBatch:
    """Keep the uploaded file on a batch «reading» and hand it to the worker after the request's transaction."""
    uploaded_by: Any = user if user.is_authenticated else None
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            kind=kind,
            filename=filename[:255],
            uploaded_by=uploaded_by,
            status=ImportStatus.READING,
            in_background=True,
            upload=content,
            summary={"estimated_rows": rows},
            message="В очереди: ждёт фонового обработчика",
        )
        _queue_check(batch.pk)
    return batch


def queue_confirmed(batch: ImportBatch) -> None:
    """A big file whose mapping was just confirmed is checked by the worker too (the batch keeps its sheet)."""
    batch.status, batch.in_background = ImportStatus.READING, True
    batch.progress, batch.message = 0, "В очереди: ждёт фонового обработчика"
    batch.save(update_fields=["status", "in_background", "progress", "message"])
    _queue_check(batch.pk)


def _queue_check(batch_id: int) -> None:
    from nastavnik.imports.tasks import run_import_preview

    transaction.on_commit(lambda: run_import_preview(batch_id))


def read_and_check(batch_id: int) -> None:
    """The worker's part of a big preview: read (0–40 %), check (40–95 %), store the preview."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportStatus.READING, progress=0)
    if not claimed.update(progress=1, message="Читаем файл"):
        return  # gone, or taken by another delivery of the task
    batch = ImportBatch.objects.select_related("organisation").get(pk=batch_id)
    reporter = Reporter(batch_id)
    try:
        _read_and_check(batch, reporter)
    except ImportFileError as exc:
        _refuse(batch_id, str(exc))
    except Exception:  # the worker must end with a Russian message, whatever broke
        logger.exception("Import batch %s could not be read in the background", batch_id)
        _refuse(batch_id, READ_FAILED)
    finally:
        reporter.done()


def _read_and_check(batch: ImportBatch, reporter: Reporter) -> None:
    organisation, kind = batch.organisation, batch.kind
    if batch.upload:
        source, resolution = _read(batch, reporter)
        if not resolution.ready:
            _stop_at_mapping(batch, source, resolution)
            return
        mapping, remembered, confirmed = resolution.mapping, resolution.remembered, False
    else:  # a confirmed mapping: the sheet was kept on the batch
        source = source_from_json(batch.source or {})
        mapping = {int(index): key for index, key in (batch.mapping or {}).get("columns", {}).items()}
        remembered, confirmed = False, True
    table = build_table(source, mapping, kind, organisation.kind)
    reporter.stage(40, 95, "Проверяем строки")
    outcome = validate(table, services.build_context(organisation, kind), reporter.step)
    reporter.stage(95, 99, "Сохраняем результат проверки")
    batch.rows, batch.errors, batch.warnings, batch.summary = (
        outcome.rows,
        outcome.errors,
        outcome.warnings,
        outcome.summary,
    )
    batch.source = source_to_json(source)
    batch.mapping = mapping_json(mapping, remembered=remembered, confirmed=confirmed)
    _finish(batch, ImportStatus.PREVIEW, "")


def _read(batch: ImportBatch, reporter: Reporter) -> tuple[SourceTable, Resolution]:
    data = bytes(batch.upload)
    total = max(1, int(batch.summary.get("estimated_rows", 0)))
    reporter.stage(0, 40, "Читаем файл")
    rows = read_data(batch.filename, data, lambda lines: reporter.step(lines, total))
    source = detect_table(rows, batch.kind)
    return source, resolve_mapping(batch.organisation, batch.kind, source.titles)


def _stop_at_mapping(batch: ImportBatch, source: SourceTable, resolution: Resolution) -> None:
    batch.source = source_to_json(source)
    batch.mapping = mapping_json(resolution.mapping, remembered=False)
    batch.summary = {"rows": len(source.rows)}
    _finish(batch, ImportStatus.MAPPING, "")


def _finish(batch: ImportBatch, status: str, message: str) -> None:
    batch.status, batch.upload, batch.progress, batch.message = status, b"", 100, message
    fields = ["rows", "errors", "warnings", "summary", "source", "mapping", "status", "upload", "progress", "message"]
    batch.save(update_fields=fields)


def _refuse(batch_id: int, message: str) -> None:
    """The file cannot be read or checked: the batch ends «discarded» with the reason; its bytes are dropped."""
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.DISCARDED, upload=b"", progress=0, message=message[:300]
    )


def _fail(batch_id: int, message: str) -> None:
    """Nothing was written (one transaction): the batch is back in preview with the reason."""
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.PREVIEW, progress=0, message=message[:300])
