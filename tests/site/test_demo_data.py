"""The `demo-data` command: a believable, consistent and repeatable demo world.

Building the demo takes seconds, and these tests only read it: the demo is built once for the
module, inside a transaction rolled back when the module is done, and every test runs in a
savepoint of its own (the `db` fixture), so whatever a test writes is gone before the next one.
The command on an empty database (seeds, the region scale, refusals) is tested in
test_demo_command.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.http import HttpRequest
from django.test import Client, override_settings
from pytest_django import DjangoDbBlocker

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.demo import catalog, report
from nastavnik.demo.accounts import ACCOUNTS, DEMO_PASSWORD, MODULE_ACCOUNTS
from nastavnik.demo.names import Gender, gender_of
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.monitoring.dashboard import dashboard_data
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, OrganisationKind, Role
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from nastavnik.people.models import Consent, ConsentGiver, GuardianLink, Person
from nastavnik.programmes.models import Programme, ProgrammeStatus
from nastavnik.surveys.models import Campaign
from tests.clock import NOW
from tests.conftest import FAST_PASSWORD_HASHERS


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo-data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _demo_once(django_db_setup: None, django_db_blocker: DjangoDbBlocker, _media_dir: Path) -> Iterator[str]:
    """The demo built once for the module, on the tests' clock, files and password hasher."""
    settings = override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, MEDIA_ROOT=str(_media_dir))
    with django_db_blocker.unblock(), transaction.atomic():
        with settings, time_machine.travel(NOW, tick=True):
            output = run_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once: str, db: None) -> str:
    return _demo_once


def test_every_demo_account_logs_in_with_the_demo_password(demo: str) -> None:
    for account in ACCOUNTS:
        assert Client().login(request=HttpRequest(), username=account.username, password=DEMO_PASSWORD), (
            account.username
        )
        assert User.objects.get(username=account.username).email == f"{account.username}@example.org"


def test_the_printed_table_lists_every_demo_login_with_its_role(demo: str) -> None:
    lines = demo.splitlines()
    for account in (*ACCOUNTS, *MODULE_ACCOUNTS):
        assert any(line.split()[:1] == [account.username] and account.role in line for line in lines), account.username


def test_every_account_but_admin_belongs_to_a_person_of_its_organisation(demo: str) -> None:
    for account in (*ACCOUNTS, *MODULE_ACCOUNTS):
        user = User.objects.get(username=account.username)
        if account.username == "admin":
            assert user.is_superuser
            continue
        slugs = set(user.person.memberships.values_list("organisation__slug", flat=True))
        assert account.organisation_slug in slugs, account.username


def test_working_group_account_is_at_school_one(demo: str) -> None:
    person = Person.objects.get(user__username="working_group")
    assert person.memberships.filter(role=Role.WORKING_GROUP, organisation__slug=catalog.SCHOOL1_SLUG).exists()


def test_counts_are_in_the_expected_ranges(demo: str) -> None:
    counts = report.count_rows()
    assert 11 <= counts["organisations"] <= 15
    assert 50 <= counts["teachers"] <= 75
    assert 350 <= counts["students"] <= 450
    assert counts["parents"] >= 20
    assert 8 <= counts["programmes"] <= 10
    assert 35 <= counts["mentors"] <= 50
    assert 80 <= counts["mentees"] <= 110
    assert 1 <= counts["without_consent"] <= 0.1 * counts["people"]
    assert counts["sensitive"] >= 3


def test_report_uses_russian_plural_forms(demo: str) -> None:
    assert "Демо-данные загружены" in demo
    assert "организаций" in demo and "программ наставничества" in demo
    assert DEMO_PASSWORD in demo


def test_second_run_creates_nothing(demo: str) -> None:
    before = report.count_rows()
    output = run_demo()
    assert "Демо-данные уже загружены" in output
    assert report.count_rows() == before
    # The accounts are shown again, so a second `make demo` still says how to log in.
    assert "curator" in output and DEMO_PASSWORD in output


def test_has_consent_is_true_exactly_for_people_with_an_active_consent(demo: str) -> None:
    with_active = set(Consent.objects.filter(revoked_on__isnull=True).values_list("person_id", flat=True))
    flagged = set(Person.objects.filter(has_consent=True).values_list("id", flat=True))
    assert with_active == flagged
    assert Consent.objects.filter(revoked_on__isnull=False).exists()


def test_every_consent_of_a_child_under_14_is_given_by_a_parent(demo: str) -> None:
    children = 0
    for consent in Consent.objects.select_related("person"):
        age = consent.person.age_on(consent.given_on)
        if age is not None and age < 14:
            children += 1
            assert consent.given_by == ConsentGiver.PARENT
            assert consent.guardian_name
    assert children > 50


