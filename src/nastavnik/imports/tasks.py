"""Background tasks of the imports, found by the huey worker (`nastavnik run_huey` loads tasks.py)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(retries=0)
def run_import_batch(batch_id: int) -> None:
    """Save a big import batch (the batch itself records progress, counts and errors)."""
    from nastavnik.imports import jobs

    jobs.run(batch_id)


@db_task(retries=0)
def run_import_preview(batch_id: int) -> None:
    """Read and check a big uploaded file into a preview batch (the batch records progress and the outcome)."""
    from nastavnik.imports import jobs

    jobs.read_and_check(batch_id)
