"""Certificates «Лучший наставник» and letters of thanks."""

from __future__ import annotations

from django.urls import path

from nastavnik.diary import views_awards as views

urlpatterns = [
    path("programmes/<int:pk>/awards/", views.award_list, name="award_list"),
    path("programmes/<int:pk>/awards/new/", views.award_create, name="award_create"),
    path("awards/<int:pk>/pdf/", views.award_pdf, name="award_pdf"),
    path("awards/<int:pk>/docx/", views.award_docx, name="award_docx"),
]
