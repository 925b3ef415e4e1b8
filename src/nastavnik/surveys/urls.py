from __future__ import annotations

from django.urls import path

from nastavnik.surveys import views, views_answer, views_followup

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

# Follow-up of a campaign: before/after change, reminders, CSV, the participant's own surveys.
urlpatterns += [
    path("my/", views_followup.my_surveys, name="my"),
    path("<int:pk>/change/", views_followup.campaign_change, name="change"),
    path("<int:pk>/remind/", views_followup.campaign_remind, name="remind"),
    path("<int:pk>/export.csv", views.campaign_export_csv, name="export_csv"),
]

# Import of answers collected in Yandex Forms / Google Forms: upload → column mapping → preview → commit.
from nastavnik.surveys import views_import  # noqa: E402

urlpatterns += [
    path("<int:pk>/import/", views_import.import_upload, name="import_upload"),
    path("import/<int:pk>/", views_import.import_preview, name="import_preview"),
    path("import/<int:pk>/map/", views_import.import_map, name="import_map"),
    path("import/<int:pk>/commit/", views_import.import_commit, name="import_commit"),
    path("import/<int:pk>/skipped.xlsx", views_import.import_skipped, name="import_skipped"),
]
