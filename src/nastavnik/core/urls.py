from __future__ import annotations

from django.urls import path

from nastavnik.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit, name="audit"),
]
