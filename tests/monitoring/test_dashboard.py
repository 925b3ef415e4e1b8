"""Dashboard analytics against a hand-built region: stage 1 and 2, involvement, schemes, roll-up, cache.

The region has two districts: «Северный» with schools A and B, «Южный» with school C.

School A (pupils mentored by teachers, 7 pupils, curator and two mentors):
- P1 appointment, completed 10.12 (started 15.09, meetings in Sep–Dec: regular), satisfaction 5,
  ratings 5 and 4, mutual evaluation: mentor 5, mentee 4;
- P2 questionnaire, a group of two pupils, active since 01.10, meetings in October and November;
- P3 questionnaire, dissolved; P4 group meeting, only proposed;
- P5 appointment, active since 10.09 with a single meeting in September (irregular);
- self-assessment «before» (October) and «after» (May) of pupils 1, 2 and 6, and pupil 7 before only;
- one curator's conformity questionnaire.
School B (teachers, a school profile of 100 pupils): P6 group meeting, completed 30.11, meetings in
September and October only (irregular), satisfaction 3.
School C: P7 appointment, active since 01.10, no meetings.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given, settings
from hypothesis import strategies as st

from nastavnik.bases.models import MentorEntry
from nastavnik.common import changes
from nastavnik.diary.models import MeetingRating, PairEvaluation
from nastavnik.district.models import SchoolProfile
from nastavnik.matching.models import Scheme
from nastavnik.monitoring import dashboard as dash
from nastavnik.monitoring.dashboard import dashboard_data
from nastavnik.monitoring.figures import DashboardData, Figures, Mean, SchemeFigures
from nastavnik.monitoring.queries import months_between, work_span
from nastavnik.orgs.models import Organisation, OrganisationKind, Role
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import MentoringFormat, Programme
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response
from tests.factories import OrganisationFactory, make_person
from tests.monitoring import builders as b

pytestmark = pytest.mark.django_db
AS_OF = b.day(12, 15)


@dataclasses.dataclass
class Region:
    region: Organisation
    north: Organisation
    south: Organisation
    a: Organisation
    b: Organisation
    c: Organisation
    pairs: dict[str, Pair]
    people: dict[str, Person]


def _pair(
    mentor: Person,
    mentees: list[Person],
    prog: Programme,
    scheme: str,
    status: str,
    *,
    started: datetime.date | None = None,
    completed: datetime.date | None = None,
    satisfaction: int | None = None,
    meetings: tuple[datetime.date, ...] = (),
) -> Pair:
    entry = MentorEntry.objects.filter(person=mentor, programme=prog).first() or b.mentor(mentor, prog, b.day(9, 1))
    pair = b.pair(
        entry,
        [b.mentee(person, prog, b.day(9, 1)) for person in mentees],
        status=status,
        confirmed_on=None if status == PairStatus.PROPOSED else b.day(9, 2),
        completed_on=completed,
    )
    Pair.objects.filter(pk=pair.pk).update(scheme=scheme, started_on=started)
    if satisfaction is not None:
        PairMentee.objects.filter(pair=pair).update(satisfaction=satisfaction)
    for day in meetings:
        b.meeting(pair, day)
    pair.refresh_from_db()
    return pair


def _scores(version: InstrumentVersion, campaign: Campaign, person: Person, involvement: int) -> None:
    Response.objects.create(
        campaign=campaign,
        version=version,
        person=person,
        answers={},
        scores=[{"slug": "involvement", "name": "Вовлечённость", "score": involvement, "band": None, "text": ""}],
    )


def build_region() -> Region:
    region = OrganisationFactory(short_name="Обл.", kind=OrganisationKind.REGION)
    north = OrganisationFactory(short_name="Северный р-н", kind=OrganisationKind.DISTRICT, parent=region)
    south = OrganisationFactory(short_name="Южный р-н", kind=OrganisationKind.DISTRICT, parent=region)
    a, b_school, c = b.school(north), b.school(north), b.school(south)
    pupils = [b.student(a) for _ in range(7)]
    m1, m2 = b.teacher(a), b.teacher(a)
    make_person(a, Role.CURATOR)
    prog_a = b.programme(a, "teacher_student")
    pairs = {
        "P1": _pair(
            m1,
            [pupils[0]],
            prog_a,
            Scheme.APPOINTMENT,
            PairStatus.COMPLETED,
            started=b.day(9, 15),
            completed=b.day(12, 10),
            satisfaction=5,
            meetings=(b.day(9, 20), b.day(10, 20), b.day(11, 20), b.day(12, 5)),
        ),
        "P2": _pair(
            m1,
            [pupils[1], pupils[2]],
            prog_a,
            Scheme.QUESTIONNAIRE,
            PairStatus.ACTIVE,
            started=b.day(10, 1),
            meetings=(b.day(10, 3), b.day(11, 10)),
        ),
        "P3": _pair(m2, [pupils[3]], prog_a, Scheme.QUESTIONNAIRE, PairStatus.DISSOLVED),
        "P4": _pair(m2, [pupils[4]], prog_a, Scheme.GROUP_MEETING, PairStatus.PROPOSED),
        "P5": _pair(
            m2,
            [pupils[5]],
            prog_a,
            Scheme.APPOINTMENT,
            PairStatus.ACTIVE,
            started=b.day(9, 10),
            meetings=(b.day(9, 12),),
        ),
    }
    p1_meetings = list(pairs["P1"].meetings.order_by("held_on"))
    MeetingRating.objects.create(meeting=p1_meetings[0], person=pupils[0], score=5)
    MeetingRating.objects.create(meeting=p1_meetings[1], person=pupils[0], score=4)
    MeetingRating.objects.create(meeting=pairs["P2"].meetings.first(), person=pupils[1], score=3)
    PairEvaluation.objects.create(pair=pairs["P1"], author=m1, side="mentor", score=5)
    PairEvaluation.objects.create(pair=pairs["P1"], author=pupils[0], side="mentee", score=4)
    # School B: teachers.
    t1, t2, _t3 = b.teacher(b_school), b.teacher(b_school), b.teacher(b_school)
    prog_b = b.programme(b_school, "teacher_teacher")
    pairs["P6"] = _pair(
        t1,
        [t2],
        prog_b,
        Scheme.GROUP_MEETING,
        PairStatus.COMPLETED,
        started=b.day(9, 5),
        completed=b.day(11, 30),
        satisfaction=3,
        meetings=(b.day(9, 10), b.day(10, 10)),
    )
    SchoolProfile.objects.create(
        organisation=b_school, academic_year=b.year(), results_index=Decimal(60), students_count=100
    )
    # School C.
    pupil_c, teacher_c = b.student(c), b.teacher(c)
    b.student(c)
    prog_c = b.programme(c, "teacher_student")
    pairs["P7"] = _pair(teacher_c, [pupil_c], prog_c, Scheme.APPOINTMENT, PairStatus.ACTIVE, started=b.day(10, 1))
    # Stage 2 in school A: involvement «before» 8, 10, 6 (and 5 of pupil 7), «after» 12, 9, 8.
    version = InstrumentVersion.objects.get(instrument__code="self-assessment")
    before = Campaign.objects.create(
        organisation=a, programme=prog_a, version=version, title="До", opens_on=b.day(10, 5), closes_on=b.day(10, 30)
    )
    after = Campaign.objects.create(
        organisation=a,
        programme=prog_a,
        version=version,
        title="После",
        opens_on=b.day(5, 10),
        closes_on=b.day(5, 31),
        baseline=before,
    )
    for person, old, new in [(pupils[0], 8, 12), (pupils[1], 10, 9), (pupils[5], 6, 8)]:
        _scores(version, before, person, old)
        _scores(version, after, person, new)
    _scores(version, before, pupils[6], 5)
    conformity = InstrumentVersion.objects.get(instrument__code="curator-conformity")
    survey = Campaign.objects.create(
        organisation=a, version=conformity, title="Анкета куратора", opens_on=b.day(11, 1), closes_on=b.day(11, 30)
    )
    Response.objects.create(
        campaign=survey,
        version=conformity,
        answers={"s1_conditions": "yes", "s1_requests": "partly", "s1_audience": "no", "r_model": 4, "r_voluntary": 5},
        submitted_at=b.moment(b.day(11, 5)),
    )
    people = {"pupil1": pupils[0], "pupil2": pupils[1], "pupil6": pupils[5], "m1": m1, "m2": m2}
    return Region(region, north, south, a, b_school, c, pairs, people)


@pytest.fixture
def world_region() -> Region:
    return build_region()


def data_for(org: Organisation, **kwargs: Any) -> DashboardData:
    return dashboard_data(org, b.year(), as_of=AS_OF, use_cache=False, **kwargs)


def test_pairs_by_scheme_formed_completed_dissolved_and_completion_rate(world_region: Region) -> None:
    data = data_for(world_region.a)
    schemes = {code: figures for code, _, figures in data.schemes}
    appointment, questionnaire, group = (
        schemes[Scheme.APPOINTMENT],
        schemes[Scheme.QUESTIONNAIRE],
        schemes[Scheme.GROUP_MEETING],
    )
    assert (appointment.formed, appointment.working, appointment.completed, appointment.dissolved) == (2, 1, 1, 0)
    assert (questionnaire.formed, questionnaire.working, questionnaire.completed, questionnaire.dissolved) == (
        2,
        1,
        0,
        1,
    )
    assert (group.formed, group.completed) == (0, 0)  # P4 is only proposed
    assert data.total.proposed == 1
    assert appointment.completion_rate == 100.0 and questionnaire.completion_rate == 0.0
    assert group.completion_rate is None
    assert questionnaire.groups == 1 and data.total.workshops == 1


def test_stage_one_ratings_satisfaction_evaluations_and_regularity(world_region: Region) -> None:
    data = data_for(world_region.a)
    quality = data.total.quality
    assert (quality.ratings.total, quality.ratings.count, quality.ratings.value) == (12, 3, 4.0)
    assert (quality.satisfaction.value, quality.satisfaction.count) == (5.0, 1)
    assert (quality.mentor_marks.value, quality.mentee_marks.value) == (5.0, 4.0)
    # P1 (4 months, 4 with meetings) and P2 (Oct–Nov, both with meetings) are regular; P5 is not.
    assert (quality.working_pairs, quality.regular_pairs, quality.regular_share) == (3, 2, 66.7)
    assert quality.meetings == 7
    by_scheme = {code: figures.quality for code, _, figures in data.schemes}
    assert by_scheme[Scheme.APPOINTMENT].ratings.value == 4.5
    assert by_scheme[Scheme.QUESTIONNAIRE].ratings.value == 3.0
    # School B: completed 30.11 after 3 months with meetings in two of them.
    school_b = data_for(world_region.b).total.quality
    assert (school_b.working_pairs, school_b.regular_pairs, school_b.satisfaction.value) == (1, 0, 3.0)


def test_a_pair_younger_than_a_full_month_is_not_judged() -> None:
    org = b.school()
    prog = b.programme(org)
    _pair(b.teacher(org), [b.student(org)], prog, Scheme.APPOINTMENT, PairStatus.ACTIVE, started=b.day(12, 2))
    assert data_for(org).total.quality.working_pairs == 0
    assert months_between(b.day(9, 30), b.day(10, 1)) == 2
    assert work_span(PairStatus.ACTIVE, b.day(9, 10), None, None, b.day(12, 15)) == 3
    assert work_span(PairStatus.FIXED, b.day(9, 10), None, None, b.day(12, 15)) == 0


def test_curator_conformity_questionnaire(world_region: Region) -> None:
    conformity = data_for(world_region.a).total.conformity
    assert (conformity.responses, conformity.facts, conformity.facts_yes, conformity.facts_partly) == (1, 3, 1, 1)
    assert conformity.yes_share == 33.3 and conformity.marks.value == 4.5


def test_stage_two_change_per_scale_and_per_scheme(world_region: Region) -> None:
    data = data_for(world_region.a)
    (scale, change, by_scheme) = next(line for line in data.scale_changes() if line[0].key[1] == "involvement")
    assert scale.name == "Вовлечённость"
    assert (change.before.total, change.before.count, change.after.total, change.after.count) == (29, 4, 29, 3)
    assert (change.before.value, change.after.value, change.delta) == (7.25, 9.67, 2.42)
    # Paired: +4, −1, +2.
    assert (change.paired.count, change.paired_delta, change.improved, change.declined) == (3, 1.67, 2, 1)
    schemes = dict(by_scheme)
    assert (schemes[Scheme.APPOINTMENT].paired_delta, schemes[Scheme.APPOINTMENT].paired.count) == (3.0, 2)
    assert (schemes[Scheme.QUESTIONNAIRE].paired_delta, schemes[Scheme.QUESTIONNAIRE].paired.count) == (-1.0, 1)
    assert schemes[Scheme.GROUP_MEETING].paired.count == 0
    by_code = {code: figures for code, _, figures in data.schemes}
    assert by_code[Scheme.APPOINTMENT].change.paired_delta == 3.0
    assert by_code[Scheme.APPOINTMENT].change.improved_share == 100.0


def test_baseline_in_autumn_and_final_in_may(world_region: Region) -> None:
    surveys = data_for(world_region.a).total.surveys
    assert (surveys.links, surveys.on_schedule, surveys.baseline_in_autumn, surveys.final_in_may) == (1, 1, 1, 1)
    assert (surveys.before_answers, surveys.after_answers, surveys.named_links) == (4, 3, 1)
    Campaign.objects.filter(title="До").update(opens_on=b.day(9, 2))
    moved = data_for(world_region.a).total.surveys
    assert (moved.on_schedule, moved.baseline_in_autumn, moved.final_in_may) == (0, 0, 1)


def test_an_anonymous_campaign_gives_means_but_no_paired_change(world_region: Region) -> None:
    Campaign.objects.filter(title="До").update(anonymous=True)
    data = data_for(world_region.a)
    change = data.total.changes[next(iter(data.total.changes))]
    assert change.before.count == 4 and change.paired.count == 0 and data.total.surveys.named_links == 0


def test_involvement_of_students_and_teachers_against_the_target(world_region: Region) -> None:
    school_a = data_for(world_region.a).total.involvement
    # Pupils 1, 2, 3 (P1, P2) and 6 (P5); pupil 4's pair was dissolved, pupil 5's only proposed.
    assert (school_a.students_in, school_a.students, school_a.students_share) == (4, 7, 57.1)
    # Teachers: two mentors and the curator; both mentors are in pairs in mentoring.
    assert (school_a.teachers_in, school_a.teachers, school_a.teachers_share) == (2, 3, 66.7)
    assert school_a.target_met is False
    school_b = data_for(world_region.b).total.involvement
    # The school profile's 100 pupils outnumber the registered ones (none).
    assert (school_b.students, school_b.students_registered, school_b.official_counts) == (100, 0, 1)
    assert (school_b.teachers_in, school_b.teachers) == (2, 3)


def test_project_statistics_of_source_000(world_region: Region) -> None:
    data = data_for(world_region.region)
    assert data.total.workshops == 1  # the group P2
    assert data.total.involvement.teachers_in == 2 + 2 + 1
    assert data.total.involvement.students_in == 4 + 1
    assert data.total.trained_teachers == 0
    b.mentor(b.teacher(world_region.a), Programme.objects.get(organisation=world_region.a), b.day(9, 3), trained=True)
    assert data_for(world_region.region).total.trained_teachers == 1  # indicator 2.1


def _leaves(value: Any, prefix: str = "") -> dict[str, float]:
    """Every number of a Figures, flattened (path → value)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, float] = {}
        for f in dataclasses.fields(value):
            out.update(_leaves(getattr(value, f.name), f"{prefix}{f.name}."))
        return out
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{prefix}{key}."))
        return out
    return {prefix: value} if isinstance(value, int | float) else {}


