from __future__ import annotations

from django.urls import path

from nastavnik.district import views, views_schools

app_name = "district"
urlpatterns = [
    path("", views.mentor_map, name="map"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("forms/<int:pk>/cross-match/", views.cross_match, name="cross_match"),
    path("schools/", views_schools.schools, name="schools"),
    path("schools/import/", views_schools.school_import, name="school_import"),
    path("schools/<int:pk>/", views_schools.school_profile, name="school_profile"),
    path("school-pairs/", views_schools.school_pairs, name="school_pairs"),
    path("school-pairs/<int:pk>/confirm/", views_schools.school_pair_confirm, name="school_pair_confirm"),
]
