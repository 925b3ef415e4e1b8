from __future__ import annotations

from django.urls import path

from nastavnik.practices import views, views_catalogue

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create, name="create"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/edit/", views.practice_edit, name="edit"),
    path("files/<int:pk>/", views.practice_file, name="file"),
    path("regional/", views_catalogue.catalogue_list, name="catalogue"),
    path("regional/propose/", views_catalogue.catalogue_propose, name="catalogue_propose"),
    path("regional/<int:pk>/decide/", views_catalogue.catalogue_decide, name="catalogue_decide"),
]
