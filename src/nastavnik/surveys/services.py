"""Campaign operations: who is invited (consent, age, once a year), progress, answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, Role
from nastavnik.people.models import Person
from nastavnik.programmes.models import MentoringFormat, Programme
from nastavnik.surveys.feeds import feed_bases
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response


class Audience:
    STUDENTS = "students"
    TEACHERS = "teachers"
    MENTEES = "mentees"
    MENTORS = "mentors"

    CHOICES = [
        (STUDENTS, "Обучающиеся организации"),
        (TEACHERS, "Педагоги организации"),
        (MENTEES, "Наставляемые программы"),
        (MENTORS, "Наставники программы"),
    ]


@dataclass
class InvitationPlan:
    invited: list[Person] = field(default_factory=list)
    without_consent: int = 0
    too_young: int = 0
    answered_this_year: int = 0


def audience_people(
    organisation: Organisation,
    audience: str,
    programme: Programme | None = None,
    grade: int | None = None,
    class_letter: str = "",
    mentoring_form: MentoringFormat | None = None,
) -> QuerySet[Person]:
    if audience in {Audience.MENTEES, Audience.MENTORS}:
        model = MenteeEntry if audience == Audience.MENTEES else MentorEntry
        entries = model.objects.filter(programme=programme) if programme else model.objects.none()
        if mentoring_form is not None:
            entries = entries.filter(programme_form__form=mentoring_form)
        return Person.objects.filter(pk__in=entries.values("person_id"))
    role = Role.STUDENT if audience == Audience.STUDENTS else Role.TEACHER
    members = Membership.objects.filter(organisation=organisation, role=role, is_active=True)
    if grade:
        members = members.filter(grade=grade)
    if class_letter:
        members = members.filter(class_letter=class_letter.upper())
    return Person.objects.filter(pk__in=members.values("person_id"))


def answered_this_year(version: InstrumentVersion, day: datetime.date) -> set[int]:
    """People who already answered this instrument in the academic year of `day`."""
    start = datetime.date(AcademicYear.start_year_for(day), 9, 1)
    return set(
        Invitation.objects.filter(
            campaign__version__instrument=version.instrument,
            answered_at__date__gte=start,
            answered_at__date__lte=start.replace(year=start.year + 1, month=8, day=31),
        ).values_list("person_id", flat=True)
    )


def plan_invitations(
    version: InstrumentVersion, people: QuerySet[Person], day: datetime.date, once_per_year: bool | None = None
) -> InvitationPlan:
    """Who is invited; `once_per_year` None follows the instrument's own rule."""
    plan = InvitationPlan()
    once = bool(version.definition.get("once_per_year")) if once_per_year is None else once_per_year
    done = answered_this_year(version, day) if once else set()
    for person in people.order_by("last_name", "first_name", "id"):
        if not person.has_consent:
            plan.without_consent += 1
        elif version.min_age and (person.age_on(day) or 0) < version.min_age:
            plan.too_young += 1
        elif person.pk in done:
            plan.answered_this_year += 1
        else:
            plan.invited.append(person)
    return plan


@transaction.atomic
def create_campaign(
    fields: dict[str, Any], people: QuerySet[Person], user: AbstractBaseUser | AnonymousUser
) -> tuple[Campaign, InvitationPlan]:
    campaign = Campaign.objects.create(created_by=user if user.is_authenticated else None, **fields)  # type: ignore[misc]
    plan = plan_invitations(campaign.version, people, campaign.opens_on, campaign.once_per_year)
    Invitation.objects.bulk_create([Invitation(campaign=campaign, person=person) for person in plan.invited])
    return campaign, plan


def is_open(campaign: Campaign, day: datetime.date | None = None) -> bool:
    day = day or timezone.localdate()
    return campaign.status == "open" and campaign.opens_on <= day <= campaign.closes_on


def _class_name(invitation: Invitation) -> str:
    member = Membership.objects.filter(
        person=invitation.person, organisation=invitation.campaign.organisation, role=Role.STUDENT
    ).first()
    return member.class_name if member else ""


class AlreadyAnswered(Exception):
    """The personal link has already been used: a second answer (a double click, a second tab) is refused."""


@transaction.atomic
def store_response(invitation: Invitation, checked: Any, now: datetime.datetime | None = None) -> list[dict[str, Any]]:
    """Save checked answers (or a refusal) with their scores; returns the scores for the feedback page.

    The invitation is claimed by one conditional UPDATE (``answered_at IS NULL``) in the same
    transaction as the insert: of several requests arriving at once only one updates the row
    (PostgreSQL makes the others wait for its commit and re-check; SQLite runs the transactions
    one after another), the rest get ``AlreadyAnswered`` and write nothing.
    """
    from nastavnik.surveys import engine

    campaign = invitation.campaign
    now = now or timezone.now()
    if campaign.anonymous:  # keep only the day: no way to match the answer to the invitation by time
        now = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if not Invitation.objects.filter(pk=invitation.pk, answered_at__isnull=True).update(answered_at=now):
        raise AlreadyAnswered("Ответ по этой ссылке уже принят")
    invitation.answered_at = now
    scores = [] if checked.refused else engine.score(campaign.version.definition, checked.answers)
    Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=None if campaign.anonymous else invitation.person,
        refused=checked.refused,
        answers={} if checked.refused else checked.answers,
        scores=scores,
        submitted_at=now,
        class_name=_class_name(invitation),
    )
    if not checked.refused and not campaign.anonymous:
        feed_bases(campaign.version.instrument.code, campaign.programme, invitation.person, checked.answers)
    return scores
