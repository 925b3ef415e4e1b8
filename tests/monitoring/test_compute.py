"""Each computed indicator against a hand-built dataset, with the `as_of` cut-off."""

from __future__ import annotations

from typing import Any

import pytest

from nastavnik.monitoring.compute import COMPUTED, MANUAL, MIXED, Value, compute, total
from nastavnik.monitoring.indicators import CODES
from nastavnik.monitoring.models import Event, EventKind, EventLevel, ManualValue
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.pairs.models import Outcome, PairStatus
from tests.factories import PersonFactory
from tests.monitoring import builders as b

pytestmark = pytest.mark.django_db


def values_of(org: Organisation, on: Any) -> dict[str, int | None]:
    return {code: v.value for code, v in compute([org.pk], b.year(), on)[org.pk].items()}


def test_every_indicator_has_a_value_and_an_empty_organisation_has_zeros() -> None:
    org = b.school()
    result = compute([org.pk], b.year(), b.day(12, 1))
    assert list(result[org.pk]) == list(CODES)
    assert all(v == Value(0, COMPUTED) for v in result[org.pk].values())


def test_requests_count_students_and_teachers_once_each_up_to_the_date() -> None:
    org = b.school()
    students_programme = b.programme(org, "student_student")
    teachers_programme = b.programme(org, "teacher_teacher")
    pupil, other_pupil, late_pupil = b.student(org), b.student(org), b.student(org)
    young_teacher = b.teacher(org)
    b.mentee(pupil, students_programme, b.day(9, 10))
    b.mentee(pupil, teachers_programme, b.day(9, 11))  # the same person twice: counted once
    b.mentee(other_pupil, students_programme, b.day(10, 1))
    b.mentee(late_pupil, students_programme, b.day(12, 2))
    b.mentee(young_teacher, teachers_programme, b.day(9, 15))
    # No membership at all: the mentoring form tells who the mentee is.
    outsider = PersonFactory()
    b.mentee(outsider, teachers_programme, b.day(9, 20))
    young_outsider = PersonFactory()
    b.mentee(young_outsider, students_programme, b.day(9, 21))
    at_start = values_of(org, b.day(9, 1))
    assert (at_start["1.1"], at_start["1.2"]) == (0, 0)
    on_december_first = values_of(org, b.day(12, 1))
    assert (on_december_first["1.1"], on_december_first["1.2"]) == (3, 2)
    assert values_of(org, b.day(12, 2))["1.1"] == 4


def test_a_student_who_also_teaches_counts_as_a_student_and_inactive_roles_do_not_count() -> None:
    org = b.school()
    prog = b.programme(org, "teacher_teacher")
    person = b.student(org)
    Membership.objects.create(person=person, organisation=org, role=Role.TEACHER)
    former = b.teacher(org)
    Membership.objects.filter(person=former).update(is_active=False)
    Membership.objects.create(person=former, organisation=org, role=Role.STUDENT)
    b.mentee(person, prog, b.day(9, 10))
    b.mentee(former, prog, b.day(9, 10))
    values = values_of(org, b.day(12, 1))
    assert (values["1.1"], values["1.2"]) == (2, 0)


def test_requests_of_another_organisation_or_year_are_not_counted() -> None:
    org, other = b.school(), b.school()
    b.mentee(b.student(other), b.programme(other), b.day(9, 10))
    last_year = b.programme(org)
    last_year.academic_year = b.AcademicYear.objects.get_or_create(start_year=2025)[0]
    last_year.save()
    b.mentee(b.student(org), last_year, b.day(9, 10))
    assert values_of(org, b.day(12, 1))["1.1"] == 0


def test_mentor_community_by_background_admission_date_and_training() -> None:
    org = b.school()
    prog = b.programme(org, "teacher_student")
    b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 20), trained=True)
    b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(11, 5))
    b.mentor(b.teacher(org), prog, b.day(9, 2), trained=True)  # applied, not admitted: still trained (2.1)
    b.mentor(PersonFactory(), prog, b.day(9, 3), background="graduate", admitted_on=b.day(9, 25))
    b.mentor(PersonFactory(), prog, b.day(9, 3), background="enterprise", admitted_on=b.day(9, 25))
    b.mentor(PersonFactory(), prog, b.day(9, 3), background="entrepreneur", admitted_on=b.day(9, 25))
    b.mentor(PersonFactory(), prog, b.day(9, 3), background="ngo", admitted_on=b.day(9, 25))
    b.mentor(PersonFactory(), prog, b.day(9, 3), background="ngo", admitted_on=b.day(9, 26), trained=True)
    b.mentor(b.student(org), prog, b.day(9, 3), background="student", admitted_on=b.day(9, 25))
    rejected = b.mentor(PersonFactory(), prog, b.day(9, 3), background="graduate")
    type(rejected).objects.filter(pk=rejected.pk).update(admission="rejected", decided_at=b.moment(b.day(9, 4)))
    october = values_of(org, b.day(10, 1))
    assert [october[c] for c in ("2.1", "2.2", "2.3", "2.4", "2.5", "2.6")] == [2, 1, 1, 1, 1, 2]
    november = values_of(org, b.day(11, 5))
    assert november["2.2"] == 2
    assert values_of(org, b.day(9, 1)) == values_of(b.school(), b.day(9, 1))


