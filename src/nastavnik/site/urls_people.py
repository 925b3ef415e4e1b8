from __future__ import annotations

from django.urls import path

from nastavnik.people import picker
from nastavnik.site import people as views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("picker/", picker.person_search, name="picker"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/consent/", views.consent_add, name="consent_add"),
    path("<int:pk>/consent/revoke/", views.consent_revoke, name="consent_revoke"),
    path("<int:pk>/sensitive/", views.sensitive_edit, name="sensitive"),
]