def _sum_of(rows: list[Figures]) -> dict[str, float]:
    total: dict[str, float] = {}
    for row in rows:
        for key, value in _leaves(row).items():
            total[key] = round(total.get(key, 0) + value, 6)
    return total


def test_roll_up_totals_are_the_sums_of_the_rows(world_region: Region) -> None:
    region = data_for(world_region.region)
    assert [row.organisation.pk for row in region.rows] == [world_region.north.pk, world_region.south.pk]
    assert [row.organisations for row in region.rows] == [3, 2]  # the district itself and its schools
    total = {k: round(v, 6) for k, v in _leaves(region.total).items()}
    assert total == _sum_of([row.figures for row in region.rows])
    north = data_for(world_region.north)
    assert [row.organisation.pk for row in north.rows] == [world_region.a.pk, world_region.b.pk]
    assert {k: round(v, 6) for k, v in _leaves(north.total).items()} == _sum_of([row.figures for row in north.rows])
    # A district row of the region is the district's own total.
    assert _leaves(region.rows[0].figures) == _leaves(north.total)
    assert region.total.pairs.formed == 5 + 1  # P4 is only proposed
    assert region.total.quality.ratings.value == 4.0  # recomputed from summed totals and counts


def test_the_mean_of_a_total_is_weighted_by_counts_not_the_mean_of_means(world_region: Region) -> None:
    extra = b.programme(world_region.c)
    pair = _pair(b.teacher(world_region.c), [b.student(world_region.c)], extra, Scheme.APPOINTMENT, PairStatus.ACTIVE)
    MeetingRating.objects.create(meeting=b.meeting(pair, b.day(10, 1)), person=b.student(world_region.c), score=1)
    region = data_for(world_region.region)
    # North: 12 over 3 ratings; south: 1 over 1 → 13 / 4, not (4 + 1) / 2.
    assert region.total.quality.ratings.value == 3.25