def test_linked_parent_is_named_in_the_childs_consent(demo: str) -> None:
    consents = Consent.objects.filter(guardian__isnull=False).select_related("guardian")
    assert consents.exists()
    for consent in consents:
        assert consent.guardian is not None
        assert consent.guardian_name == consent.guardian.full_name
        assert GuardianLink.objects.filter(guardian=consent.guardian, child=consent.person_id).exists()


def test_student_ages_fit_their_grades(demo: str) -> None:
    first_of_september = AcademicYear.current().starts_on
    students = Membership.objects.filter(role=Role.STUDENT, organisation__kind=OrganisationKind.SCHOOL)
    for membership in students.select_related("person"):
        age = membership.person.age_on(first_of_september)
        assert age is not None and membership.grade is not None
        assert 5 <= age - membership.grade <= 6, (membership.person, membership.grade, age)


def test_school_students_have_a_class_teacher_of_their_school(demo: str) -> None:
    students = Membership.objects.filter(role=Role.STUDENT, organisation__kind=OrganisationKind.SCHOOL)
    for membership in students.select_related("class_teacher"):
        assert membership.class_teacher is not None
        assert membership.class_teacher.organisation_id == membership.organisation_id
        assert membership.class_letter in {"А", "Б", "В"}


def test_mentee_account_has_a_request_with_a_problem(demo: str) -> None:
    person = Person.objects.get(user__username="mentee")
    assert person.has_consent
    assert person.memberships.filter(role=Role.STUDENT, grade=10, organisation__slug=catalog.SCHOOL1_SLUG).exists()
    entry = MenteeEntry.objects.get(person=person, programme__title="Точка развития", programme__status="active")
    assert entry.goal and entry.problems.exists()


def test_mentor_account_is_an_admitted_experienced_teacher(demo: str) -> None:
    person = Person.objects.get(user__username="mentor")
    teaching = person.memberships.get(role=Role.TEACHER, organisation__slug=catalog.SCHOOL1_SLUG)
    assert (teaching.experience_years or 0) >= 5
    titles = MentorEntry.objects.filter(person=person, admission=Admission.ADMITTED).values_list(
        "programme__title", flat=True
    )
    assert sorted(titles) == ["Молодой специалист", "Точка развития"]
    for entry in MentorEntry.objects.filter(person=person):
        assert entry.capabilities.exists()


def test_parent_account_is_a_guardian_of_a_minor_at_school_one(demo: str) -> None:
    parent = Person.objects.get(user__username="parent")
    children = [link.child for link in parent.children_links.select_related("child")]
    assert any(child.needs_guardian_consent for child in children)
    assert Person.objects.get(user__username="mentee") in children


def test_surnames_and_patronymics_agree_with_the_first_name(demo: str) -> None:
    masculine = ("ов", "ев", "ёв", "ин", "ский", "цкий", "ой")
    feminine = ("ова", "ева", "ёва", "ина", "ская", "цкая", "ая")
    for person in Person.objects.all():
        gender = gender_of(person.first_name)
        assert gender is not None, person.full_name
        if gender is Gender.MALE:
            assert person.middle_name.endswith("ич"), person.full_name
            assert not person.last_name.endswith(feminine), person.full_name
        else:
            assert person.middle_name.endswith("на"), person.full_name
            assert not person.last_name.endswith(masculine), person.full_name


def test_organisations_form_the_region_tree(demo: str) -> None:
    region = Organisation.objects.get(slug=catalog.REGION_SLUG)
    assert region.subtree().count() == Organisation.objects.count()
    assert Organisation.objects.get(slug=catalog.SOSNOVKA_SLUG).low_results
    assert Organisation.objects.filter(is_partner=True).count() == 2
    school = Organisation.objects.get(slug=catalog.SCHOOL1_SLUG)
    assert school.path == f"{school.parent.path}{school.pk}/"  # type: ignore[union-attr]


def test_programmes_span_two_years_and_a_district(demo: str) -> None:
    current = AcademicYear.current()
    finished = Programme.objects.get(status=ProgrammeStatus.FINISHED)
    assert finished.academic_year.start_year == current.start_year - 1
    district = Programme.objects.get(organisation__kind=OrganisationKind.DISTRICT)
    assert district.academic_year == current and district.relevance
    point = Programme.objects.get(title="Точка развития", academic_year=current)
    assert point.forms.get(form__code="student_student").grades == "1, 10"
    assert point.forms.get(form__code="teacher_student").grades == "10"


