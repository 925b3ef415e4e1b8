"""A person's community, reserve and lab records are in the personal-data export and survive erasure anonymised."""

from __future__ import annotations

import datetime

from nastavnik.communities import lab
from nastavnik.communities.models import (
    Attendance,
    CommunityReport,
    Competence,
    CompetenceRating,
    LabParticipant,
    Material,
    Member,
    ReserveEntry,
    Training,
)
from nastavnik.privacy import export
from nastavnik.privacy.erase import anonymous_name, erase_person
from tests.communities.conftest import Centre
from tests.conftest import World

DAY = datetime.date(2026, 12, 7)
COMMUNITY_MODELS = {
    "communities.Community",
    "communities.Member",
    "communities.Material",
    "communities.Attendance",
    "communities.Training",
    "communities.ReserveEntry",
    "communities.CompetenceRating",
}
LAB_MODELS = {"communities.LabParticipant", "communities.LabPair", "communities.LabStep"}


def _busy_teacher(world: World, centre: Centre) -> None:
    teacher = world.people["teacher"]
    event = centre.community.events.create(title="Семинар", held_on=DAY)
    Attendance.objects.create(event=event, person=teacher)
    Material.objects.create(community=centre.community, title="Памятка", author=teacher)
    Training.objects.create(
        community=centre.community, trainer=teacher, trainee=world.people["curator"], topic="Игра", held_on=DAY
    )
    CompetenceRating.objects.create(entry=centre.entry, competence=Competence.objects.all()[0], level=2)
    centre.community.leader = teacher
    centre.community.save()


def test_the_export_holds_every_community_and_reserve_record_of_the_person(world: World, centre: Centre) -> None:
    _busy_teacher(world, centre)
    records = export.collect(world.people["teacher"])["records"]
    assert set(records) >= COMMUNITY_MODELS
    assert records["communities.ReserveEntry"]["records"][0]["position"] == "заместитель директора"
    assert records["communities.Member"]["records"][0]["asset_role"] == "tutor"
    # The curator appears only as the trainee: the training is hers too, the reserve is not.
    theirs = export.collect(world.people["curator"])["records"]
    assert "communities.Training" in theirs
    assert "communities.ReserveEntry" not in theirs


def test_the_export_holds_the_lab_rows_of_both_sides_of_a_pair(world: World, centre: Centre) -> None:
    mentor_person, _, mentee_person, _ = centre.educators
    mentor = LabParticipant.objects.create(
        lab=centre.lab, person=mentor_person, organisation=centre.kindergartens[0], role="mentor", topic="Игра"
    )
    mentee = LabParticipant.objects.create(
        lab=centre.lab, person=mentee_person, organisation=centre.kindergartens[1], role="mentee", topic="Игра"
    )
    pair = lab.make_pair(centre.lab, mentor, mentee, "consultation")
    for person in (mentor_person, mentee_person):
        records = export.collect(person)["records"]
        assert set(records) >= LAB_MODELS
        assert records["communities.LabPair"]["records"][0]["id"] == pair.pk
        assert len(records["communities.LabStep"]["records"]) == pair.steps.count()


def test_erasure_keeps_the_rows_and_figures_but_not_the_name(world: World, centre: Centre) -> None:
    _busy_teacher(world, centre)
    teacher = world.people["teacher"]
    CommunityReport.objects.create(
        community=centre.community, period="I полугодие", text=f"Выступила {teacher.full_name}, обучены трое."
    )
    erase_person(teacher, "заявление", None, DAY)
    teacher.refresh_from_db()
    label = anonymous_name(teacher.pk)
    assert teacher.last_name == label
    assert Member.objects.filter(community=centre.community).count() == 2
    assert ReserveEntry.objects.get(pk=centre.entry.pk).person_id == teacher.pk
    assert Training.objects.filter(trainer=teacher).count() == 1
    report = CommunityReport.objects.get(community=centre.community)
    assert report.text == f"Выступила {label}, обучены трое."
    records = export.collect(teacher)["records"]
    assert set(records) >= COMMUNITY_MODELS
