from __future__ import annotations

from django.urls import path

from nastavnik.programmes import views_year

urlpatterns = [
    path("<int:pk>/next-year/", views_year.carry_over, name="carry_over"),
]
