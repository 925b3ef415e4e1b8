from __future__ import annotations

from django.urls import path

from nastavnik.pairs import views, views_schemes

app_name = "pairs"
urlpatterns = [
    path("", views.board, name="board"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/dissolve/", views.dissolve, name="dissolve"),
    path("forms/<int:pk>/appointment/", views_schemes.appointment, name="appointment"),
    path("mentees/<int:pk>/appoint/", views_schemes.appoint, name="appoint"),
    path("forms/<int:pk>/questionnaire/", views_schemes.questionnaire, name="questionnaire"),
    path("forms/<int:pk>/questionnaire/confirm/", views_schemes.confirm_run, name="confirm_run"),
    path("forms/<int:pk>/constraints/", views_schemes.constraint_add, name="constraint_add"),
    path(
        "forms/<int:pk>/constraints/<int:constraint_pk>/delete/",
        views_schemes.constraint_delete,
        name="constraint_delete",
    ),
]
