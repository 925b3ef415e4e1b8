"""Satisfaction pulses (PRODUCT.md §8): mentees and mentors of a pair are asked ~30 days after
the pair starts and again when it completes. Run daily (`nastavnik send-pulse-surveys`):
it only adds invitations that do not exist yet, so running it twice changes nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from nastavnik.pairs.models import HOLDING_STATUSES, Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation

PULSE_AFTER_DAYS = 30
OPEN_DAYS = 14
STAGES = {"start": "через месяц работы пары", "completion": "при завершении"}
INSTRUMENTS = {"mentee": "mentee-satisfaction", "mentor": "mentor-satisfaction"}


@dataclass
class PulseSummary:
    campaigns: int = 0
    invitations: int = 0


def _due_pairs(stage: str, today: datetime.date) -> QuerySet[Pair]:
    pairs = Pair.objects.select_related("programme__organisation", "mentor__person").prefetch_related(
        "members__mentee__person"
    )
    if stage == "start":
        cutoff = today - datetime.timedelta(days=PULSE_AFTER_DAYS)
        return pairs.filter(status__in=HOLDING_STATUSES, confirmed_at__date__lte=cutoff)
    return pairs.filter(status=PairStatus.COMPLETED)


def _campaign(pair: Pair, side: str, stage: str, today: datetime.date, summary: PulseSummary) -> Campaign | None:
    version = InstrumentVersion.objects.filter(instrument__code=INSTRUMENTS[side]).order_by("-number").first()
    if version is None:
        return None
    title = f"Удовлетворённость {'наставляемых' if side == 'mentee' else 'наставников'}: {STAGES[stage]}"
    campaign, created = Campaign.objects.get_or_create(
        organisation=pair.programme.organisation,
        programme=pair.programme,
        version=version,
        title=title,
        defaults={"opens_on": today, "closes_on": today + datetime.timedelta(days=OPEN_DAYS)},
    )
    if not created and campaign.closes_on < today + datetime.timedelta(days=OPEN_DAYS):
        campaign.closes_on = today + datetime.timedelta(days=OPEN_DAYS)  # keep the pulse open for newcomers
        campaign.save(update_fields=["closes_on"])
    summary.campaigns += int(created)
    return campaign


def _invite(campaign: Campaign, people: list[Person], summary: PulseSummary) -> None:
    invited = set(campaign.invitations.values_list("person_id", flat=True))
    new = [Invitation(campaign=campaign, person=p) for p in people if p.pk not in invited and p.has_consent]
    Invitation.objects.bulk_create(new)
    summary.invitations += len(new)


@transaction.atomic
def create_pulse_invitations(today: datetime.date) -> PulseSummary:
    summary = PulseSummary()
    for stage in STAGES:
        for pair in _due_pairs(stage, today):
            mentees = [m.mentee.person for m in pair.members.all()]
            for side, people in (("mentee", mentees), ("mentor", [pair.mentor.person])):
                campaign = _campaign(pair, side, stage, today, summary)
                if campaign is not None:
                    _invite(campaign, people, summary)
    return summary
