"""The new academic year: carry-over of bases and long-term pairs, under the programmes' URLs."""

from __future__ import annotations

from django.urls import path

from nastavnik.years import views

urlpatterns = [
    path("<int:pk>/next-year/", views.carry_over, name="carry_over"),
]
