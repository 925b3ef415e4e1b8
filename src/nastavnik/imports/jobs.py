"""Saving a big import in the background: the commit of a batch above IMPORT_INLINE_MAX_ROWS rows
is queued for the huey worker (`tasks.run_import_batch`), as the monitoring reports are.

`start_commit` checks the batch at once (a refusal is shown on the page), then commits it inside
the request (small) or marks it «queued» and hands it to the worker after the request's
transaction (big). The worker moves it to «running», writes it in the one transaction of
`services.commit_batch`, and ends «committed» — or back at «preview» with a Russian explanation
in `message`, never an exception that would reach the user as a server error. The page polls
`progress`/`message` with htmx.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from nastavnik.imports import services
from nastavnik.imports.models import ImportBatch, ImportStatus

logger = logging.getLogger(__name__)
FAILED = "Не удалось записать данные в базу; ничего не сохранено. Попробуйте ещё раз."


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
    if not rows.update(status=ImportStatus.RUNNING, progress=5, message="Записываем строки в базу"):
        return  # gone, or taken by another delivery of the task
    batch = ImportBatch.objects.select_related("uploaded_by").get(pk=batch_id)
    user = batch.uploaded_by or AnonymousUser()
    try:
        services.commit_batch(batch_id, user, skip_invalid=batch.skip_invalid, status=ImportStatus.RUNNING)
    except services.CommitRefused as exc:
        _fail(batch_id, str(exc))
    except Exception:  # the worker must end with a Russian message, whatever broke
        logger.exception("Import batch %s failed to commit in the background", batch_id)
        _fail(batch_id, FAILED)


def _fail(batch_id: int, message: str) -> None:
    """Nothing was written (one transaction): the batch is back in preview with the reason."""
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.PREVIEW, progress=0, message=message[:300])
