from __future__ import annotations

from django.urls import path

from nastavnik.site import orgs as views

app_name = "orgs"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("<int:pk>/", views.detail, name="detail"),
]
