"""The personal calendar: the secret iCal address, its rotation and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import require
from nastavnik.diary import ical
from nastavnik.people.models import Person
from nastavnik.programmes.models import CalendarFeed

NO_PERSON = "Календарь есть у участников и сотрудников: у этой учётной записи нет карточки человека"


def _person(request: HttpRequest) -> Person | None:
    return getattr(request.user, "person", None)


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    context: dict[str, object] = {"person": person}
    if person is not None:
        feed = ical.feed_for(person)
        today = timezone.localdate()
        items = ical.person_items(person)
        context.update(
            {
                "feed_url": ical.feed_url(feed),
                "webcal_url": "webcal://" + ical.feed_url(feed).split("://", 1)[-1],
                "upcoming": [i for i in items if i.due_on >= today][:10],
                "n_items": len(items),
                "n_meetings": len(ical.person_meetings(person, today)),
            }
        )
    return render(request, "programmes/my_calendar.html", context)


@login_required
@require_POST
def my_calendar_reset(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    require(person is not None, NO_PERSON)
    assert person is not None
    ical.rotate(person)
    messages.success(request, "Адрес календаря сменён. Старый адрес больше не работает — подключите новый.")
    return redirect("programmes:my_calendar")


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed by its secret address; no login (calendar apps cannot log in)."""
    feed = CalendarFeed.objects.select_related("person__user").filter(token=token).first()
    # A disabled account (left, erased) has no calendar any more, whatever address it had.
    if feed is None or (feed.person.user is not None and not feed.person.user.is_active):
        raise Http404("Календарь не найден")
    response = HttpResponse(
        ical.build_calendar(feed.person, timezone.localdate()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="nastavnik.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
