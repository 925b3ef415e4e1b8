"""What the tutor and the methodologist see of a cohort: progress by milestone and retention."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from nastavnik.courses.models import Cohort, Credit, Enrolment, EnrolmentStatus, Milestone, Submission, SubmissionStatus


@dataclass(frozen=True)
class Cell:
    label: str
    css: str


@dataclass(frozen=True)
class ProgressRow:
    enrolment: Enrolment
    cells: list[Cell]
    accepted: int


STATUS_CELLS = {
    SubmissionStatus.ACCEPTED: Cell("принято", "ok"),
    SubmissionStatus.SUBMITTED: Cell("на проверке", "wait"),
    SubmissionStatus.RETURNED: Cell("на доработке", "bad"),
}


def _cell(submission: Submission | None, milestone: Milestone, enrolment: Enrolment, today: datetime.date) -> Cell:
    if submission is not None:
        return STATUS_CELLS[SubmissionStatus(submission.status)]
    if enrolment.dropped_on is not None and enrolment.dropped_on <= milestone.due_on:
        return Cell("выбыл", "muted")
    if milestone.due_on < today:
        return Cell("просрочено", "bad")
    return Cell("—", "muted")


def progress(cohort: Cohort, today: datetime.date) -> tuple[list[Milestone], list[ProgressRow]]:
    milestones = list(cohort.milestones.all())
    enrolments = list(cohort.enrolments.select_related("person", "team", "host__organisation"))
    submissions = {(s.enrolment_id, s.milestone_id): s for s in Submission.objects.filter(enrolment__cohort=cohort)}
    rows = []
    for enrolment in enrolments:
        found = [submissions.get((enrolment.pk, m.pk)) for m in milestones]
        rows.append(
            ProgressRow(
                enrolment=enrolment,
                cells=[_cell(s, m, enrolment, today) for s, m in zip(found, milestones, strict=True)],
                accepted=sum(1 for s in found if s is not None and s.status == SubmissionStatus.ACCEPTED),
            )
        )
    return milestones, rows


@dataclass(frozen=True)
class FunnelStep:
    label: str
    count: int


def funnel(cohort: Cohort) -> list[FunnelStep]:
    """How many trainees remain at the start, at each milestone's date and at the credit."""
    enrolments = list(cohort.enrolments.all())
    dropped = [e.dropped_on for e in enrolments if e.status == EnrolmentStatus.DROPPED and e.dropped_on]

    def remaining(day: datetime.date) -> int:
        return len(enrolments) - sum(1 for d in dropped if d <= day)

    steps = [FunnelStep("Зачислено", len(enrolments))]
    for milestone in cohort.milestones.all():
        steps.append(FunnelStep(f"{milestone.title} ({milestone.due_on:%d.%m.%Y})", remaining(milestone.due_on)))
    steps.append(FunnelStep("Учатся сейчас", sum(1 for e in enrolments if e.status == EnrolmentStatus.ACTIVE)))
    steps.append(FunnelStep("Получили зачёт", sum(1 for e in enrolments if e.credit == Credit.PASSED)))
    return steps


def dropouts(cohort: Cohort) -> list[Enrolment]:
    return list(
        cohort.enrolments.filter(status=EnrolmentStatus.DROPPED).select_related("person").order_by("dropped_on")
    )
