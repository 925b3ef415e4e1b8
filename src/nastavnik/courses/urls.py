from __future__ import annotations

from django.urls import path

from nastavnik.courses import views_cohorts as cohorts
from nastavnik.courses import views_edit as edit
from nastavnik.courses import views_schools as schools
from nastavnik.courses import views_trainee as trainee

app_name = "courses"
urlpatterns = [
    path("", trainee.index, name="index"),
    path("cohorts/new/", cohorts.cohort_create, name="cohort_create"),
    path("cohorts/<int:pk>/", cohorts.cohort, name="cohort"),
    path("cohorts/<int:pk>/edit/", edit.cohort_edit, name="cohort_edit"),
    path("cohorts/<int:pk>/delete/", edit.cohort_delete, name="cohort_delete"),
    path("cohorts/<int:pk>/modules/", cohorts.module_add, name="module_add"),
    path("cohorts/<int:pk>/teams/", cohorts.team_add, name="team_add"),
    path("cohorts/<int:pk>/milestones/", cohorts.milestone_add, name="milestone_add"),
    path("modules/<int:pk>/edit/", edit.module_edit, name="module_edit"),
    path("modules/<int:pk>/delete/", edit.module_delete, name="module_delete"),
    path("teams/<int:pk>/edit/", edit.team_edit, name="team_edit"),
    path("teams/<int:pk>/delete/", edit.team_delete, name="team_delete"),
    path("milestones/<int:pk>/edit/", edit.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/delete/", edit.milestone_delete, name="milestone_delete"),
    path("cohorts/<int:pk>/hosts/", cohorts.host_add, name="host_add"),
    path("cohorts/<int:pk>/enrol/", cohorts.enrol, name="enrol"),
    path("cohorts/<int:pk>/place/", cohorts.place, name="place"),
    path("trainees/<int:pk>/", cohorts.enrolment, name="enrolment"),
    path("trainees/<int:pk>/dropout/", cohorts.dropout, name="dropout"),
    path("trainees/<int:pk>/credit/", cohorts.credit, name="credit"),
    path("submissions/<int:pk>/check/", cohorts.check, name="check"),
    path("my/", trainee.my, name="my"),
    path("my/<int:pk>/milestones/<int:milestone_pk>/", trainee.submit, name="submit"),
    path("my/<int:pk>/log/", trainee.log_add, name="log_add"),
    path("routes/<int:pk>/", trainee.route, name="route"),
    path("routes/<int:pk>/add/", trainee.route_add, name="route_add"),
    path("route-items/<int:pk>/done/", trainee.route_done, name="route_done"),
    path("hosting/", trainee.hosting, name="hosting"),
    path("school-pairs/", schools.pairs, name="pairs"),
    path("school-pairs/<int:pk>/", schools.pair, name="pair"),
    path("school-pairs/<int:pk>/deficits/", schools.deficit_add, name="deficit_add"),
    path("school-pairs/<int:pk>/observations/", schools.observation_add, name="observation_add"),
    path("school-pairs/<int:pk>/cycle/", schools.cycle_add, name="cycle_add"),
    path("results/template.xlsx", schools.results_template, name="results_template"),
    path("results/<int:pk>/", schools.results, name="results"),
    path("results/<int:pk>/upload/", schools.results_upload, name="results_upload"),
    path("results/uploads/<int:pk>/", schools.results_preview, name="results_preview"),
    path("results/uploads/<int:pk>/commit/", schools.results_commit, name="results_commit"),
]