def _completed(org: Organisation, outcomes: list[list[str]], completed_on: Any, form: str = "teacher_teacher") -> Any:
    prog = b.programme(org, form)
    mentor = b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3))
    entries = [b.mentee(b.teacher(org), prog, b.day(9, 4)) for _ in outcomes]
    return b.pair(
        mentor,
        entries,
        status=PairStatus.COMPLETED,
        confirmed_on=b.day(9, 10),
        completed_on=completed_on,
        outcomes=outcomes,
    )


def test_pair_results_count_mentees_of_pairs_completed_by_the_date() -> None:
    org = b.school()
    _completed(
        org,
        [[Outcome.PERSONNEL_RESERVE, Outcome.PROJECT_LEAD], [Outcome.SKILLS_COMPETITION], [Outcome.REQUEST_MET]],
        b.day(12, 20),
    )
    _completed(org, [[Outcome.GRADES_IMPROVED, Outcome.OLYMPIAD], [Outcome.GRADES_IMPROVED]], b.day(5, 25))
    active = b.programme(org)
    b.pair(
        b.mentor(b.teacher(org), active, b.day(9, 2), admitted_on=b.day(9, 3)),
        [b.mentee(b.student(org), active, b.day(9, 4))],
        outcomes=[[Outcome.GRADES_IMPROVED]],  # not completed: outcomes do not count yet
    )
    december = values_of(org, b.day(12, 31))
    assert [december[c] for c in ("3.1", "3.2", "3.3", "3.5", "3.6")] == [1, 1, 1, 0, 0]
    may = values_of(org, b.day(5, 31))
    assert [may[c] for c in ("3.1", "3.2", "3.3", "3.5", "3.6")] == [1, 1, 1, 2, 1]
    assert values_of(org, b.day(12, 19))["3.1"] == 0


def test_status_changes_split_teachers_and_students() -> None:
    org = b.school()
    prog = b.programme(org)
    b.became_mentor(b.teacher(org), prog, b.day(10, 1))
    b.became_mentor(b.student(org), prog, b.day(10, 2))
    b.became_mentor(b.student(org), prog, b.day(3, 2))
    # Recorded with the pair only: the organisation is the pair's programme's.
    target = _completed(org, [[Outcome.REQUEST_MET]], b.day(10, 1))
    b.became_mentor(b.student(org), None, b.day(10, 3), target=target)
    b.became_mentor(b.student(b.school()), b.programme(b.school()), b.day(10, 3))
    values = values_of(org, b.day(12, 1))
    assert (values["3.4"], values["3.7"]) == (1, 2)
    assert values_of(org, b.day(6, 1))["3.7"] == 3


def test_team_form_people_activities_and_teams_that_became_mentors() -> None:
    org = b.school()
    prog = b.programme(org, "team_team")
    lead = b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3))
    team = [b.mentee(b.student(org), prog, b.day(9, 4)) for _ in range(3)]
    working = b.pair(lead, team, confirmed_on=b.day(9, 15))
    second_lead = b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3))
    second_team = [b.mentee(b.student(org), prog, b.day(9, 4)) for _ in range(2)]
    dissolved = b.pair(second_lead, second_team, confirmed_on=b.day(9, 15))
    b.dissolve_on(dissolved, b.day(11, 10))
    b.pair(  # only proposed: nobody takes part yet
        b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3)),
        [b.mentee(b.student(org), prog, b.day(9, 4))],
        status=PairStatus.PROPOSED,
    )
    for month, number in ((9, 20), (10, 5), (10, 25)):
        b.meeting(working, b.day(month, number))
    b.meeting(dissolved, b.day(10, 1))
    b.meeting(working, b.day(12, 5))
    finished = b.pair(
        b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3)),
        [b.mentee(b.student(org), prog, b.day(9, 4)), b.mentee(b.student(org), prog, b.day(9, 4))],
        status=PairStatus.COMPLETED,
        confirmed_on=b.day(9, 10),
        completed_on=b.day(11, 30),
        outcomes=[[Outcome.TEAM_MENTOR], [Outcome.TEAM_MENTOR]],
    )
    october = values_of(org, b.day(10, 31))
    # 4 + 3 + 3 people (mentor and mentees of three pairs); 3 + 1 activities.
    assert (october["3.8"], october["3.9"], october["3.10"]) == (10, 4, 0)
    december = values_of(org, b.day(12, 10))
    assert (december["3.8"], december["3.9"], december["3.10"]) == (7, 5, 1)
    assert finished.members.count() == 2


