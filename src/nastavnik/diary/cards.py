"""The cards of a pair's page — meeting log, individual plans, results — computed by the page's view.

Each card costs a fixed handful of queries whatever the size of the log: the stats (two), the last
three meetings with their ratings (two), the unrated meetings of a mentee (one), the task counts of
every plan (one, plus one for the members when they were not prefetched) and the results summary.
An empty dict means the card is not shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch

from nastavnik.access.rules import access_for
from nastavnik.diary import completion
from nastavnik.diary import log as diary
from nastavnik.diary.models import MeetingRating
from nastavnik.pairs.models import Decision, Pair, PairStatus

LAST_MEETINGS = 3
User = AbstractBaseUser | AnonymousUser


def diary_card(user: User, pair: Pair) -> dict[str, Any]:
    """The meeting-log card: stats, the last meetings with ratings, what a mentee may still rate."""
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


def plans_card(user: User, pair: Pair) -> dict[str, Any]:
    """The individual-plan card: per mentee, tasks done of all; a mentee sees only their own plan."""
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


def completion_card(user: User, pair: Pair) -> dict[str, Any]:
    """The results card: outcomes, evaluations, awards and practices, each as far as the user may see."""
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    organisation = pair.programme.organisation
    side = completion.side_of(pair, access.person_id)
    staff = access.can_read_org(organisation)
    data = completion.summary_context(pair)
    evaluations = data["evaluations"]
    if not staff:
        # A participant sees their own mark only: the other side's comment stays with the curator.
        evaluations = [e for e in evaluations if e.author_id == access.person_id]
    awards = [a for a in data["awards"] if staff or a.person_id == access.person_id]
    members = [
        {
            "member": m,
            "outcomes": completion.outcome_labels(m.outcomes or []),
            "became_mentor": m.mentee.person_id in data["new_mentor_ids"],
        }
        for m in pair.members.all()
    ]
    own = next((e for e in data["evaluations"] if e.author_id == access.person_id), None)
    return {
        "members": members,
        "is_active": pair.status == PairStatus.ACTIVE,
        "is_completed": pair.status == PairStatus.COMPLETED,
        "decision": Decision(pair.decision).label if pair.decision else "",
        "can_complete": pair.status == PairStatus.ACTIVE and access.can_manage_org(organisation),
        "can_fill_results": pair.status == PairStatus.ACTIVE and side == "mentor",
        "side": side,
        "can_evaluate": side is not None and completion.evaluation_open(pair),
        "own_evaluation": own,
        "evaluation_deadline": completion.evaluation_deadline(pair),
        "evaluations": evaluations,
        "staff": staff,
        "awards": awards,
        "can_award": pair.status == PairStatus.COMPLETED and access.can_decide_in(organisation),
        "practices": data["practices"] if staff else [],
        "can_add_practice": pair.status == PairStatus.COMPLETED and access.can_manage_org(organisation),
        "has_results": any(m.outcomes or m.result_note or m.satisfaction for m in pair.members.all()),
    }


def pair_cards(user: User, pair: Pair) -> dict[str, Any]:
    """The context the pair's page passes to its card templates."""
    return {"d": diary_card(user, pair), "p": plans_card(user, pair), "card": completion_card(user, pair)}
