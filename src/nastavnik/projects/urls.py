from __future__ import annotations

from django.urls import path

from nastavnik.projects import views, views_agile, views_plan

app_name = "projects"
urlpatterns = [
    path("", views.registry_view, name="registry"),
    path("registry.xlsx", views.registry_download, name="registry_xlsx"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("attention/", views.attention, name="attention"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/status/", views.change_status, name="status"),
    path("<int:pk>/card.docx", views.card, name="card"),
    path("<int:pk>/activities/", views_plan.activities, name="activities"),
    path("activities/<int:pk>/edit/", views_plan.activity_edit, name="activity_edit"),
    path("<int:pk>/cyclogram/", views_plan.cyclogram, name="cyclogram"),
    path("items/<int:pk>/mark/", views_plan.item_mark, name="item_mark"),
    path("ical/<str:token>.ics", views_plan.ical_feed, name="ical"),
    path("<int:pk>/agile/", views_agile.agile, name="agile"),
    path("<int:pk>/sprints/new/", views_agile.sprint_create, name="sprint_create"),
    path("<int:pk>/tasks/new/", views_agile.task_add, name="task_add"),
    path("sprints/<int:pk>/", views_agile.sprint, name="sprint"),
    path("sprints/<int:pk>/close/", views_agile.sprint_close, name="sprint_close"),
    path("tasks/<int:pk>/move/", views_agile.task_move, name="task_move"),
]