def test_events_feed_group_four() -> None:
    org = b.school()
    year = b.year()
    common: dict[str, Any] = {"organisation": org, "academic_year": year}
    Event.objects.create(
        **common, title="Семинар", date=b.day(10, 10), kind=EventKind.HELD, participants=40, partner_participants=3
    )
    Event.objects.create(
        **common,
        title="Конференция",
        date=b.day(11, 12),
        kind=EventKind.HELD,
        level=EventLevel.REGIONAL,
        participants=120,
        practices_approved=2,
        practices_level=EventLevel.REGIONAL,
    )
    Event.objects.create(
        **common,
        title="Форум в лицее",
        date=b.day(10, 20),
        kind=EventKind.ATTENDED,
        participants=6,
        staff_participants=5,
        partner_participants=1,
        practices_approved=4,
        practices_level=EventLevel.MUNICIPAL,
    )
    Event.objects.create(
        **common,
        title="Всероссийский форум",
        date=b.day(3, 1),
        kind=EventKind.ATTENDED,
        level=EventLevel.FEDERAL,
        participants=2,
        staff_participants=2,
        practices_approved=1,
        practices_level=EventLevel.FEDERAL,
    )
    october = values_of(org, b.day(10, 31))
    assert [october[c] for c in ("4.1", "4.2", "4.3", "4.4", "4.5")] == [5, 4, 1, 40, 0]
    march = values_of(org, b.day(3, 1))
    assert [march[c] for c in ("4.1", "4.2", "4.3", "4.4", "4.5")] == [7, 4, 2, 160, 3]


def test_a_manual_value_replaces_the_calculation_from_its_date_and_can_be_withdrawn() -> None:
    org = b.school()
    prog = b.programme(org)
    b.mentee(b.student(org), prog, b.day(9, 10))
    year = b.year()
    ManualValue.objects.create(
        organisation=org, academic_year=year, code="1.1", value=25, on_date=b.day(10, 1), comment="по журналу"
    )
    assert compute([org.pk], year, b.day(9, 30))[org.pk]["1.1"] == Value(1, COMPUTED)
    assert compute([org.pk], year, b.day(10, 1))[org.pk]["1.1"] == Value(25, MANUAL, "по журналу")
    ManualValue.objects.create(
        organisation=org, academic_year=year, code="1.1", value=None, on_date=b.day(11, 1), comment="снова расчёт"
    )
    assert compute([org.pk], year, b.day(11, 1))[org.pk]["1.1"] == Value(1, COMPUTED)
    assert compute([org.pk], year, b.day(10, 15))[org.pk]["1.1"].value == 25
    assert compute([org.pk], year, b.day(10, 15), include_manual=False)[org.pk]["1.1"].value == 1


def test_a_date_per_organisation_gives_what_separate_calls_give() -> None:
    first, second = b.school(), b.school()
    for org in (first, second):
        prog = b.programme(org)
        b.mentee(b.student(org), prog, b.day(9, 10))
        b.mentee(b.student(org), prog, b.day(10, 10))
        Event.objects.create(organisation=org, academic_year=b.year(), title="Семинар", date=b.day(10, 5))
    dates = {first.pk: b.day(9, 30), second.pk: b.day(10, 31)}
    together = compute([first.pk, second.pk], b.year(), dates)
    assert together[first.pk] == compute([first.pk], b.year(), dates[first.pk])[first.pk]
    assert together[second.pk] == compute([second.pk], b.year(), dates[second.pk])[second.pk]
    assert (together[first.pk]["1.1"].value, together[second.pk]["1.1"].value) == (1, 2)
    assert (together[first.pk]["4.3"].value, together[second.pk]["4.3"].value) == (0, 1)


def test_total_is_the_sum_of_organisations_and_marks_manual_parts() -> None:
    orgs = [b.school() for _ in range(3)]
    for count, org in enumerate(orgs, start=1):
        prog = b.programme(org)
        for _ in range(count):
            b.mentee(b.student(org), prog, b.day(9, 10))
    ManualValue.objects.create(
        organisation=orgs[0], academic_year=b.year(), code="4.3", value=4, on_date=b.day(9, 1), comment="архив"
    )
    per_org = compute([o.pk for o in orgs], b.year(), b.day(12, 1))
    summed = total(per_org.values())
    assert summed["1.1"] == Value(6, COMPUTED)
    assert summed["4.3"] == Value(4, MIXED)
    for code in CODES:
        assert summed[code].value == sum(per_org[o.pk][code].value or 0 for o in orgs)


def _region_of(count: int) -> list[int]:
    ids = []
    for _ in range(count):
        org = b.school()
        prog = b.programme(org)
        b.mentee(b.student(org), prog, b.day(9, 10))
        b.mentor(b.teacher(org), prog, b.day(9, 2), admitted_on=b.day(9, 3))
        Event.objects.create(organisation=org, academic_year=b.year(), title="Семинар", date=b.day(10, 5))
        ids.append(org.pk)
    return ids


@pytest.mark.parametrize("count", [3, 30])
def test_the_number_of_queries_does_not_grow_with_organisations(count: int, django_assert_max_num_queries: Any) -> None:
    ids = _region_of(count)
    year = b.year()
    dates = {org_id: b.day(9, 1) if index % 2 else b.day(12, 1) for index, org_id in enumerate(ids)}
    with django_assert_max_num_queries(10):
        result = compute(ids, year, b.day(12, 1))
    with django_assert_max_num_queries(10):
        compute(ids, year, dates)
    assert sum(v["1.1"].value or 0 for v in result.values()) == count
