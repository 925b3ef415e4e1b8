"""Background tasks of the imports, found by the huey worker (`nastavnik run_huey` loads tasks.py)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(retries=0)
def run_import_batch(batch_id: int) -> None:
    """Save a big import batch (the batch itself records progress, counts and errors)."""
    from nastavnik.imports import jobs

    jobs.run(batch_id)
