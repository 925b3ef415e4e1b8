"""Completion of a pair, mutual evaluation, mentor status levels."""

from __future__ import annotations

from django.urls import path

from nastavnik.diary import views_completion as views

urlpatterns = [
    path("<int:pk>/complete/", views.complete, name="complete"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("levels/", views.level_rules, name="level_rules"),
    path("levels/mentors/<int:pk>/", views.level_history, name="level_history"),
]