def test_a_district_runs_its_own_programme_shown_as_its_own_row(world_region: Region) -> None:
    prog = b.programme(world_region.north)
    _pair(b.teacher(world_region.a), [b.student(world_region.b)], prog, Scheme.QUESTIONNAIRE, PairStatus.ACTIVE)
    north = data_for(world_region.north)
    assert north.rows[0].own and north.rows[0].figures.pairs.formed == 1
    assert north.total.pairs.formed == sum(row.figures.pairs.formed for row in north.rows) == 6


def test_the_form_filter_narrows_pairs_and_involvement(world_region: Region) -> None:
    teacher_teacher = MentoringFormat.objects.get(code="teacher_teacher")
    data = data_for(world_region.north, form=teacher_teacher)
    assert data.total.pairs.formed == 1  # P6 only
    assert data.total.involvement.students_in == 0 and data.total.involvement.teachers_in == 2
    assert data.total.surveys.links == 0  # school A's campaigns belong to a teacher–student programme
    assert data.form == teacher_teacher


def test_another_year_is_empty(world_region: Region) -> None:
    other = b.AcademicYear.objects.get_or_create(start_year=b.YEAR_START + 1)[0]
    data = dashboard_data(world_region.region, other, use_cache=False)
    assert data.total.pairs.formed == 0 and data.total.surveys.links == 0
    assert data.total.involvement.students_in == 0


