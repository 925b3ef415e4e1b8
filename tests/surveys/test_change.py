"""Before/after change (stage 2 monitoring) computed against a hand-built data set; the CSV export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse

from nastavnik.bases.models import MenteeEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import services as pair_services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.surveys import change, engine
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person


def _campaign(
    world: World, code: str = "key-to-self", *, baseline: Campaign | None = None, anonymous: bool = False
) -> Campaign:
    start = TODAY - datetime.timedelta(days=200 if baseline is None else 1)
    return Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code=code),
        title="После" if baseline else "До",
        opens_on=start,
        closes_on=start + datetime.timedelta(days=30),
        baseline=baseline,
        anonymous=anonymous,
    )


def _answer(campaign: Campaign, person: Person, answers: dict[str, object]) -> None:
    """A stored answer sheet, scored by the engine as the answer page would."""
    Invitation.objects.create(campaign=campaign, person=person, answered_at=campaign.version.created_at)
    Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=None if campaign.anonymous else person,
        answers=answers,
        scores=engine.score(campaign.version.definition, answers),
    )


def _key(value: int) -> dict[str, object]:
    """«Ключ к себе» with every item = value: mastery = 8v − v = 7v, resilience = 5v − 3v = 2v."""
    return {f"q{n}": value for n in range(1, 22)}


def _student(world: World, last_name: str, *, mentee: bool = True) -> tuple[Person, MenteeEntry | None]:
    person = make_person(world.school, Role.STUDENT)
    person.last_name = last_name
    person.save()
    return person, make_mentee_entry(person, world.programme) if mentee else None


@pytest.fixture
def dataset(world: World) -> tuple[Campaign, dict[str, Person]]:
    """Mastery «до → после»: A 14→28, B 7→14, mentor 21→21, D 28→21; C only after (7), E only before (7).

    A and B are the mentees of one active pair of the mentor (scheme «по анкетам»); D is in the
    programme's mentee base with only a proposed pair; C and E are outside the programme.
    """
    before = _campaign(world)
    after = _campaign(world, baseline=before)
    a = world.people["mentee"]
    b, b_entry = _student(world, "Берёзкина")
    c, _ = _student(world, "Цветкова", mentee=False)
    d, d_entry = _student(world, "Дубова")
    e, _ = _student(world, "Елагина", mentee=False)
    mentor = world.people["mentor"]
    assert b_entry and d_entry
    pair = pair_services.propose(world.mentor_entry, [world.mentee_entry, b_entry], Scheme.QUESTIONNAIRE, None)
    Pair.objects.filter(pk=pair.pk).update(status=PairStatus.ACTIVE)
    pair_services.propose(world.mentor_entry, [d_entry], Scheme.APPOINTMENT, None)  # stays proposed: not counted
    for person, old, new in [(a, 2, 4), (b, 1, 2), (mentor, 3, 3), (d, 4, 3)]:
        _answer(before, person, _key(old))
        _answer(after, person, _key(new))
    _answer(after, c, _key(1))
    _answer(before, e, _key(1))
    return after, {"A": a, "B": b, "C": c, "D": d, "E": e, "mentor": mentor}


def _cell(cells: list[change.Cell], measures: list[change.Measure], key: str) -> change.Cell:
    return cells[[m.key for m in measures].index(key)]


def test_the_comparison_of_means_counts_everyone_who_answered(dataset: tuple[Campaign, dict[str, Person]]) -> None:
    report = change.compute(dataset[0])
    mastery = next(line for line in report.comparison if line.measure.key == "mastery")
    # Before: 14 + 7 + 21 + 28 + 7 = 77 / 5; after: 28 + 14 + 21 + 21 + 7 = 91 / 5.
    assert (mastery.cell.before, mastery.cell.after, mastery.cell.delta) == (15.4, 18.2, 2.8)
    assert (mastery.before_count, mastery.after_count) == (5, 5)
    assert mastery.bands_before == [("высокий", 1), ("средний", 2), ("низкий", 2)]
    assert mastery.bands_after == [("высокий", 1), ("средний", 3), ("низкий", 1)]


def test_people_who_answered_both_times_give_the_paired_change_and_band_moves(
    dataset: tuple[Campaign, dict[str, Person]],
) -> None:
    report = change.compute(dataset[0])
    mastery = next(line for line in report.comparison if line.measure.key == "mastery")
    # Deltas +14, +7, 0, −7 → mean 3.5; A middle→high, B low→middle up, mentor stays, D high→middle down.
    assert (mastery.paired, mastery.paired_delta) == (4, 3.5)
    assert (mastery.moved_up, mastery.stayed, mastery.moved_down) == (2, 1, 1)
    assert (report.only_before, report.only_after) == (1, 1)


def test_change_per_person_is_after_minus_before_per_scale(dataset: tuple[Campaign, dict[str, Person]]) -> None:
    after, people = dataset
    report = change.compute(after)
    rows = {row.person.pk: row for row in report.people}
    assert set(rows) == {people["A"].pk, people["B"].pk, people["D"].pk, people["mentor"].pk}
    a_mastery = _cell(rows[people["A"].pk].cells, report.measures, "mastery")
    assert (a_mastery.before, a_mastery.after, a_mastery.delta) == (14, 28, 14)
    assert (a_mastery.band_before, a_mastery.band_after) == ("средний", "высокий")
    a_resilience = _cell(rows[people["A"].pk].cells, report.measures, "resilience")
    assert (a_resilience.before, a_resilience.after, a_resilience.delta) == (4, 8, 4)
    assert _cell(rows[people["D"].pk].cells, report.measures, "mastery").delta == -7


def test_change_per_pair_is_the_mean_of_its_mentees_and_the_mentors_own(
    dataset: tuple[Campaign, dict[str, Person]],
) -> None:
    report = change.compute(dataset[0])
    assert len(report.pairs) == 1  # the proposed pair of D is not a pair yet
    row = report.pairs[0]
    mastery = _cell(row.mentees.cells, report.measures, "mastery")
    # Mentees A and B: before (14 + 7) / 2 = 10.5, after (28 + 14) / 2 = 21.
    assert (row.mentees.people, mastery.before, mastery.after, mastery.delta) == (2, 10.5, 21, 10.5)
    assert row.mentor is not None and _cell(row.mentor, report.measures, "mastery").delta == 0
    assert [(g.label, g.people) for g in report.schemes] == [("Подбор по анкетам", 2)]


def test_change_per_programme_is_the_mean_over_its_mentee_base(dataset: tuple[Campaign, dict[str, Person]]) -> None:
    report = change.compute(dataset[0])
    assert len(report.programmes) == 1
    group = report.programmes[0]
    mastery = _cell(group.cells, report.measures, "mastery")
    # A, B, D (the mentor is not a mentee; C and E are not in the base): 49/3 → 63/3.
    assert (group.people, mastery.before, mastery.after, mastery.delta) == (3, 16.33, 21, 4.67)
    assert mastery.delta_text == "+4,67"


def test_an_instrument_without_a_key_compares_the_means_of_its_scale_questions(world: World) -> None:
    before = _campaign(world, "mentee-satisfaction")
    after = _campaign(world, "mentee-satisfaction", baseline=before)
    other, _ = _student(world, "Иволгина")
    for person, old, new in [(world.people["mentee"], 2, 5), (other, 4, 4)]:
        _answer(before, person, {"s1": old, "s2": 3})
        _answer(after, person, {"s1": new, "s2": 3})
    report = change.compute(after)
    assert not report.scored and [m.key for m in report.measures][:2] == ["s1", "s2"]
    s1, s2 = report.comparison[0], report.comparison[1]
    assert (s1.cell.before, s1.cell.after, s1.cell.delta, s1.paired_delta) == (3, 4.5, 1.5, 1.5)
    assert s2.cell.delta == 0
    mine = next(r for r in report.people if r.person == world.people["mentee"])
    assert mine.cells[0].delta == 3


@pytest.mark.parametrize("anonymous_side", ["before", "after"])
def test_an_anonymous_campaign_gives_only_the_comparison_of_means(world: World, anonymous_side: str) -> None:
    before = _campaign(world, anonymous=anonymous_side == "before")
    after = _campaign(world, baseline=before, anonymous=anonymous_side == "after")
    person = world.people["mentee"]
    _answer(before, person, _key(2))
    _answer(after, person, _key(4))
    report = change.compute(after)
    assert not report.named
    assert report.people == [] and report.pairs == [] and report.programmes == [] and report.schemes == []
    mastery = next(line for line in report.comparison if line.measure.key == "mastery")
    assert (mastery.cell.delta, mastery.paired) == (14, 0)
    page = world.client_for("curator").get(reverse("surveys:change", args=[after.pk])).content.decode()
    assert "Сравнение средних" in page and "+14" in page
    assert person.last_name not in page and "По участникам" not in page


def test_managers_see_people_and_pairs_readers_see_only_aggregates(
    world: World, dataset: tuple[Campaign, dict[str, Person]]
) -> None:
    after, people = dataset
    url = reverse("surveys:change", args=[after.pk])
    curator = world.client_for("curator").get(url).content.decode()
    assert "Берёзкина" in curator and "По парам и группам" in curator and "+10,5" in curator
    district = world.client_for("district").get(url)
    page = district.content.decode()
    assert district.status_code == 200 and "По программам" in page and "+4,67" in page
    assert all(people[k].last_name not in page for k in ("A", "B", "D")) and "По парам" not in page


def test_a_campaign_without_a_baseline_has_no_change_page(world: World) -> None:
    campaign = _campaign(world)
    assert world.client_for("curator").get(reverse("surveys:change", args=[campaign.pk])).status_code == 404


def test_the_campaign_page_links_the_change_page_both_ways(world: World) -> None:
    before = _campaign(world)
    after = _campaign(world, baseline=before)
    link = reverse("surveys:change", args=[after.pk])
    client = world.client_for("curator")
    assert link in client.get(reverse("surveys:detail", args=[after.pk])).content.decode()
    assert link in client.get(reverse("surveys:detail", args=[before.pk])).content.decode()


# -- creating an «after» campaign ---------------------------------------------------------------


def _create(world: World, code: str, baseline: Campaign) -> object:
    data = {
        "organisation": world.school.pk,
        "version": InstrumentVersion.objects.get(instrument__code=code).pk,
        "title": "После",
        "audience": "students",
        "opens_on": TODAY.isoformat(),
        "closes_on": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "baseline": baseline.pk,
    }
    return world.client_for("curator").post(reverse("surveys:create"), data)


def test_a_curator_links_a_new_campaign_to_its_before(world: World) -> None:
    before = _campaign(world, "self-assessment")
    response = _create(world, "self-assessment", before)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert Campaign.objects.latest("id").baseline == before


def test_the_before_must_be_of_the_same_instrument(world: World) -> None:
    before = _campaign(world, "mentee-satisfaction")
    response = _create(world, "self-assessment", before)
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert "другой анкете" in response.content.decode()  # type: ignore[attr-defined]


def test_a_once_a_year_instrument_cannot_be_compared_within_one_academic_year(world: World) -> None:
    before = Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="key-to-self"),
        title="До",
        opens_on=TODAY,
        closes_on=TODAY,
    )
    response = _create(world, "key-to-self", before)
    assert "не чаще раза в учебный год" in response.content.decode()  # type: ignore[attr-defined]


def test_another_organisations_campaign_is_not_offered_as_a_before(world: World) -> None:
    foreign = Campaign.objects.create(
        organisation=world.other_school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Чужой опрос",
        opens_on=TODAY,
        closes_on=TODAY,
    )
    page = world.client_for("curator").get(reverse("surveys:create")).content.decode()
    assert "Сравнить с опросом" in page and "Чужой опрос" not in page
    assert _create(world, "self-assessment", foreign).status_code == 200  # type: ignore[attr-defined]


# -- CSV export of results ---------------------------------------------------------------------


def _csv_rows(world: World, campaign: Campaign) -> list[list[str]]:
    response = world.client_for("curator").get(reverse("surveys:export_csv", args=[campaign.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_export_has_names_answers_and_scores(world: World) -> None:
    campaign = _campaign(world)
    _answer(campaign, world.people["mentee"], _key(3))
    header, row = _csv_rows(world, campaign)
    assert header[:4] == ["№", "Участник", "Класс", "Дата"] and "Понимание мастерства" in header
    assert row[1] == world.people["mentee"].full_name
    assert row[header.index("Понимание мастерства")] == "21 (средний)"


def test_the_csv_export_of_an_anonymous_campaign_has_no_names(world: World) -> None:
    campaign = _campaign(world, anonymous=True)
    _answer(campaign, world.people["mentee"], _key(3))
    rows = _csv_rows(world, campaign)
    assert len(rows) == 2 and rows[1][1] == ""
    assert all(world.people["mentee"].last_name not in cell for row in rows for cell in row)


def test_the_csv_export_defuses_cells_that_look_like_formulas(world: World) -> None:
    campaign = _campaign(world, "liked-ask-suggest")
    _answer(campaign, world.people["mentee"], {"liked": "=HYPERLINK(1)", "ask": "", "suggest": ""})
    _header, row = _csv_rows(world, campaign)
    assert "'=HYPERLINK(1)" in row


def test_the_csv_export_is_for_the_organisations_managers(world: World) -> None:
    campaign = _campaign(world)
    assert world.client_for("district").get(reverse("surveys:export_csv", args=[campaign.pk])).status_code == 403
    assert world.client_for("other_curator").get(reverse("surveys:export_csv", args=[campaign.pk])).status_code == 404
