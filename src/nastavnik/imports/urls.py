from __future__ import annotations

from django.urls import path

from nastavnik.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template/<str:kind>.<str:fmt>", views.template, name="template"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/commit/", views.commit, name="commit"),
]