def _orgs_with_activity(count: int) -> Organisation:
    district = OrganisationFactory(kind=OrganisationKind.DISTRICT)
    version = InstrumentVersion.objects.get(instrument__code="self-assessment")
    for _ in range(count):
        school = b.school(district)
        prog = b.programme(school)
        pupil = b.student(school)
        pair = _pair(b.teacher(school), [pupil], prog, Scheme.APPOINTMENT, PairStatus.COMPLETED, satisfaction=4)
        MeetingRating.objects.create(meeting=b.meeting(pair, b.day(10, 1)), person=pupil, score=4)
        PairEvaluation.objects.create(pair=pair, author=pupil, side="mentee", score=5)
        before = Campaign.objects.create(
            organisation=school, version=version, title="До", opens_on=b.day(10, 1), closes_on=b.day(10, 2)
        )
        after = Campaign.objects.create(
            organisation=school,
            version=version,
            title="После",
            opens_on=b.day(5, 1),
            closes_on=b.day(5, 2),
            baseline=before,
        )
        _scores(version, before, pupil, 5)
        _scores(version, after, pupil, 7)
    return district


def _queries(org: Organisation) -> tuple[int, DashboardData]:
    with CaptureQueriesContext(connection) as ctx:
        data = data_for(org)
    return len(ctx.captured_queries), data


