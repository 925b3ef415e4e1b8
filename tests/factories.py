"""Factories and small helpers that build a realistic world for tests."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.contrib.auth.models import User

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import Consent, Person
from nastavnik.programmes.models import MentoringFormat, ProblemCategory, Programme, ProgrammeFormat, ProgrammeStatus

PASSWORD = "test-password-123"


def years_ago(years: int, today: datetime.date | None = None) -> datetime.date:
    """The birth date of someone who turns `years` today (on 29 February: born on the 28th)."""
    today = today or datetime.date.today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February, and the year of birth has none
        return today.replace(year=today.year - years, day=28)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"МБОУ «СОШ № {n + 1}»")
    short_name = factory.Sequence(lambda n: f"СОШ № {n + 1}")
    slug = factory.Sequence(lambda n: f"school-{n + 1}")
    kind = OrganisationKind.SCHOOL


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    last_name = factory.Iterator(["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов"])
    first_name = factory.Iterator(["Иван", "Пётр", "Сергей", "Андрей", "Алексей"])
    middle_name = "Сергеевич"
    birth_date = datetime.date(1985, 5, 17)
    has_consent = True


class AcademicYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicYear
        django_get_or_create = ("start_year",)

    start_year = factory.LazyFunction(lambda: AcademicYear.start_year_for(datetime.date.today()))


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    organisation = factory.SubFactory(OrganisationFactory)
    academic_year = factory.SubFactory(AcademicYearFactory)
    title = "Точка развития"
    status = ProgrammeStatus.ACTIVE


def make_person(
    org: Organisation,
    role: str,
    *,
    username: str | None = None,
    consent: bool = True,
    **membership: Any,
) -> Person:
    """A person with a membership in `org` and, when `username` is given, a login."""
    person = PersonFactory(organisation=org, has_consent=False)
    if role == Role.STUDENT:
        person.birth_date = years_ago(15)
        membership.setdefault("grade", 9)
        membership.setdefault("class_letter", "А")
    person.save()
    Membership.objects.create(person=person, organisation=org, role=role, **membership)
    if consent:
        Consent.objects.create(person=person, given_on=datetime.date(2025, 9, 1), given_by="self")
        person.has_consent = True
        person.save()
    if username:
        person.user = User.objects.create_user(username=username, password=PASSWORD)
        person.save()
    return person


def make_programme(org: Organisation, form_code: str = "student_student") -> Programme:
    programme = ProgrammeFactory(organisation=org)
    ProgrammeFormat.objects.create(programme=programme, form=MentoringFormat.objects.get(code=form_code))
    return programme


def make_mentee_entry(person: Person, programme: Programme, **kwargs: Any) -> MenteeEntry:
    entry = MenteeEntry.objects.create(
        person=person,
        programme=programme,
        programme_form=programme.forms.first(),
        goal=kwargs.pop("goal", "Подтянуть математику"),
        **kwargs,
    )
    entry.problems.set(ProblemCategory.objects.all()[:2])
    return entry


def make_mentor_entry(person: Person, programme: Programme, **kwargs: Any) -> MentorEntry:
    entry = MentorEntry.objects.create(
        person=person, programme=programme, programme_form=programme.forms.first(), **kwargs
    )
    entry.capabilities.set(ProblemCategory.objects.all()[:3])
    return entry
