"""Demo surveys: «Ключ к себе» for the 10th grade of school № 1 with answers, and a feedback survey."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.orgs.models import Organisation
from nastavnik.programmes.models import Programme
from nastavnik.surveys import engine, services
from nastavnik.surveys.models import Campaign, InstrumentVersion


def create_surveys(world: DemoWorld, users: dict[str, User]) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    version = InstrumentVersion.objects.filter(instrument__code="key-to-self").order_by("-number").first()
    if version is None:
        return
    fields = {
        "organisation": school,
        "programme": None,
        "version": version,
        "title": "«Ключ к себе»: 10 классы, осень",
        "anonymous": False,
        "opens_on": world.today - datetime.timedelta(days=14),
        "closes_on": world.today + datetime.timedelta(days=14),
    }
    people = services.audience_people(school, services.Audience.STUDENTS, grade=10)
    campaign, _ = services.create_campaign(fields, people, users["curator"])
    consent = next((q["id"] for q in version.questions() if q["type"] == "consent"), None)
    demo_mentee = users["mentee"].person
    for invitation in campaign.invitations.select_related("person", "campaign__version").order_by("id"):
        if invitation.person == demo_mentee or world.rng.random() < 0.3:
            continue  # the demo mentee answers herself; some have not answered yet
        answers: dict[str, object] = {f"q{n}": world.rng.choice((2, 3, 3, 4)) for n in range(1, 22)}
        if consent:
            answers[consent] = "no" if world.rng.random() < 0.05 else "yes"
        services.store_response(invitation, engine.check(version.definition, answers))


def _answer_all(campaign: Campaign, world: DemoWorld, shift: int) -> None:
    """Answer every invitation with scale values around the middle, moved up by `shift` after the programme."""
    questions = [q for q in campaign.version.questions() if q["type"] == "scale"]
    for invitation in campaign.invitations.select_related("person").order_by("id"):
        answers: dict[str, object] = {}
        for q in questions:
            low, high = int(q["min"]), int(q["max"])
            answers[q["id"]] = max(low, min(high, world.rng.randint(low, high - 1) + shift))
        checked = engine.check(campaign.version.definition, answers)
        if not checked.errors:
            services.store_response(invitation, checked)


def create_before_after(world: DemoWorld, users: dict[str, User]) -> None:
    """Stage-2 monitoring: the mentees of «Точка развития» assessed themselves in September and now."""
    school = world.orgs[catalog.SCHOOL1_SLUG]
    programme = school.programmes.filter(academic_year=world.year, title__startswith="Точка").first()
    if programme is not None:
        create_self_assessment(world, school, programme, users["curator"], shift=1)


def create_self_assessment(
    world: DemoWorld, school: Organisation, programme: Programme, user: User, shift: int
) -> None:
    """A «before» campaign in September and a linked «after» one now, answered by every mentee."""
    version = InstrumentVersion.objects.filter(instrument__code="self-assessment").order_by("-number").first()
    if version is None:
        return
    people = services.audience_people(school, services.Audience.MENTEES, programme)
    common = {"organisation": school, "programme": programme, "version": version, "anonymous": False}
    before, _ = services.create_campaign(
        {
            **common,
            "title": "Самооценка наставляемых: начало программы",
            "opens_on": world.year.starts_on,
            "closes_on": world.year.starts_on + datetime.timedelta(days=30),
        },
        people,
        user,
    )
    _answer_all(before, world, shift=0)
    after, _ = services.create_campaign(
        {
            **common,
            "title": "Самооценка наставляемых: середина года",
            "baseline": before,
            "opens_on": world.today - datetime.timedelta(days=7),
            "closes_on": world.today + datetime.timedelta(days=21),
        },
        people,
        user,
    )
    _answer_all(after, world, shift=shift)
