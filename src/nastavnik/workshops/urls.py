from __future__ import annotations

from django.urls import path

from nastavnik.workshops import views, views_pd

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
]
