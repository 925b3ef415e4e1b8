"""`{% pair_diary pair as d %}` and `{% pair_plans pair as p %}`: what the diary and plan cards show.

The cards live on the pair's page; each tag costs a fixed handful of queries whatever the size of
the log: the stats (two), the last three meetings with their ratings (two), the unrated meetings of
a mentee (one) and the task counts of every plan of the pair (one, plus one for the members when
they were not prefetched).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch

from nastavnik.access.rules import access_for
from nastavnik.pairs import diary
from nastavnik.pairs.models import MeetingRating, Pair, PairStatus

register = template.Library()
LAST_MEETINGS = 3


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def pair_diary(context: template.Context, pair: Pair) -> dict[str, Any]:
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {}
    person_id = access_for(user).person_id
    ratings = MeetingRating.objects.select_related("person").order_by("created_at", "id")
    last: list[Any] = list(
        pair.meetings.order_by("-held_on", "-id").prefetch_related(Prefetch("ratings", queryset=ratings))[
            :LAST_MEETINGS
        ]
    )
    for meeting in last:
        scores = [r.score for r in meeting.ratings.all()]
        meeting.average = round(sum(scores) / len(scores), 1) if scores else None
        meeting.my_rating = next((r for r in meeting.ratings.all() if r.person_id == person_id), None)
    member = diary.mentee_member(user, pair)
    can_rate = member is not None and (member.is_current or pair.status == PairStatus.COMPLETED)
    unrated: list[Any] = []
    if can_rate and person_id is not None:
        unrated = list(pair.meetings.exclude(ratings__person_id=person_id).order_by("-held_on", "-id"))
    return {
        "stats": diary.meeting_stats(pair),
        "last": last,
        "can_write": diary.can_log(user, pair) and not diary.log_refusal(pair),
        "can_rate": can_rate,
        "unrated": unrated,
    }


@register.simple_tag(takes_context=True)
def pair_plans(context: template.Context, pair: Pair) -> dict[str, Any]:
    user = _user(context)
    if user is None or not user.is_authenticated:
        return {}
    members = diary.members_of(pair)
    own = diary.mentee_member(user, pair)
    if own is not None and not diary.can_log(user, pair):
        members = [m for m in members if m.pk == own.pk]
    return {
        "rows": diary.plan_progress(members),
        "editable": diary.plan_editable(pair),
        "can_edit": diary.can_log(user, pair) and diary.plan_editable(pair),
    }
