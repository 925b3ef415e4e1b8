from __future__ import annotations

from django.urls import path  # noqa: F401

from nastavnik.programmes.urls_year import urlpatterns as year_urlpatterns

app_name = "programmes"
urlpatterns: list = []  # type: ignore[type-arg]

# New academic year: carry-over of bases and long-term pairs.
urlpatterns += year_urlpatterns
