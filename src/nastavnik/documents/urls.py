from __future__ import annotations

from django.urls import path

from nastavnik.documents import views

app_name = "documents"
urlpatterns: list = [
    path("templates/", views.template_list, name="templates"),
    path("templates/<str:kind>/builtin/", views.template_builtin, name="template_builtin"),
    path("templates/<str:kind>/current/", views.template_current, name="template_current"),
    path("templates/<str:kind>/upload/", views.template_upload, name="template_upload"),
    path("templates/<str:kind>/reset/", views.template_reset, name="template_reset"),
]
