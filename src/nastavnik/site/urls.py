from __future__ import annotations

from django.urls import path

from nastavnik.site import health, views, views_try

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit, name="audit"),
    path("try/", views_try.try_demo, name="try_demo"),
    path("healthz", health.healthz, name="healthz"),
]
