from __future__ import annotations

from django.urls import path

from nastavnik.api import views
from nastavnik.api.api import api

app_name = "api"

urlpatterns = [
    path("access/", views.access, name="access"),
    path("access/new/", views.access_create, name="access_create"),
    path("access/revoke/", views.access_revoke, name="access_revoke"),
    path("", api.urls),
]