def test_mentor_base_mixes_contours_levels_and_decisions(demo: str) -> None:
    entries = MentorEntry.objects.all()
    assert entries.filter(contour="external", partner_organisation__is_partner=True).count() >= 2
    assert 1 <= entries.filter(status_level="platinum").count() < entries.count()
    assert entries.filter(status_level="gold").exists()
    rejected = entries.get(admission=Admission.REJECTED)
    assert rejected.admission_reason
    assert entries.filter(admission=Admission.APPLIED).exists()
    assert entries.filter(assessments__assessor__username="curator").exists()


def test_audit_log_names_the_curator(demo: str) -> None:
    curator = User.objects.get(username="curator")
    assert MentorEntry.history.filter(history_user=curator).exists()  # type: ignore[attr-defined]
    assert MenteeEntry.history.filter(history_user=curator).exists()  # type: ignore[attr-defined]
    assert Consent.history.filter(history_user=curator).exists()  # type: ignore[attr-defined]


def test_district_schools_have_pairs_in_every_state_with_logs_marks_plans_and_surveys(demo: str) -> None:
    year = AcademicYear.current()
    for slug in (catalog.ZARECHNAYA_SLUG, catalog.SOSNOVKA_SLUG):
        pairs = Pair.objects.filter(programme__organisation__slug=slug, programme__academic_year=year)
        assert set(pairs.values_list("status", flat=True)) == set(PairStatus.values), slug
        assert set(pairs.values_list("scheme", flat=True)) == set(Scheme.values), slug
        meetings = PairMeeting.objects.filter(pair__in=pairs)
        assert meetings.count() >= 40 and MeetingRating.objects.filter(meeting__in=meetings).exists()
        assert all(year.starts_on <= day <= year.ends_on for day in meetings.values_list("held_on", flat=True))
        assert IndividualPlan.objects.filter(member__pair__in=pairs).exists()
        completed = PairMentee.objects.filter(pair__in=pairs, pair__status=PairStatus.COMPLETED)
        assert completed.exists() and not completed.filter(satisfaction__isnull=True).exists()
        after = Campaign.objects.get(organisation__slug=slug, baseline__isnull=False)
        assert after.responses.count() > 5 and after.baseline is not None and after.baseline.responses.exists()


def test_demo_mentor_and_mentee_are_one_active_pair_with_a_rated_log_and_a_plan(demo: str) -> None:
    member = PairMentee.objects.select_related("pair__mentor__person").get(
        mentee__person__user__username="mentee", is_current=True
    )
    pair = member.pair
    assert pair.status == PairStatus.ACTIVE
    assert pair.mentor.person.user is not None and pair.mentor.person.user.username == "mentor"
    assert pair.meetings.count() >= 4 and MeetingRating.objects.filter(meeting__pair=pair).exists()
    assert member.plan.tasks.count() >= 3


def test_region_dashboard_differs_between_districts_and_between_schemes(demo: str) -> None:
    region = Organisation.objects.get(slug=catalog.REGION_SLUG)
    data = dashboard_data(region, AcademicYear.current())
    rows = {row.organisation.slug: row.figures.pairs for row in data.rows if not row.own}
    district, city = rows[catalog.DISTRICT_SLUG], rows[catalog.CITY_SLUG]
    assert district.completed > city.completed
    district_satisfaction, city_satisfaction = district.quality.satisfaction.value, city.quality.satisfaction.value
    assert district_satisfaction is not None and city_satisfaction is not None
    assert district_satisfaction > city_satisfaction
    rates = {code: figures.completion_rate for code, _, figures in data.schemes}
    assert rates[Scheme.GROUP_MEETING] > rates[Scheme.QUESTIONNAIRE] > rates[Scheme.APPOINTMENT]  # type: ignore[operator]


def test_demo_shows_the_documents_of_the_sources(demo: str) -> None:
    """The passport's section 1.2 and regulation, a letter to an employer, a catalogue proposal."""
    from nastavnik.diary.models import Award, AwardKind
    from nastavnik.practices.models import CatalogueStatus, RegionalPractice
    from nastavnik.programmes.models import Programme

    point = Programme.objects.filter(title="Точка развития").order_by("-academic_year__start_year").first()
    assert point is not None
    assert point.related_documents and point.regulation_number == "88-од" and point.regulation_date is not None
    assert point.national_projects and point.funding
    letter = Award.objects.get(kind=AwardKind.THANKS_EMPLOYER)
    assert letter.recipient.startswith("Руководителю ")
    assert RegionalPractice.objects.filter(status=CatalogueStatus.INCLUDED).count() == 32
    proposal = RegionalPractice.objects.get(status=CatalogueStatus.PROPOSED)
    assert proposal.practice is not None and proposal.proposed_by_org == proposal.practice.organisation
