"""Project activity items in iCal: the items a person is responsible for or whose project they lead.

Served at /projects/ical/<token>.ics with the token of the person's personal calendar (the same
secret address as the roadmap feed, so rotating it there revokes this one too).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar, Event

from nastavnik.people.models import Person
from nastavnik.projects.models import ActivityItem

PRODID = "-//Nastavnik//Проекты//RU"
MAX_ITEMS = 1000


def person_items(person: Person) -> list[ActivityItem]:
    own = Q(activity__responsible=person) | Q(activity__project__leaders=person)
    qs = ActivityItem.objects.filter(own).select_related("activity__project").distinct().order_by("due_on", "id")
    return list(qs[:MAX_ITEMS])


def _site() -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/")


def build_calendar(person: Person) -> bytes:
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Проекты: {person.short_name}")
    for item in person_items(person):
        activity = item.activity
        event = Event()
        event.add("uid", f"project-item-{item.pk}@nastavnik")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts_on)
        event.add("dtend", item.due_on + datetime.timedelta(days=1))
        event.add("summary", f"{activity.number}. {activity.title}"[:200])
        event.add("description", f"Проект: {activity.project.name}\nСрок: {item.due_on:%d.%m.%Y}")
        event.add("url", _site() + reverse("projects:cyclogram", kwargs={"pk": activity.project_id}))
        event.add("categories", ["Проект"])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
