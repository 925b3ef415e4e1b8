"""A mentee with everything the system can hold about a person: the subject of the privacy tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nastavnik.diary.models import IndividualPlan, MeetingRating, PairEvaluation, PairMeeting
from nastavnik.pairs import lifecycle
from nastavnik.pairs.models import Decision, MeetingKind, MentorChangeRequest, Pair, PairStatus
from nastavnik.people.models import Person, SensitiveInfo
from nastavnik.programmes.models import CalendarFeed
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.conftest import World
from tests.pairs.matrix_roles import working_pair

LAST_NAME = "Белозерцева"
FIRST_NAME = "Ярослава"
EMAIL = "yaroslava.belozertseva@example.org"
PHONE = "+7 912 345-67-89"
BIRTH = datetime.date(2011, 3, 14)
DAY = datetime.date(2026, 10, 5)


@dataclass
class Subject:
    person: Person
    pair: Pair
    invitation: Invitation
    response: Response


def subject(world: World, *, complete: bool = False) -> Subject:
    """The world's mentee, named, with contacts, sensitive notes, an active (or completed) pair and a survey."""
    person = world.people["mentee"]
    Person.objects.filter(pk=person.pk).update(
        last_name=LAST_NAME, first_name=FIRST_NAME, middle_name="Игоревна", email=EMAIL, phone=PHONE, birth_date=BIRTH
    )
    person.refresh_from_db()
    person.save()  # a history row with the name and the contacts
    SensitiveInfo.objects.create(person=person, disability=True, health_notes="Астма, нужен ингалятор")
    world.mentee_entry.interests = "Шахматы и робототехника"
    world.mentee_entry.save()
    pair = working_pair(world)
    meeting = PairMeeting.objects.create(pair=pair, held_on=DAY, topic="Знакомство", kind=MeetingKind.FINAL)
    MeetingRating.objects.create(meeting=meeting, person=person, score=5, comment="Мне помогла Ярослава Игоревна")
    PairEvaluation.objects.create(pair=pair, author=person, side="mentee", score=5, comment="Всё понравилось")
    MentorChangeRequest.objects.create(pair=pair, person=person, reason="Хочу другого наставника")
    member = pair.members.get()
    IndividualPlan.objects.create(member=member, goals="Сдать ОГЭ по математике на 5")
    CalendarFeed.objects.create(person=person, token="secret-calendar-token")
    campaign = Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка",
        opens_on=DAY,
        closes_on=DAY + datetime.timedelta(days=30),
    )
    invitation = Invitation.objects.create(campaign=campaign, person=person, token="open-survey-token")
    answers = {q["id"]: 3 for q in campaign.version.questions()}
    response = Response.objects.create(
        campaign=campaign, version=campaign.version, person=person, answers=answers, class_name="7А"
    )
    if complete:
        lifecycle.complete(pair, None, Decision.STOP)
    pair.refresh_from_db()
    assert pair.status == (PairStatus.COMPLETED if complete else PairStatus.ACTIVE)
    return Subject(person, pair, invitation, response)
