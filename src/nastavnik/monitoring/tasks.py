"""Background tasks of the monitoring, found by the huey worker (`nastavnik run_huey` loads tasks.py)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task


@db_task(retries=0)
def run_report_job(job_id: int) -> None:
    """Make the document of a ReportJob (the job itself records progress, file and errors)."""
    from nastavnik.monitoring import jobs

    jobs.run(job_id)
