"""Statistics of source 000 §5 computed from the workshops' own records.

§5.1 workshops opened, teachers and students involved, teachers who completed professional
development (per trajectory, with its hours); §5.2 projects done in the workshops; §5.3 events
that popularised the project. «Opened in a year» = the workshop has a status for that year;
teachers involved = teacher members of the year and the masters of its open workshops.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.workshops.models import (
    Enrolment,
    EnrolmentStatus,
    MemberKind,
    PopularisationEvent,
    Trajectory,
    Workshop,
    WorkshopMember,
    WorkshopProject,
)


@dataclass
class TrajectoryFigure:
    trajectory: Trajectory
    completed: int


@dataclass
class WorkshopStats:
    workshops: int = 0
    teachers: int = 0
    students: int = 0
    pd_teachers: int = 0
    projects: int = 0
    projects_completed: int = 0
    popularisation: int = 0
    by_trajectory: list[TrajectoryFigure] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.workshops or self.teachers or self.students or self.pd_teachers or self.popularisation)


def subtree_ids(org: Organisation) -> QuerySet[Organisation, int]:
    return Organisation.objects.filter(subtree_q("path", org.path)).values_list("pk", flat=True)


def compute(org: Organisation, year: AcademicYear, *, subtree: bool = True) -> WorkshopStats:
    """The figures of one organisation, or of its whole subtree (district, region)."""
    org_ids = subtree_ids(org) if subtree else Organisation.objects.filter(pk=org.pk).values_list("pk", flat=True)
    workshops = Workshop.objects.filter(organisation_id__in=org_ids, seasons__academic_year=year)
    members = WorkshopMember.objects.filter(workshop__organisation_id__in=org_ids, academic_year=year)
    teacher_ids = set(members.filter(kind=MemberKind.TEACHER).values_list("person_id", flat=True))
    teacher_ids |= {pk for pk in workshops.values_list("master_id", flat=True) if pk is not None}
    completed = Enrolment.objects.filter(
        organisation_id__in=org_ids, academic_year=year, status=EnrolmentStatus.COMPLETED
    )
    projects = WorkshopProject.objects.filter(workshop__organisation_id__in=org_ids, academic_year=year)
    return WorkshopStats(
        workshops=workshops.distinct().count(),
        teachers=len(teacher_ids),
        students=members.filter(kind=MemberKind.STUDENT).values("person_id").distinct().count(),
        pd_teachers=completed.values("person_id").distinct().count(),
        projects=projects.count(),
        projects_completed=projects.filter(completed=True).count(),
        popularisation=PopularisationEvent.objects.filter(organisation_id__in=org_ids, academic_year=year).count(),
        by_trajectory=[
            TrajectoryFigure(t, completed.filter(trajectory=t).values("person_id").distinct().count())
            for t in Trajectory.objects.all()
        ],
    )


def completed_hours(person_id: int) -> int:
    """A teacher's hours of every completed trajectory."""
    return sum(
        Enrolment.objects.filter(person_id=person_id, status=EnrolmentStatus.COMPLETED).values_list(
            "trajectory__hours", flat=True
        )
    )
