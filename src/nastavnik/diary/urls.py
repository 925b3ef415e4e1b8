"""URLs of the meeting log (дневник наставника), the mentees' ratings and the individual plans."""

from __future__ import annotations

from django.urls import path

from nastavnik.diary import views

urlpatterns = [
    path("<int:pk>/diary/", views.diary_page, name="diary"),
    path("<int:pk>/diary/add/", views.meeting_add, name="meeting_add"),
    path("diary/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("diary/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("diary/<int:pk>/rate/", views.meeting_rate, name="meeting_rate"),
    path("diary/files/<int:pk>/", views.attachment, name="attachment"),
    path("diary/files/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/tasks/add/", views.plan_task_add, name="plan_task_add"),
    path("plans/tasks/<int:pk>/edit/", views.plan_task_edit, name="plan_task_edit"),
    path("plans/tasks/<int:pk>/status/", views.plan_task_status, name="plan_task_status"),
]
