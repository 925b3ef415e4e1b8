"""Permission-matrix specs of the report and document URLs (merged into tests/test_permission_matrix.py).

An organisation's reports are made by those who read its indicators (its management and the
coordinators above it); another district's coordinator and another school's curator do not see
the school (404); people who read no registry are refused (403). A job and its file belong to
the person who ordered it and to the management of its organisation: a coordinator who did
not order it, another school and every other role get 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.conftest import World
from tests.matrix_support import OUTSIDERS, STAFF_READERS, Spec, roles

READERS = ["admin", "region", "district", "director", "curator", "working_group"]
READ = {**roles(READERS, 200), **roles(OUTSIDERS, 404)}
START = {**roles(READERS, 302), **roles(OUTSIDERS, 404)}
JOB_READERS = roles(["admin", "director", "curator", "working_group"], 200)


def _school(w: World) -> dict[str, Any]:
    return {"org_pk": w.school.pk}


def _job(w: World) -> dict[str, Any]:
    from nastavnik.monitoring.models import JobKind, JobStatus, ReportJob

    job = ReportJob.objects.create(
        owner=User.objects.get(username="curator"),
        organisation=w.school,
        academic_year=w.programme.academic_year,
        kind=JobKind.INDICATORS_XLSX,
        status=JobStatus.DONE,
        progress=100,
        filename="pokazateli.xlsx",
    )
    job.file.save("pokazateli.xlsx", ContentFile(b"PK matrix"), save=True)
    return {"pk": job.pk}


def _programme(w: World) -> dict[str, Any]:
    return {"programme_pk": w.programme.pk}


REPORTS_MATRIX: dict[str, Spec] = {
    "monitoring:reports": Spec(READ, 403, kwargs=_school),
    "monitoring:report_start": Spec(START, 403, kwargs=_school, method="post"),
    "monitoring:pairs_xlsx": Spec(READ, 403, kwargs=_school),
    "monitoring:jobs": Spec(roles(STAFF_READERS, 200), 403),
    "monitoring:job": Spec(JOB_READERS, 404, kwargs=_job),
    "monitoring:job_progress": Spec(JOB_READERS, 404, kwargs=_job),
    "monitoring:job_file": Spec(JOB_READERS, 404, kwargs=_job),
    "monitoring:passport": Spec(READ, 404, kwargs=_programme),
}