def test_the_number_of_queries_does_not_grow_with_the_organisations(
    django_assert_max_num_queries: Any,
) -> None:
    small, large = _orgs_with_activity(3), _orgs_with_activity(30)
    small_count, small_data = _queries(small)
    large_count, large_data = _queries(large)
    assert small_data.total.pairs.completed == 3 and large_data.total.pairs.completed == 30
    assert large_data.total.changes and next(iter(large_data.total.changes.values())).paired.count == 30
    assert small_count == large_count
    with django_assert_max_num_queries(40):
        data_for(large)


def test_the_cache_returns_the_same_numbers_and_a_save_refreshes_them(world_region: Region) -> None:
    first = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    assert not first.from_cache
    with CaptureQueriesContext(connection) as ctx:
        again = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    assert again.from_cache and len(ctx.captured_queries) <= 2
    assert _leaves(again.total) == _leaves(first.total)
    MeetingRating.objects.create(
        meeting=world_region.pairs["P1"].meetings.order_by("held_on").last(),
        person=world_region.people["pupil1"],
        score=1,
    )
    fresh = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    assert not fresh.from_cache and fresh.total.quality.ratings.count == 4
    # Another form or another date is another entry.
    form = MentoringFormat.objects.get(code="teacher_student")
    assert not dashboard_data(world_region.a, b.year(), as_of=AS_OF, form=form).from_cache
    assert not dashboard_data(world_region.a, b.year(), as_of=b.day(12, 16)).from_cache


