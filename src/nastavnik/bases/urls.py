from __future__ import annotations

from django.urls import path

from nastavnik.bases import views

app_name = "bases"
urlpatterns = [
    path("mentors/", views.mentor_list, name="mentor_list"),
    path("mentors/new/", views.mentor_create, name="mentor_create"),
    path("mentors/export.xlsx", views.mentor_export, name="mentor_export"),
    path("mentors/<int:pk>/", views.mentor_detail, name="mentor_detail"),
    path("mentors/<int:pk>/edit/", views.mentor_edit, name="mentor_edit"),
    path("mentors/<int:pk>/decision/", views.mentor_decide, name="mentor_decide"),
    path("mentors/<int:pk>/assessment/", views.mentor_assess, name="mentor_assess"),
    path("mentees/", views.mentee_list, name="mentee_list"),
    path("mentees/new/", views.mentee_create, name="mentee_create"),
    path("mentees/export.xlsx", views.mentee_export, name="mentee_export"),
    path("mentees/<int:pk>/", views.mentee_detail, name="mentee_detail"),
    path("mentees/<int:pk>/edit/", views.mentee_edit, name="mentee_edit"),
    path("my/request/", views.my_request, name="my_request"),
    path("my/mentor-application/", views.apply_mentor, name="apply_mentor"),
]
