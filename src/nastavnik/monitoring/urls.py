from __future__ import annotations

from django.urls import path

from nastavnik.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("<int:org_pk>/", views.indicators, name="indicators"),
    path("<int:org_pk>/xlsx/", views.export, name="export"),
    path("<int:org_pk>/manual/<str:code>/", views.manual, name="manual"),
    path("<int:org_pk>/snapshots/new/", views.take_snapshot, name="take_snapshot"),
    path("snapshots/<int:pk>/", views.snapshot, name="snapshot"),
    path("<int:org_pk>/targets/", views.targets, name="targets"),
    path("<int:org_pk>/events/", views.events, name="events"),
    path("<int:org_pk>/events/new/", views.event_add, name="event_add"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/delete/", views.event_delete, name="event_delete"),
]

from nastavnik.monitoring import urls_dashboard  # noqa: E402

urlpatterns += urls_dashboard.urlpatterns

from nastavnik.monitoring import urls_reports  # noqa: E402

urlpatterns += urls_reports.urlpatterns