def _reads_memberships(queries: list[dict[str, str]]) -> bool:
    return any('FROM "orgs_membership"' in query["sql"] for query in queries)


def test_a_rating_recomputes_the_survey_side_only_and_a_new_student_the_structure(world_region: Region) -> None:
    """Pairs and involvement are cached under the indicators' generation: a meeting rating (the usual
    write of a working day) recomputes ratings without reading the memberships again; a new student
    is a change of the structure and is counted at once."""
    first = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    ratings, registered = first.total.quality.ratings.count, first.total.involvement.students_registered
    MeetingRating.objects.create(
        meeting=world_region.pairs["P1"].meetings.order_by("held_on").last(),
        person=world_region.people["pupil1"],
        score=1,
    )
    with CaptureQueriesContext(connection) as ctx:
        rated = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    assert not rated.from_cache and rated.total.quality.ratings.count == ratings + 1
    assert not _reads_memberships(ctx.captured_queries)
    changed = {key for key in _leaves(first.total.pairs) if key.startswith("quality.ratings.")}
    assert {k: v for k, v in _leaves(rated.total.pairs).items() if k not in changed} == {
        k: v for k, v in _leaves(first.total.pairs).items() if k not in changed
    }
    assert rated.total.involvement == first.total.involvement

    b.student(world_region.a)
    with CaptureQueriesContext(connection) as ctx:
        grown = dashboard_data(world_region.a, b.year(), as_of=AS_OF)
    assert _reads_memberships(ctx.captured_queries)
    assert grown.total.involvement.students_registered == registered + 1
    assert grown.total.quality.ratings.count == ratings + 1


