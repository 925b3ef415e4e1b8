from __future__ import annotations

from django.urls import path

from nastavnik.pairs import urls_lifecycle, views, views_schemes
from nastavnik.pairs import views_meetings as meeting_views

app_name = "pairs"
urlpatterns = [
    path("", views.board, name="board"),
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

# Scheme 3: group meetings («Mentor Match»).
urlpatterns += [
    path("forms/<int:pk>/meetings/", meeting_views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/print/", meeting_views.meeting_print, name="meeting_print"),
    path(
        "meetings/<int:pk>/choices/<str:side>/<int:entry_pk>/",
        meeting_views.meeting_preference,
        name="meeting_preference",
    ),
    path("meetings/<int:pk>/compute/", meeting_views.meeting_compute, name="meeting_compute"),
    path("meetings/<int:pk>/confirm/", meeting_views.meeting_confirm, name="meeting_confirm"),
    path("meetings/my/", meeting_views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/my-choice/", meeting_views.my_preferences, name="my_preferences"),
]

# Transitions and orders. The pair page (site.pairs), the meeting log, plans and completion (diary) and
# the role cabinets (site.urls_cabinets) join this namespace in nastavnik/urls.py.
urlpatterns += urls_lifecycle.urlpatterns
