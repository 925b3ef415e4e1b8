"""Programmes and their passports (002, Приложение 1): list, creation, overview, status, passport."""

from __future__ import annotations

from django.urls import path

from nastavnik.site import programmes as views

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/status/", views.programme_status, name="status"),
    path("<int:pk>/programme.docx", views.passport_docx, name="passport_docx"),
]
