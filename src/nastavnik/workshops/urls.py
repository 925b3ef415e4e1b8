from __future__ import annotations

from django.urls import path

from nastavnik.workshops import (
    views,
    views_conferences,
    views_notify,
    views_pd,
    views_schools,
    views_shelf,
    views_shifts,
)

app_name = "workshops"
urlpatterns = [
    path("", views.workshop_list, name="list"),
    path("new/<int:org_pk>/", views.workshop_create, name="create"),
    path("<int:pk>/", views.workshop_detail, name="detail"),
    path("<int:pk>/edit/", views.workshop_edit, name="edit"),
    path("<int:pk>/status/", views.workshop_status, name="status"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/projects/", views.project_add, name="project_add"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("pd/my/", views_pd.my_pd, name="my_pd"),
    path("pd/<int:org_pk>/", views_pd.pd_organisation, name="pd"),
    path("pd/<int:org_pk>/enrol/", views_pd.pd_enrol, name="pd_enrol"),
    path("pd/<int:org_pk>/from-form/", views_pd.pd_from_form, name="pd_from_form"),
    path("enrolments/<int:pk>/", views_pd.enrolment_detail, name="enrolment"),
    path("enrolments/<int:pk>/complete/", views_pd.enrolment_complete, name="enrolment_complete"),
    path("enrolments/<int:pk>/certificate.pdf", views_pd.certificate_pdf, name="certificate_pdf"),
    path("enrolments/<int:pk>/certificate.docx", views_pd.certificate_docx, name="certificate_docx"),
    path("statistics/<int:org_pk>/", views_pd.statistics, name="statistics"),
    path("statistics/<int:org_pk>/xlsx/", views_pd.statistics_xlsx, name="statistics_xlsx"),
    path("shifts/<int:org_pk>/", views_shifts.shifts, name="shifts"),
    path("shift/<int:pk>/", views_shifts.shift_detail, name="shift"),
    path("statuses/<int:org_pk>/", views_schools.statuses, name="statuses"),
    path("statuses/document/<int:pk>/", views_schools.status_document, name="status_document"),
    path("partnerships/", views_schools.partnerships, name="partnerships"),
    path("partnerships/map/", views_schools.partnership_map, name="partnership_map"),
    path("partnerships/<int:pk>/", views_schools.partnership_detail, name="partnership"),
    path("notifications/", views_notify.notifications, name="notifications"),
    path("shelf/<int:org_pk>/", views_shelf.shelf, name="shelf"),
    path("quests/<int:pk>/", views_shelf.quest, name="quest"),
    path("conferences/", views_conferences.conferences, name="conferences"),
    path("conferences/<int:pk>/", views_conferences.conference_detail, name="conference"),
]
