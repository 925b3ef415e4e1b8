"""Operations of the courses: enrolment, dropout, submissions and their checking, internship
placement by the matching engine, the commission's credit, the ИОМ and «Школа – Школе» records."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from nastavnik.courses.models import (
    TARGETED_PD_HOURS,
    TARGETED_PD_TITLE,
    Cohort,
    Credit,
    Deficit,
    Enrolment,
    EnrolmentStatus,
    HostSchool,
    Milestone,
    RouteItem,
    RouteKind,
    Submission,
    SubmissionStatus,
    split_tags,
)
from nastavnik.engines.matching import Edge, Mentor, solve_optimal
from nastavnik.orgs.models import AcademicYear
from nastavnik.people.models import Person

# Every trainee may be placed anywhere; a shared interest outweighs any number of places without one.
BASE_SCORE = 0.001


class CourseError(Exception):
    """A step the course does not allow; the message is for the user."""


def enrol(cohort: Cohort, person: Person, interests: str = "") -> Enrolment:
    enrolment, _ = Enrolment.objects.get_or_create(cohort=cohort, person=person, defaults={"interests": interests})
    return enrolment


def drop_out(enrolment: Enrolment, day: datetime.date, reason: str) -> None:
    if enrolment.credit == Credit.PASSED:
        raise CourseError("Слушатель уже получил зачёт: отметить выбытие нельзя.")
    if day < enrolment.cohort.starts_on:
        raise CourseError("Дата выбытия раньше начала курса.")
    enrolment.status = EnrolmentStatus.DROPPED
    enrolment.dropped_on = day
    enrolment.drop_reason = reason
    enrolment.host = None
    enrolment.save(update_fields=["status", "dropped_on", "drop_reason", "host"])


def submit(enrolment: Enrolment, milestone: Milestone, text: str, today: datetime.date) -> Submission:
    if milestone.cohort_id != enrolment.cohort_id:
        raise CourseError("Это задание другой группы.")
    if enrolment.status == EnrolmentStatus.DROPPED:
        raise CourseError("Слушатель выбыл из группы: работы больше не принимаются.")
    submission = Submission.objects.filter(enrolment=enrolment, milestone=milestone).first()
    if submission is not None and submission.status == SubmissionStatus.ACCEPTED:
        raise CourseError("Работа уже принята тьютором.")
    submission = submission or Submission(enrolment=enrolment, milestone=milestone)
    submission.text = text
    submission.submitted_on = today
    submission.status = SubmissionStatus.SUBMITTED
    submission.checked_on = None
    submission.save()
    return submission


def check(submission: Submission, accepted: bool, comment: str, today: datetime.date) -> None:
    submission.status = SubmissionStatus.ACCEPTED if accepted else SubmissionStatus.RETURNED
    submission.comment = comment
    submission.checked_on = today
    submission.save(update_fields=["status", "comment", "checked_on"])


def give_credit(enrolment: Enrolment, passed: bool, note: str) -> None:
    if enrolment.status == EnrolmentStatus.DROPPED:
        raise CourseError("Слушатель выбыл: зачёт не выставляется.")
    enrolment.credit = Credit.PASSED if passed else Credit.FAILED
    enrolment.credit_note = note
    enrolment.save(update_fields=["credit", "credit_note"])


# -- internship placement ------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    placed: int
    unplaced: list[Enrolment]


def placement_score(interests: set[str], offers: set[str]) -> float:
    return len(interests & offers) + BASE_SCORE


def assign(hosts: Sequence[tuple[str, int, set[str]]], trainees: Sequence[tuple[str, set[str]]]) -> dict[str, str]:
    """Trainee id → host id: as many placed as the places allow, then the most shared interests."""
    edges = [
        Edge(host_id, trainee_id, placement_score(interests, offers))
        for host_id, _, offers in hosts
        for trainee_id, interests in trainees
    ]
    result = solve_optimal(
        [Mentor(host_id, capacity) for host_id, capacity, _ in hosts], [t for t, _ in trainees], edges
    )
    return {pair.mentee: pair.mentor for pair in result.pairs}


@transaction.atomic
def place_trainees(cohort: Cohort) -> Placement:
    """Place the active trainees into the cohort's host schools (the matching engine's optimal assignment)."""
    hosts = list(HostSchool.objects.filter(cohort=cohort).select_for_update())
    trainees = list(cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE).order_by("pk"))
    chosen = assign(
        [(str(h.pk), h.capacity, split_tags(h.offers)) for h in hosts],
        [(str(t.pk), t.interest_set()) for t in trainees],
    )
    for trainee in trainees:
        host = chosen.get(str(trainee.pk))
        trainee.host_id = int(host) if host is not None else None
    Enrolment.objects.bulk_update(trainees, ["host"])
    return Placement(placed=len(chosen), unplaced=[t for t in trainees if str(t.pk) not in chosen])


# -- ИОМ and «Школа – Школе» ----------------------------------------------------------------------


def assign_targeted_pd(deficit: Deficit, year: AcademicYear, planned_on: datetime.date | None) -> RouteItem:
    """The 36-hour targeted PD programme in the teacher's ИОМ, once per deficit."""
    existing = RouteItem.objects.filter(deficit=deficit, kind=RouteKind.TARGETED_PD).first()
    if existing is not None:
        return existing
    return RouteItem.objects.create(
        person=deficit.person,
        academic_year=year,
        kind=RouteKind.TARGETED_PD,
        title=f"{TARGETED_PD_TITLE} (дефицит: {deficit.area})"[:300],
        hours=TARGETED_PD_HOURS,
        planned_on=planned_on,
        deficit=deficit,
    )


def complete_item(item: RouteItem, day: datetime.date) -> None:
    item.completed_on = day
    item.save(update_fields=["completed_on"])
