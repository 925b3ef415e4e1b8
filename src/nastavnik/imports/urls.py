from __future__ import annotations

from django.urls import path

from nastavnik.imports import views, views_mapping

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template/<str:kind>.<str:fmt>", views.template, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/commit/", views.commit, name="commit"),
    path("<int:pk>/mapping/", views_mapping.mapping, name="mapping"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/skipped.xlsx", views.skipped, name="skipped"),
]
