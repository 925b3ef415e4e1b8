"""Community operations: registration (≥ 5 members), the leaderboard and the «моральный износ» self-check."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Count

from nastavnik.common.text import plural_ru
from nastavnik.communities.models import MIN_MEMBERS, Attendance, Community, Material, SelfCheck, Training
from nastavnik.communities.points import Contribution, Standing, leaderboard
from nastavnik.people.models import Person
from nastavnik.surveys import services as surveys
from nastavnik.surveys.models import Instrument, InstrumentVersion, Response

SELF_CHECK_CODE = "community-self-check"
SELF_CHECK_DAYS = 14


class Refused(Exception):
    """An operation the rules forbid; the message is shown to the user as it is."""


def register(community: Community, day: datetime.date) -> None:
    """Registers the community once it has at least five members (004: «из пяти и более человек»)."""
    count = community.members.count()
    if count < MIN_MEMBERS:
        now = f"{count} {plural_ru(count, 'участник', 'участника', 'участников')}"
        raise Refused(
            f"Для регистрации нужно не менее {MIN_MEMBERS} участников: сейчас {now}, не хватает {MIN_MEMBERS - count}."
        )
    community.registered_on = day
    community.save(update_fields=["registered_on"])


def standings(community: Community) -> list[Standing]:
    """The leaderboard of the community's members under the rule of communities.points."""
    members = list(community.members.select_related("person"))
    ids = [m.person_id for m in members]
    events = Counter(
        dict(
            Attendance.objects.filter(event__community=community, person_id__in=ids)
            .values_list("person_id")
            .annotate(n=Count("id"))
        )
    )
    materials = Counter(
        dict(
            Material.objects.filter(community=community, author_id__in=ids)
            .values_list("author_id")
            .annotate(n=Count("id"))
        )
    )
    trainees = Counter(
        dict(
            Training.objects.filter(community=community, trainer_id__in=ids)
            .values_list("trainer_id")
            .annotate(n=Count("trainee_id", distinct=True))
        )
    )
    rows = [
        (m.person_id, m.person.full_name, Contribution(events[pid], materials[pid], trainees[pid]))
        for m in members
        for pid in [m.person_id]
    ]
    return leaderboard(rows)


def self_check_version() -> InstrumentVersion:
    instrument = Instrument.objects.filter(code=SELF_CHECK_CODE).first()
    version = instrument.current if instrument else None
    if version is None:
        raise Refused("Анкета самопроверки не загружена: обратитесь к администратору.")
    return version


@transaction.atomic
def start_self_check(
    community: Community, user: AbstractBaseUser | AnonymousUser, day: datetime.date
) -> tuple[SelfCheck, int]:
    """A survey campaign of the self-check for the members; returns it and how many were invited."""
    people = Person.objects.filter(pk__in=community.members.values("person_id"))
    fields = {
        "organisation": community.organisation,
        "version": self_check_version(),
        "title": f"Самопроверка сообщества «{community.name}» на «моральный износ»",
        "opens_on": day,
        "closes_on": day + datetime.timedelta(days=SELF_CHECK_DAYS),
    }
    campaign, plan = surveys.create_campaign(fields, people, user)
    return SelfCheck.objects.create(community=community, campaign=campaign), len(plan.invited)


@dataclass(frozen=True)
class SelfCheckSummary:
    check: SelfCheck
    invited: int
    answered: int
    average: float | None


def self_check_summaries(community: Community) -> list[SelfCheckSummary]:
    """Invited, answered and the mean «Актуальность сообщества» (6–30) of each self-check run."""
    result = []
    for check in community.self_checks.select_related("campaign"):
        campaign = check.campaign
        totals = [
            score["score"]
            for response in Response.objects.filter(campaign=campaign, refused=False)
            for score in response.scores
            if score.get("slug") == "relevance"
        ]
        result.append(
            SelfCheckSummary(
                check,
                campaign.invitations.count(),
                campaign.invitations.filter(answered_at__isnull=False).count(),
                round(sum(totals) / len(totals), 1) if totals else None,
            )
        )
    return result