def test_the_cache_never_shows_a_wider_scope_to_a_narrower_reader(world_region: Region) -> None:
    """A school with a branch: its curator does not read the branch, the administrator does."""
    from django.contrib.auth.models import User

    branch = b.school(world_region.a)
    _pair(b.teacher(branch), [b.student(branch)], b.programme(branch), Scheme.APPOINTMENT, PairStatus.ACTIVE)
    curator = make_person(world_region.a, Role.CURATOR, username="branch-curator")
    admin = User.objects.create_superuser("root-admin", "root@example.org", "x")
    wide = dashboard_data(world_region.a, b.year(), as_of=AS_OF, user=admin)
    narrow = dashboard_data(world_region.a, b.year(), as_of=AS_OF, user=curator.user)
    assert wide.scope_ids is None and narrow.scope_ids == frozenset({world_region.a.pk})
    assert not narrow.from_cache
    assert wide.total.pairs.formed == 5 and narrow.total.pairs.formed == 4
    assert dashboard_data(world_region.a, b.year(), as_of=AS_OF, user=admin).from_cache


def test_signals_bump_the_version_for_every_watched_model(world_region: Region) -> None:
    version = changes.version()
    Pair.objects.filter(pk=world_region.pairs["P1"].pk).first().save()  # type: ignore[union-attr]
    assert changes.version() != version
    version = changes.version()
    Response.objects.filter(campaign__title="После").first().delete()  # type: ignore[union-attr]
    assert changes.version() != version


def _figures(pairs: int, students: int, rating: int) -> Figures:
    figures = Figures()
    appointment = figures.schemes.setdefault(Scheme.APPOINTMENT, SchemeFigures())
    appointment.formed = pairs
    appointment.quality.ratings = Mean(rating * pairs, pairs)
    figures.involvement.students, figures.involvement.students_in = students * 2, students
    return figures


@settings(max_examples=60)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 50), st.integers(0, 300), st.integers(1, 5)), max_size=6),
        min_size=1,
        max_size=5,
    ),
    st.tuples(st.integers(0, 50), st.integers(0, 300), st.integers(1, 5)),
)
def test_roll_up_rows_and_total_add_up_for_any_tree(districts: list[list[tuple[int, int, int]]], own: Any) -> None:
    """Region → districts → schools built in memory: each row is its subtree, rows add up to everything."""
    region = Organisation(pk=1, short_name="Обл.", kind=OrganisationKind.REGION, path="/1/")
    scope, figures, next_pk = [region], {1: _figures(*own)}, 2
    subtree_sums: dict[int, int] = {}
    for schools in districts:
        district = Organisation(
            pk=next_pk, short_name="Р-н", kind=OrganisationKind.DISTRICT, parent_id=1, path=f"/1/{next_pk}/"
        )
        scope.append(district)
        figures[district.pk] = Figures()
        subtree_sums[district.pk] = 0
        next_pk += 1
        for school in schools:
            org = Organisation(pk=next_pk, short_name="Школа", parent_id=district.pk, path=f"{district.path}{next_pk}/")
            scope.append(org)
            figures[org.pk] = _figures(*school)
            subtree_sums[district.pk] += school[0]
            next_pk += 1
    rows = dash.roll_up(region, scope, figures)
    districts_rows = [row for row in rows if not row.own]
    assert {row.organisation.pk: row.figures.pairs.formed for row in districts_rows} == subtree_sums
    assert [row.organisation.path for row in districts_rows] == sorted(row.organisation.path for row in districts_rows)
    everything = Figures()
    for item in figures.values():
        everything.add(item)
    # Zeros left out on both sides: a scheme without data is absent from one Figures, zero in a sum.
    assert {k: v for k, v in _sum_of([row.figures for row in rows]).items() if v} == {
        k: round(v, 6) for k, v in _leaves(everything).items() if v
    }
    assert any(row.own for row in rows) == dash._has_data(figures[1])
