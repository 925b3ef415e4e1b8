"""Reports and documents of the monitoring (included by monitoring/urls.py)."""

from __future__ import annotations

from django.urls import path

from nastavnik.monitoring import views_reports

urlpatterns = [
    path("<int:org_pk>/reports/", views_reports.reports, name="reports"),
    path("<int:org_pk>/reports/start/", views_reports.report_start, name="report_start"),
    path("<int:org_pk>/pairs.xlsx", views_reports.pairs_xlsx, name="pairs_xlsx"),
    path("jobs/", views_reports.job_list, name="jobs"),
    path("jobs/<int:pk>/", views_reports.job, name="job"),
    path("jobs/<int:pk>/progress/", views_reports.job_progress, name="job_progress"),
    path("jobs/<int:pk>/file/", views_reports.job_file, name="job_file"),
    path("passport/<int:programme_pk>.docx", views_reports.passport, name="passport"),
]
