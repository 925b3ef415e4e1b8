"""URLs of the monitoring dashboards (added to monitoring/urls.py)."""

from __future__ import annotations

from django.urls import path

from nastavnik.monitoring import views_dashboard

urlpatterns = [
    path("dashboard/", views_dashboard.dashboard_home, name="dashboard_home"),
    path("<int:org_pk>/dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("<int:org_pk>/dashboard/drill/", views_dashboard.drill, name="drill"),
]
