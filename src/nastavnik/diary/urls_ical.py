"""Personal iCal feed (secret address, no login for the feed itself): roadmap items and pair meetings."""

from __future__ import annotations

from django.urls import path

from nastavnik.diary import views_ical

urlpatterns = [
    path("calendar/", views_ical.my_calendar, name="my_calendar"),
    path("calendar/new-address/", views_ical.my_calendar_reset, name="my_calendar_reset"),
    path("ical/<str:token>.ics", views_ical.ical_feed, name="ical"),
]
