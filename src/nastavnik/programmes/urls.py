from __future__ import annotations

from django.urls import path

from nastavnik.programmes import views_cycle, views_roadmap

# The programme pages themselves (list, passport, overview) are in site.urls_programmes, the personal
# calendar in pairs.urls_ical and the carry-over in years.urls; nastavnik/urls.py joins them under
# one namespace, «programmes».
app_name = "programmes"
urlpatterns = [
    # Management cycle (002, Приложение 5.2).
    path("<int:pk>/cycle/", views_cycle.cycle, name="cycle"),
    path("<int:pk>/cycle/defaults/", views_cycle.cycle_defaults, name="cycle_defaults"),
    path("<int:pk>/cycle/add/", views_cycle.cycle_add, name="cycle_add"),
    path("cycle/<int:pk>/edit/", views_cycle.cycle_edit, name="cycle_edit"),
    path("cycle/<int:pk>/delete/", views_cycle.cycle_delete, name="cycle_delete"),
    # Roadmap / annual plan.
    path("<int:pk>/roadmap/", views_roadmap.roadmap_list, name="roadmap"),
    path("<int:pk>/roadmap/instantiate/", views_roadmap.roadmap_instantiate, name="roadmap_instantiate"),
    path("<int:pk>/roadmap/calendar/", views_roadmap.roadmap_calendar, name="roadmap_calendar"),
    path("<int:pk>/roadmap/timeline/", views_roadmap.roadmap_timeline, name="roadmap_timeline"),
    path("<int:pk>/roadmap/add/", views_roadmap.item_add, name="item_add"),
    path("<int:pk>/roadmap.docx", views_roadmap.roadmap_docx, name="roadmap_docx"),
    path("<int:pk>/roadmap.xlsx", views_roadmap.roadmap_xlsx, name="roadmap_xlsx"),
    path("items/<int:pk>/", views_roadmap.item_detail, name="item"),
    path("items/<int:pk>/edit/", views_roadmap.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views_roadmap.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", views_roadmap.item_move, name="item_move"),
    path("items/<int:pk>/assign/", views_roadmap.item_assign, name="item_assign"),
    path("items/<int:pk>/status/", views_roadmap.item_status, name="item_status"),
    path("items/<int:pk>/evidence/", views_roadmap.item_evidence, name="item_evidence"),
    path("items/<int:pk>/evidence/file/", views_roadmap.item_evidence_file, name="item_evidence_file"),
]
