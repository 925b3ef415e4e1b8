from __future__ import annotations

from django.urls import path

from nastavnik.privacy import views

app_name = "privacy"

urlpatterns = [
    path("people/<int:pk>/export/", views.export, name="export"),
    path("people/<int:pk>/erase/", views.erase, name="erase"),
    path("memberships/<int:pk>/end/", views.end_membership, name="end_membership"),
]
