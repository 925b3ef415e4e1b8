"""Operations on workshops and professional development, each in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max

from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.people.models import Person
from nastavnik.surveys.models import Response
from nastavnik.workshops.models import (
    Enrolment,
    EnrolmentModule,
    EnrolmentSource,
    EnrolmentStatus,
    SeasonStatus,
    Trajectory,
    Workshop,
    WorkshopMeeting,
    WorkshopSeason,
)

# The source's form 2 («осенняя встреча «Оптимизм»», question 2): its option values are the trajectories' codes.
FORM_INSTRUMENT = "autumn-optimism-feedback"
FORM_QUESTION = "q2"


class PdError(Exception):
    """A professional-development step that is not allowed; the message is for the user."""


def set_status(workshop: Workshop, year: AcademicYear, status: str) -> WorkshopSeason:
    season, _ = WorkshopSeason.objects.update_or_create(
        workshop=workshop, academic_year=year, defaults={"status": status}
    )
    return season


@transaction.atomic
def open_workshop(workshop: Workshop, year: AcademicYear) -> Workshop:
    workshop.save()
    set_status(workshop, year, SeasonStatus.OPENED)
    return workshop


@transaction.atomic
def log_meeting(workshop: Workshop, held_on: datetime.date, topic: str, attendees: Iterable[Person]) -> WorkshopMeeting:
    meeting = WorkshopMeeting.objects.create(workshop=workshop, held_on=held_on, topic=topic)
    meeting.attendees.set(list(attendees))
    return meeting


def default_modules(trajectory: Trajectory) -> list[tuple[str, int]]:
    """The source names no modules: the hours are split into the three PD sessions of the year
    (осенняя, зимняя, весенняя сессия ППК), the remainder going to the spring one."""
    third = trajectory.hours // 3
    return [
        ("Осенняя сессия ППК", third),
        ("Зимняя сессия ППК", third),
        ("Весенняя сессия ППК", trajectory.hours - 2 * third),
    ]


@transaction.atomic
def enrol(
    org: Organisation, person: Person, trajectory: Trajectory, year: AcademicYear, source: str = EnrolmentSource.MANUAL
) -> tuple[Enrolment, bool]:
    """Enrol a teacher (once per trajectory); returns the enrolment and whether it is new."""
    existing = Enrolment.objects.filter(person=person, trajectory=trajectory).first()
    if existing is not None:
        return existing, False
    enrolment = Enrolment.objects.create(
        organisation=org, person=person, trajectory=trajectory, academic_year=year, source=source
    )
    EnrolmentModule.objects.bulk_create(
        [EnrolmentModule(enrolment=enrolment, title=title, hours=hours) for title, hours in default_modules(trajectory)]
    )
    return enrolment, True


def enrol_from_form(org: Organisation, year: AcademicYear) -> int:
    """Enrol everyone who chose a trajectory in the school's form 2 answers of the year; returns how many are new."""
    trajectories = {t.code: t for t in Trajectory.objects.all()}
    responses = Response.objects.filter(
        campaign__organisation=org,
        campaign__version__instrument__code=FORM_INSTRUMENT,
        campaign__opens_on__gte=year.starts_on,
        campaign__opens_on__lte=year.ends_on,
        person__isnull=False,
        refused=False,
    ).select_related("person")
    added = 0
    for response in responses:
        trajectory = trajectories.get(str(response.answers.get(FORM_QUESTION, "")))
        if trajectory is not None and response.person is not None:
            added += enrol(org, response.person, trajectory, year, EnrolmentSource.FORM)[1]
    return added


@transaction.atomic
def complete(enrolment: Enrolment, day: datetime.date) -> Enrolment:
    """Completion needs every module attended; the certificate gets the organisation's next number."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status == EnrolmentStatus.COMPLETED:
        raise PdError("Траектория уже завершена.")
    missing = [m.title for m in enrolment.modules.all() if not m.attended]
    if missing:
        raise PdError(f"Не посещены модули: {', '.join(missing)}.")
    last = Enrolment.objects.filter(organisation_id=enrolment.organisation_id).aggregate(n=Max("certificate_number"))
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.completed_on = day
    enrolment.certificate_number = (last["n"] or 0) + 1
    enrolment.save(update_fields=["status", "completed_on", "certificate_number"])
    return enrolment
