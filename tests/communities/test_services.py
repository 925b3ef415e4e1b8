"""Community registration, the self-check through the survey engine, the lab flow and the reserve export."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from nastavnik.communities import lab, reserve, services
from nastavnik.communities.models import (
    Competence,
    CompetenceRating,
    LabPair,
    LabParticipant,
    LabStep,
    Member,
    SelfCheck,
)
from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from nastavnik.surveys import engine
from nastavnik.surveys.models import Campaign, Invitation
from nastavnik.surveys.services import store_response
from tests.communities.conftest import Centre
from tests.conftest import World
from tests.factories import make_person

DAY = datetime.date(2026, 12, 7)


def _answer(campaign: Campaign, person: Person, answers: dict[str, object]) -> None:
    invitation = Invitation.objects.get(campaign=campaign, person=person)
    store_response(invitation, engine.check(campaign.version.definition, answers))


def _user(world: World) -> User:
    user = world.people["district"].user
    assert user is not None
    return user


def _add_members(centre: Centre, world: World, count: int) -> None:
    for _ in range(count):
        Member.objects.create(community=centre.community, person=make_person(world.school, Role.TEACHER))


def test_registration_is_refused_below_five_members_and_names_the_shortfall(world: World, centre: Centre) -> None:
    with pytest.raises(services.Refused) as refusal:
        services.register(centre.community, DAY)
    assert str(refusal.value) == ("Для регистрации нужно не менее 5 участников: сейчас 2 участника, не хватает 3.")
    centre.community.refresh_from_db()
    assert centre.community.registered_on is None


def test_registration_at_four_members_still_refused_then_five_registers(world: World, centre: Centre) -> None:
    _add_members(centre, world, 2)
    with pytest.raises(services.Refused, match="сейчас 4 участника, не хватает 1"):
        services.register(centre.community, DAY)
    _add_members(centre, world, 1)
    services.register(centre.community, DAY)
    centre.community.refresh_from_db()
    assert centre.community.registered_on == DAY


def test_self_check_is_a_survey_campaign_for_the_members_and_its_mean_is_summarised(
    world: World, centre: Centre
) -> None:
    check, invited = services.start_self_check(centre.community, _user(world), DAY)
    assert invited == 2
    assert SelfCheck.objects.filter(community=centre.community).count() == 1
    campaign = check.campaign
    assert campaign.version.instrument.code == services.SELF_CHECK_CODE
    assert campaign.opens_on == DAY and campaign.closes_on == DAY + datetime.timedelta(days=14)
    assert set(campaign.invitations.values_list("person_id", flat=True)) == {
        world.people["teacher"].pk,
        world.people["mentor"].pk,
    }
    scales = ("goals", "tasks", "newcomers", "materials", "benefit", "rhythm")
    _answer(campaign, world.people["teacher"], dict.fromkeys(scales, 5))
    _answer(campaign, world.people["mentor"], dict.fromkeys(scales, 2))
    (summary,) = services.self_check_summaries(centre.community)
    assert (summary.invited, summary.answered) == (2, 2)
    assert summary.average == 21.0  # (30 + 12) / 2 on the 6–30 scale «Актуальность сообщества»


def _run_survey(world: World, centre: Centre) -> Campaign:
    invited = lab.start_survey(centre.lab, _user(world), DAY)
    assert invited == 4  # the four educators of the district's two kindergartens, nobody from the school
    with pytest.raises(lab.LabRefused, match="уже проведён"):
        lab.start_survey(centre.lab, _user(world), DAY)
    campaign = centre.lab.campaign
    assert campaign is not None
    first, second, third, fourth = centre.educators  # two in each kindergarten
    _answer(campaign, first, {"role": "mentor", "topic": "play", "forms": ["master_class"]})
    _answer(campaign, second, {"role": "mentee", "topic": "play"})
    _answer(campaign, third, {"role": "both", "topic": "play"})
    _answer(campaign, fourth, {"role": "no"})
    return campaign


def test_lab_collect_builds_the_map_once_and_pairs_only_across_institutions(world: World, centre: Centre) -> None:
    with pytest.raises(lab.LabRefused, match="Сначала проведите экспресс-опрос"):
        lab.collect(centre.lab)
    _run_survey(world, centre)
    assert lab.collect(centre.lab) == 4  # mentor, mentee, and «both» gives two rows; «no» gives none
    assert lab.collect(centre.lab) == 0  # repeatable
    columns, rows = lab.mentor_map(centre.lab)
    assert {c.pk for c in columns} == {k.pk for k in centre.kindergartens}
    (row,) = rows
    assert row.topic == "Игровые технологии в работе с дошкольниками"
    assert (row.mentors, row.mentees) == (2, 2)
    kg_a, kg_b = centre.kindergartens
    assert row.cells[kg_a.pk] == {"mentor": 1, "mentee": 1}
    assert row.cells[kg_b.pk] == {"mentor": 1, "mentee": 1}

    first, second, third, _ = centre.educators
    mentor = LabParticipant.objects.get(person=first, role="mentor")
    same_place = LabParticipant.objects.get(person=second, role="mentee")
    other_place = LabParticipant.objects.get(person=third, role="mentee")
    with pytest.raises(lab.LabRefused, match="из одного учреждения"):
        lab.make_pair(centre.lab, mentor, same_place, "consultation")
    with pytest.raises(lab.LabRefused, match="Выберите наставника из наставников"):
        lab.make_pair(centre.lab, other_place, mentor, "consultation")
    assert not LabPair.objects.exists()

    pair = lab.make_pair(centre.lab, mentor, other_place, "master_class")
    steps = lab.default_steps()
    assert LabStep.objects.filter(pair=pair, side="mentor").count() == len(steps["mentor"]) > 0
    assert LabStep.objects.filter(pair=pair, side="mentee").count() == len(steps["mentee"]) > 0
    with pytest.raises(lab.LabRefused, match="Такая пара уже есть"):
        lab.make_pair(centre.lab, mentor, other_place, "consultation")


def test_lab_report_is_due_on_the_first_of_june_after_the_year(centre: Centre) -> None:
    assert centre.lab.report_due == datetime.date(centre.lab.academic_year.start_year + 1, 6, 1)


def test_reserve_xlsx_has_the_header_a_row_per_person_and_the_competence_levels(world: World, centre: Centre) -> None:
    competences = list(Competence.objects.all())
    assert len(competences) >= 2
    entry = centre.entry
    entry.status = "member"
    entry.competition = "winner"
    entry.strengths = "Работа с командой"
    entry.save()
    CompetenceRating.objects.create(entry=entry, competence=competences[0], level=3)
    CompetenceRating.objects.create(entry=entry, competence=competences[1], level=4)

    book = load_workbook(io.BytesIO(reserve.export_xlsx(centre.cycle)))
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*reserve.EXPORT_HEADER, *[c.name for c in competences]]
    assert len(rows) == 2
    row = list(rows[1])
    assert row[:5] == [
        world.people["teacher"].full_name,
        world.school.short_name,
        "заместитель директора",
        "в резерве",
        "победитель",
    ]
    assert row[5] == "Работа с командой"
    levels = row[len(reserve.EXPORT_HEADER) :]
    assert levels[:2] == [3, 4]
    assert all(v in (None, "") for v in levels[2:])


def test_reserve_cycle_moves_forward_and_stops_when_closed(centre: Centre) -> None:
    seen = [centre.cycle.stage]
    while True:
        try:
            seen.append(reserve.advance(centre.cycle))
        except reserve.StageRefused as refusal:
            assert str(refusal) == "Цикл уже завершён."
            break
    assert seen[0] == "candidates" and seen[-1] == "closed"
    assert len(seen) == len(set(seen)) == 7


def test_competence_levels_are_set_and_cleared(centre: Centre) -> None:
    first, second = list(Competence.objects.all())[:2]
    reserve.set_ratings(centre.entry, {first.pk: 2, second.pk: 4})
    reserve.set_ratings(centre.entry, {first.pk: None, second.pk: 1})
    assert dict(centre.entry.ratings.values_list("competence_id", "level")) == {second.pk: 1}
    matrix = dict(reserve.matrix(centre.entry))
    assert matrix[first] is None and matrix[second] == 1
