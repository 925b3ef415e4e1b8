"""Personal iCal feeds: a secret address per person with their roadmap items and their pairs' meetings.

The address holds a random token; a new token revokes the old address. Events are all-day
(roadmap items span their dates, meetings their day), so they show on the same days in any
time zone; the UIDs are stable, so a calendar app updates an event instead of duplicating it.
"""

from __future__ import annotations

import datetime
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from icalendar import Calendar, Event

from nastavnik.diary.models import PairMeeting
from nastavnik.people.models import Person
from nastavnik.programmes.models import CalendarFeed, ItemStatus, RoadmapItem

# Meetings older than this are left out of the feed: calendars poll it often.
MEETINGS_HISTORY_DAYS = 400
MAX_MEETINGS = 500
PRODID = "-//Nastavnik//Календарь наставничества//RU"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_for(person: Person) -> CalendarFeed:
    """The person's feed, created with a fresh token on first use."""
    feed, _ = CalendarFeed.objects.get_or_create(person=person, defaults={"token": new_token()})
    return feed


@transaction.atomic
def rotate(person: Person) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = feed_for(person)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "")).rstrip("/")


def feed_url(feed: CalendarFeed) -> str:
    return site_url() + reverse("programmes:ical", kwargs={"token": feed.token})


def _uid_domain() -> str:
    return urlsplit(site_url()).hostname or "nastavnik.local"


def person_items(person: Person) -> list[RoadmapItem]:
    return list(
        RoadmapItem.objects.filter(responsible=person)
        .exclude(status=ItemStatus.CANCELLED)
        .select_related("programme__academic_year")
        .order_by("starts_on", "id")
    )


def person_meetings(person: Person, today: datetime.date) -> list[PairMeeting]:
    own = Q(pair__mentor__person=person) | Q(pair__members__mentee__person=person)
    since = today - datetime.timedelta(days=MEETINGS_HISTORY_DAYS)
    meetings = (
        PairMeeting.objects.filter(own, held_on__gte=since)
        .select_related("pair__mentor__person", "pair__programme")
        .prefetch_related("pair__members__mentee__person")
        .distinct()
        .order_by("-held_on", "-id")
    )
    return list(meetings[:MAX_MEETINGS])


def _item_event(item: RoadmapItem, stamp: datetime.datetime, domain: str) -> Event:
    event = Event()
    event.add("uid", f"roadmap-item-{item.pk}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.starts_on)
    event.add("dtend", item.due_on + datetime.timedelta(days=1))
    event.add("summary", item.title if len(item.title) <= 200 else item.title[:199] + "…")
    lines = [
        f"Программа: {item.programme.title} ({item.programme.academic_year})",
        f"Срок: {item.due_on:%d.%m.%Y}",
        f"Статус: {item.get_status_display()}",
    ]
    if item.stage:
        lines.insert(1, f"Этап: {item.stage}")
    event.add("description", "\n".join(lines))
    event.add("url", site_url() + reverse("programmes:item", kwargs={"pk": item.pk}))
    event.add("categories", ["Дорожная карта"])
    event.add("transp", "TRANSPARENT")
    return event


def _meeting_event(meeting: PairMeeting, person: Person, stamp: datetime.datetime, domain: str) -> Event:
    pair = meeting.pair
    if pair.mentor.person_id == person.pk:
        others = ", ".join(m.mentee.person.short_name for m in pair.members.all())
        with_whom = f"с наставляемым: {others}" if others else "наставничество"
    else:
        with_whom = f"с наставником: {pair.mentor.person.short_name}"
    event = Event()
    event.add("uid", f"pair-meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.held_on)
    event.add("dtend", meeting.held_on + datetime.timedelta(days=1))
    event.add("summary", f"{meeting.get_kind_display()} {with_whom}")
    description = [
        f"Тема: {meeting.topic}",
        f"Формат: {meeting.get_format_display()}, {meeting.duration_minutes} мин",
        f"Программа: {pair.programme.title}",
    ]
    event.add("description", "\n".join(description))
    event.add("categories", ["Встреча"])
    return event


def build_calendar(person: Person, today: datetime.date | None = None) -> bytes:
    today = today or datetime.date.today()
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    domain = _uid_domain()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Наставник: {person.short_name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in person_items(person):
        calendar.add_component(_item_event(item, stamp, domain))
    for meeting in person_meetings(person, today):
        calendar.add_component(_meeting_event(meeting, person, stamp, domain))
    # All events are all-day; should a timed event ever be added, its VTIMEZONE comes with it.
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
