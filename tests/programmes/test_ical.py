"""The personal iCal feed: valid iCalendar, stable UIDs, all-day dates, a secret address that can be changed."""

from __future__ import annotations

import datetime

from django.urls import reverse
from icalendar import Calendar

from nastavnik.diary import ical
from nastavnik.diary.models import PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.pairs.models import MeetingKind, Pair, PairMentee, PairStatus
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, Programme, RoadmapItem
from tests.conftest import World


def _feed(world: World, role: str) -> Calendar:
    token = ical.feed_for(world.people[role]).token
    response = world.client_for("anonymous").get(reverse("programmes:ical", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_curator_feed_lists_their_roadmap_items(world: World, programme: Programme, settings: object) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    programme.roadmap.filter(template_n=5).update(status=ItemStatus.CANCELLED)
    calendar = _feed(world, "curator")
    events = _events(calendar)
    mine = RoadmapItem.objects.filter(responsible=world.people["curator"]).exclude(status=ItemStatus.CANCELLED)
    assert len(events) == mine.count() == 32  # 35 items: 2 are the director's, 1 is cancelled
    first = programme.roadmap.get(template_n=1)
    event = events[f"roadmap-item-{first.pk}@127.0.0.1"]
    year = programme.academic_year.start_year
    assert event["DTSTART"].dt == datetime.date(year, 10, 1)  # type: ignore[index]
    assert event["DTEND"].dt == datetime.date(year, 11, 1)  # type: ignore[index]
    assert str(event["SUMMARY"]) == first.title  # type: ignore[index]
    assert isinstance(event["DTSTAMP"].dt, datetime.datetime)  # type: ignore[index]
    assert str(calendar["VERSION"]) == "2.0" and "Nastavnik" in str(calendar["PRODID"])


def test_uids_are_stable_between_requests(world: World, programme: Programme) -> None:
    roadmap.instantiate(programme, "club-roadmap-001")
    assert set(_events(_feed(world, "director"))) == set(_events(_feed(world, "director")))
    assert len(_events(_feed(world, "director"))) == 2


def test_mentor_and_mentee_see_their_pairs_meetings(world: World, programme: Programme) -> None:
    pair = Pair.objects.create(
        programme=programme, mentor=world.mentor_entry, scheme=Scheme.APPOINTMENT, status=PairStatus.ACTIVE
    )
    PairMentee.objects.create(pair=pair, mentee=world.mentee_entry, is_current=True)
    today = datetime.date.today()
    meetings = [
        PairMeeting.objects.create(
            pair=pair, held_on=today - datetime.timedelta(days=7), topic="Знакомство", kind=MeetingKind.INTRO
        ),
        PairMeeting.objects.create(pair=pair, held_on=today, topic="Разбор задач"),
    ]
    for role in ("mentor", "mentee"):
        events = _events(_feed(world, role))
        assert set(events) == {f"pair-meeting-{m.pk}@127.0.0.1" for m in meetings}
        intro = events[f"pair-meeting-{meetings[0].pk}@127.0.0.1"]
        assert intro["DTSTART"].dt == today - datetime.timedelta(days=7)  # type: ignore[index]
    mentor_summary = str(_events(_feed(world, "mentor"))[f"pair-meeting-{meetings[0].pk}@127.0.0.1"]["SUMMARY"])  # type: ignore[index]
    assert mentor_summary.startswith("Встреча-знакомство с наставляемым")
    # The teacher takes no part in the pair.
    assert _events(_feed(world, "teacher")) == {}


def test_unknown_token_is_404_and_rotation_revokes_the_old_address(world: World) -> None:
    anonymous = world.client_for("anonymous")
    assert anonymous.get(reverse("programmes:ical", args=["nope"])).status_code == 404
    person = world.people["curator"]
    old = ical.feed_for(person).token
    client = world.client_for("curator")
    page = client.get(reverse("programmes:my_calendar")).content.decode()
    assert f"http://127.0.0.1:8000/programmes/ical/{old}.ics" in page
    response = client.post(reverse("programmes:my_calendar_reset"), follow=True)
    assert "Адрес календаря сменён" in response.content.decode()
    new = ical.feed_for(person).token
    assert new != old and len(new) >= 40
    assert anonymous.get(reverse("programmes:ical", args=[old])).status_code == 404
    assert anonymous.get(reverse("programmes:ical", args=[new])).status_code == 200
    assert new in response.content.decode()


def test_feed_address_uses_site_url(world: World, settings: object) -> None:
    settings.SITE_URL = "https://nastavnik.example.org/"  # type: ignore[attr-defined]
    feed = ical.feed_for(world.people["mentor"])
    assert ical.feed_url(feed) == f"https://nastavnik.example.org/programmes/ical/{feed.token}.ics"
    events = Calendar.from_ical(ical.build_calendar(world.people["mentor"]))
    assert list(events.walk("VEVENT")) == []


def test_account_without_a_person_sees_an_explanation(world: World) -> None:
    page = world.client_for("admin").get(reverse("programmes:my_calendar")).content.decode()
    assert "нет карточки человека" in page
