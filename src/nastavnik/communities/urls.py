from __future__ import annotations

from django.urls import path

from nastavnik.communities import views, views_lab, views_reserve

app_name = "communities"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.community_create, name="create"),
    path("<int:pk>/", views.community_detail, name="detail"),
    path("<int:pk>/edit/", views.community_edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/events/", views.event_add, name="event_add"),
    path("<int:pk>/events/<int:event_pk>/", views.event, name="event"),
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("<int:pk>/trainings/", views.training_add, name="training_add"),
    path("<int:pk>/self-check/", views.self_check, name="self_check"),
    path("reserve/", views_reserve.cycles, name="reserve"),
    path("reserve/my/", views_reserve.my_reserve, name="my_reserve"),
    path("reserve/competences/", views_reserve.competences, name="competences"),
    path("reserve/<int:pk>/", views_reserve.cycle_detail, name="reserve_cycle"),
    path("reserve/<int:pk>/advance/", views_reserve.cycle_advance, name="reserve_advance"),
    path("reserve/<int:pk>/entries/", views_reserve.entry_add, name="reserve_entry_add"),
    path("reserve/<int:pk>/export.xlsx", views_reserve.export, name="reserve_export"),
    path("reserve/entries/<int:pk>/", views_reserve.entry_detail, name="reserve_entry"),
    path("lab/", views_lab.labs, name="labs"),
    path("lab/<int:pk>/", views_lab.lab_detail, name="lab"),
    path("lab/<int:pk>/survey/", views_lab.lab_survey, name="lab_survey"),
    path("lab/<int:pk>/collect/", views_lab.lab_collect, name="lab_collect"),
    path("lab/<int:pk>/pairs/", views_lab.lab_pair_add, name="lab_pair_add"),
    path("lab/<int:pk>/report/", views_lab.lab_report, name="lab_report"),
    path("lab/pairs/<int:pk>/", views_lab.lab_pair, name="lab_pair"),
    path("lab/pairs/<int:pk>/steps/<int:step_pk>/", views_lab.lab_step, name="lab_step"),
]
