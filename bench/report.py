"""Benchmark: the region's documents made as background jobs by a real worker, on the region-sized database.

Usage:
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik migrate -v0
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik demo-data --scale region
    SQLITE_PATH=var/region.sqlite3 .venv/bin/python bench/report.py [--kinds indicators_xlsx,report_docx,report_pdf]

Each document is ordered as the page orders it (`jobs.start` for the region coordinator: more than
one organisation, so the job is queued), and made by `nastavnik run_huey` started here as a
separate process with its own queue file; the time is from ordering to the job being «done», as
the person waiting sees it, and the job's own working time. The queue, the files and the job
rows are temporary (removed at the end). Also timed: the pairs XLSX of the region (in the request).
Target (monitoring issue): the region indicator XLSX under 30 s in the background job.

Figures (SQLite, 2-core machine, region demo: 512 organisations, 444 with programmes, 23.11.2026):

| document | ordered → done | job worked | file |
|---|---|---|---|
| indicators_xlsx (region, «Сводка» + a sheet per organisation) | 5.2 s | 2.6 s | 1.5 MB, 445 sheets |
| report_docx (region summary + appendix per organisation) | 2.4 s | 2.2 s | 219 KB, 448 tables, 4 charts |
| report_pdf (the same through WeasyPrint) | 18.3 s | 18.2 s | 917 KB, 171 pages |

«Ordered → done» includes the worker's pick-up (it polls its queue at most every second; the first
job also waits for the worker process to start).
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="nastavnik-bench-report-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
os.environ["HUEY_IMMEDIATE"] = "0"
os.environ["HUEY_FILE"] = str(WORKDIR / "huey.sqlite3")
os.environ["MEDIA_ROOT"] = str(WORKDIR / "media")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

TARGETS = {"indicators_xlsx": 30.0}
POLL_SECONDS = 0.2
TIME_LIMIT = 600.0


def check_file(kind: str, content: bytes) -> str:
    """Open the file as its reader would and describe it."""
    if kind == "indicators_xlsx":
        from openpyxl import load_workbook

        return f"{len(load_workbook(io.BytesIO(content), read_only=True).sheetnames)} листов"
    if kind == "report_pdf":
        from pypdf import PdfReader

        return f"{len(PdfReader(io.BytesIO(content)).pages)} страниц"
    from docx import Document

    document = Document(io.BytesIO(content))
    return f"{len(document.tables)} таблиц, {len(document.inline_shapes)} диаграмм"


def wait(job_id: int) -> float:
    from nastavnik.monitoring.models import FINISHED_STATUSES, ReportJob

    started = time.perf_counter()
    while time.perf_counter() - started < TIME_LIMIT:
        if ReportJob.objects.filter(pk=job_id, status__in=FINISHED_STATUSES).exists():
            return time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"job {job_id} not finished in {TIME_LIMIT:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kinds", default="indicators_xlsx,report_docx,report_pdf")
    parser.add_argument("--user", default="region")
    args = parser.parse_args()

    from nastavnik.monitoring import jobs
    from nastavnik.monitoring.models import JobStatus, ReportJob
    from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind
    from nastavnik.pairs.models import Pair

    user = User.objects.get(username=args.user)
    region = Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("pk").first()
    if region is None:
        raise SystemExit("no region in the database: run `nastavnik demo-data --scale region` first")
    year = AcademicYear.current()
    print(f"database: {settings.DATABASES['default']['NAME']}")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPU, {platform.platform()}")
    print(
        f"region: {region.short_name}, {Organisation.objects.count()} organisations, "
        f"{jobs.organisations_for(region, year, user)} with programmes in {year.name}, {Pair.objects.count()} pairs"
    )

    worker = subprocess.Popen(
        [sys.executable, "-m", "nastavnik", "run_huey", "--quiet"],
        env={**os.environ},
        stdout=subprocess.DEVNULL,
    )
    created: list[int] = []
    failed = False
    try:
        print(f"{'document':18} {'ordered→done, s':>16} {'job worked, s':>14} {'size, KB':>9}  check")
        for kind in [k.strip() for k in args.kinds.split(",") if k.strip()]:
            job = jobs.start(user, region, year, kind)
            created.append(job.pk)
            assert job.in_background, "a region document must go to the queue"
            waited = wait(job.pk)
            job = ReportJob.objects.get(pk=job.pk)
            if job.status != JobStatus.DONE:
                failed = True
                print(f"{kind:18} FAILED: {job.error}")
                continue
            content = job.file.read()
            target = TARGETS.get(kind)
            verdict = "" if target is None else (f"  < {target:.0f} s: OK" if waited < target else "  TOO SLOW")
            failed = failed or bool(target and waited >= target)
            print(
                f"{kind:18} {waited:16.2f} {job.seconds or 0:14.2f} {len(content) / 1024:9.0f}  "
                f"{check_file(kind, content)}{verdict}"
            )
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        for job in ReportJob.objects.filter(pk__in=created):
            job.file.delete(save=False)
            job.delete()

    client = Client()
    client.force_login(user)
    url = reverse("monitoring:pairs_xlsx", kwargs={"org_pk": region.pk})
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        started = time.perf_counter()
        response = client.get(url, {"year": year.start_year})
        seconds = time.perf_counter() - started
    print(f"pairs XLSX of the region (in the request): {seconds:.2f} s, {len(response.content) / 1024:.0f} KB")
    shutil.rmtree(WORKDIR, ignore_errors=True)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
