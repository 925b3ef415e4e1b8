from __future__ import annotations

import datetime

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.surveys import engine, services
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation
from tests.conftest import World


def _answer(world: World, code: str, person_key: str, answers: dict[str, object], anonymous: bool = False) -> None:
    today = datetime.date.today()
    version = InstrumentVersion.objects.get(instrument__code=code)
    campaign = Campaign.objects.create(
        organisation=world.school,
        programme=world.programme,
        version=version,
        title="Анкета",
        opens_on=today,
        closes_on=today,
        anonymous=anonymous,
    )
    invitation = Invitation.objects.create(campaign=campaign, person=world.people[person_key])
    checked = engine.check(version.definition, answers)
    assert not checked.errors, checked.errors
    services.store_response(invitation, checked)


def _intake(**extra: object) -> dict[str, object]:
    version = InstrumentVersion.objects.get(instrument__code="mentee-intake")
    answers: dict[str, object] = {}
    for q in version.questions():
        if q["id"] == "role":
            answers["role"] = q["options"][0]["value"]
    answers.update(
        {
            "problems_student": ["low_academic_performance", "career_guidance"],
            "area": "Учёба",
            "goal": "Сдать ОГЭ по математике на «4»",
            "desired_result": "Уверенно решать задачи второй части",
            "format": "online",
            "preferred_time": "вт, чт после уроков",
            "interests": "шахматы, программирование",
        }
    )
    answers.update(extra)
    return {k: v for k, v in answers.items() if v is not None}


def test_an_intake_answer_becomes_the_mentees_request(world: World) -> None:
    world.mentee_entry.delete()
    _answer(world, "mentee-intake", "mentee", _intake())
    entry = MenteeEntry.objects.get(person=world.people["mentee"], programme=world.programme)
    assert entry.goal == "Сдать ОГЭ по математике на «4»"
    assert (entry.preferred_format, entry.preferred_time) == ("online", "вт, чт после уроков")
    assert set(entry.problems.values_list("code", flat=True)) == {"low_academic_performance", "career_guidance"}


def test_an_anonymous_intake_feeds_nothing(world: World) -> None:
    world.mentee_entry.delete()
    _answer(world, "mentee-intake", "mentee", _intake(), anonymous=True)
    assert not MenteeEntry.objects.filter(person=world.people["mentee"]).exists()


def test_a_mentor_profile_answer_updates_the_application_but_not_the_admission(world: World) -> None:
    version = InstrumentVersion.objects.get(instrument__code="mentor-profile")
    answers: dict[str, object] = {}
    for q in version.questions():
        if q.get("required", True) and q["type"] == "single" and q["id"] not in {"capacity", "takes_group", "format"}:
            answers[q["id"]] = q["options"][0]["value"]
    answers.update(
        {
            "capabilities_student": ["career_guidance"],
            "capacity": "3",
            "takes_group": "yes",
            "format": "offline",
            "availability": "пятница после уроков",
            "motivation": "Хочу помочь ребятам с выбором профессии",
            "experience_years": "12",
            "subjects": "физика",
        }
    )
    required_text = [q["id"] for q in version.questions() if q["type"] == "text" and q.get("required", True)]
    for key in required_text:
        answers.setdefault(key, "—")
    _answer(world, "mentor-profile", "mentor", answers)
    entry = MentorEntry.objects.get(person=world.people["mentor"], programme=world.programme)
    assert (entry.capacity, entry.takes_group, entry.experience_years) == (3, True, 12)
    assert list(entry.capabilities.values_list("code", flat=True)) == ["career_guidance"]
    assert entry.admission == Admission.APPLIED
