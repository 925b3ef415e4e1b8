"""Hand-built datasets for the indicator tests: every row placed on a chosen day."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.diary.models import PairMeeting, StatusChange, StatusChangeKind
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.pairs.models import Pair, PairMentee, PairStatus, PairTransition
from nastavnik.people.models import Person
from nastavnik.programmes.models import MentoringFormat, Programme, ProgrammeFormat
from tests.factories import OrganisationFactory, ProgrammeFactory, make_person

YEAR_START = 2026


def year() -> AcademicYear:
    return AcademicYear.objects.get_or_create(start_year=YEAR_START)[0]


def day(month: int, number: int) -> datetime.date:
    """A day of the academic year 2026/2027."""
    return datetime.date(YEAR_START if month >= 9 else YEAR_START + 1, month, number)


def moment(on: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(on, datetime.time(hour)))


def programme(org: Organisation, form_code: str = "student_student", **kwargs: Any) -> Programme:
    prog = ProgrammeFactory(organisation=org, academic_year=year(), **kwargs)
    ProgrammeFormat.objects.create(programme=prog, form=MentoringFormat.objects.get(code=form_code))
    return prog


def school(parent: Organisation | None = None) -> Organisation:
    return OrganisationFactory(parent=parent)  # type: ignore[no-any-return]


def student(org: Organisation) -> Person:
    return make_person(org, Role.STUDENT)


def teacher(org: Organisation) -> Person:
    return make_person(org, Role.TEACHER)


def mentee(person: Person, prog: Programme, on: datetime.date) -> MenteeEntry:
    entry = MenteeEntry.objects.create(
        person=person, programme=prog, programme_form=prog.forms.first(), goal="Запрос на помощь наставника"
    )
    MenteeEntry.objects.filter(pk=entry.pk).update(created_at=moment(on))
    return entry


def mentor(
    person: Person,
    prog: Programme,
    on: datetime.date,
    *,
    background: str = "teacher",
    admitted_on: datetime.date | None = None,
    trained: bool = False,
    capacity: int = 5,
) -> MentorEntry:
    entry = MentorEntry.objects.create(
        person=person,
        programme=prog,
        programme_form=prog.forms.first(),
        background=background,
        capacity=capacity,
        training_status="trained" if trained else "not_trained",
    )
    fields: dict[str, Any] = {"created_at": moment(on)}
    if admitted_on is not None:
        fields.update(admission=Admission.ADMITTED, decided_at=moment(admitted_on))
    MentorEntry.objects.filter(pk=entry.pk).update(**fields)
    entry.refresh_from_db()
    return entry


def pair(
    mentor_entry: MentorEntry,
    mentees: list[MenteeEntry],
    *,
    status: str = PairStatus.ACTIVE,
    confirmed_on: datetime.date | None = None,
    completed_on: datetime.date | None = None,
    outcomes: list[list[str]] | None = None,
) -> Pair:
    created = Pair.objects.create(
        programme=mentor_entry.programme,
        programme_form=mentor_entry.programme_form,
        mentor=mentor_entry,
        scheme=Scheme.APPOINTMENT,
        status=status,
        is_group=len(mentees) > 1,
        confirmed_at=moment(confirmed_on) if confirmed_on else None,
        completed_at=moment(completed_on) if completed_on else None,
    )
    for index, entry in enumerate(mentees):
        PairMentee.objects.create(
            pair=created, mentee=entry, outcomes=(outcomes[index] if outcomes else []), is_current=False
        )
    return created


def dissolve_on(target: Pair, on: datetime.date) -> None:
    Pair.objects.filter(pk=target.pk).update(status=PairStatus.DISSOLVED)
    PairTransition.objects.create(
        pair=target, from_status=PairStatus.ACTIVE, to_status=PairStatus.DISSOLVED, at=moment(on), reason="Переезд"
    )


def meeting(target: Pair, on: datetime.date, topic: str = "Деловая игра") -> PairMeeting:
    return PairMeeting.objects.create(pair=target, held_on=on, topic=topic)


def became_mentor(person: Person, prog: Programme | None, on: datetime.date, target: Pair | None = None) -> None:
    change = StatusChange.objects.create(
        person=person, programme=prog, pair=target, kind=StatusChangeKind.MENTEE_TO_MENTOR, new_value="наставник"
    )
    StatusChange.objects.filter(pk=change.pk).update(changed_at=moment(on))
