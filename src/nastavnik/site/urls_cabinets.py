from __future__ import annotations

from django.urls import path

from nastavnik.site import cabinets as views_roles

urlpatterns = [
    path("my/mentees/", views_roles.my_mentees, name="my_mentees"),
    path("my/mentor/", views_roles.my_mentor, name="my_mentor"),
    path("<int:pk>/change-request/", views_roles.change_request, name="change_request"),
    path("change-requests/<int:pk>/resolve/", views_roles.change_request_resolve, name="change_request_resolve"),
    path("nudges/", views_roles.nudges_board, name="nudges"),
    path("nudges/programmes/<int:pk>/", views_roles.nudge_settings, name="nudge_settings"),
    path("director/", views_roles.director, name="director"),
]
