from __future__ import annotations

from django.urls import path

from nastavnik.surveys import views, views_answer

app_name = "surveys"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_create, name="create"),
    path("instruments/", views.instrument_list, name="instruments"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/qr/", views.qr_sheet, name="qr_sheet"),
    path("<int:pk>/results/", views.campaign_results, name="results"),
    path("<int:pk>/export.xlsx", views.campaign_export, name="export"),
    path("a/<str:token>/", views_answer.answer, name="answer"),
]
