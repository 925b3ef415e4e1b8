"""A new academic year: the programme, its bases and its long-term pairs move on.

`carry_over(programme, user)` in one transaction:
- creates the programme of the next academic year (the year itself is created when missing)
  with the passport, the forms (rules, types, matching settings) and the management cycle;
- copies the mentor base: admitted mentors (and the mentors of carried pairs), with their
  load reset to 0 and then taken again by the carried pairs; pending applications move on
  as applications (a mentee who has just become a mentor is not lost), rejected ones stay;
- copies the mentee base: mentees still waiting for a mentor and the mentees of active
  long-term pairs;
- carries every active long-term pair over as a new active pair of the new programme
  (carried_from set, «Перенесена из …» in its history); the old pair is completed with the
  decision «продолжить» through the one transition service (which frees its seats);
- the old programme becomes «Завершена» and stays readable.

A programme is carried over once; a second attempt is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.matching.models import MatchingSettings
from nastavnik.pairs import lifecycle
from nastavnik.pairs.models import Decision, Pair, PairMentee, PairStatus
from nastavnik.programmes.models import ManagementTask, Programme, ProgrammeFormat, ProgrammeStatus

CARRY_OVER_REASON = "Перенос на новый учебный год"

PASSPORT_FIELDS = (
    "title",
    "curator",
    "relevance",
    "goals",
    "participants",
    "resources",
    "expected_results",
    "monitoring_frequency",
    "review_body",
    "forms_description",
    "indicators",
    "control",
    "nudge_weeks",
)
RULE_FIELDS = ("mentor_min_experience_years", "mentee_max_experience_years", "min_grade_gap", "max_group_size")
MENTOR_FIELDS = (
    "person_id",
    "contour",
    "partner_organisation_id",
    "subjects",
    "interests",
    "availability",
    "experience_years",
    "capacity",
    "takes_group",
    "training_status",
    "status_level",
    "motivation",
    "background",
)
MENTEE_FIELDS = (
    "person_id",
    "area",
    "goal",
    "desired_result",
    "preferred_format",
    "preferred_time",
    "interests",
    "activity",
    "referred_by",
    "comment",
    "priority",
)


class CarryOverError(Exception):
    """The carry-over is refused; the message is Russian."""


@dataclass(frozen=True)
class Plan:
    """What a carry-over would do (the preview) or did (the result)."""

    next_year: int
    forms: int
    tasks: int
    mentors: int
    applications: int
    mentees_waiting: int
    mentees_in_pairs: int
    pairs: int
    left_behind: int  # living pairs that are not carried (not active or not long-term)

    @property
    def next_year_name(self) -> str:
        return f"{self.next_year}/{self.next_year + 1}"

    @property
    def mentees(self) -> int:
        return self.mentees_waiting + self.mentees_in_pairs


def long_term_pairs(programme: Programme) -> QuerySet[Pair]:
    return Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE, is_long_term=True)


def _mentors(programme: Programme) -> QuerySet[MentorEntry]:
    """Admitted mentors, the mentors of carried pairs and pending applications (they stay pending)."""
    carried_mentors = long_term_pairs(programme).values("mentor_id")
    admitted_or_carried = Q(admission=Admission.ADMITTED) | Q(pk__in=carried_mentors)
    return MentorEntry.objects.filter(programme=programme).filter(admitted_or_carried | Q(admission=Admission.APPLIED))


def _carried_mentee_ids(programme: Programme) -> set[int]:
    return set(
        PairMentee.objects.filter(pair__in=long_term_pairs(programme), is_current=True).values_list(
            "mentee_id", flat=True
        )
    )


def _waiting(programme: Programme, carried: set[int]) -> QuerySet[MenteeEntry]:
    return MenteeEntry.objects.filter(programme=programme, status=MenteeStatus.WAITING).exclude(pk__in=carried)


def refusal(programme: Programme) -> str | None:
    """Why this programme cannot be carried over, or None."""
    following = programme.carried_to.select_related("academic_year").first()
    if following is not None:
        return (
            f"Программа уже перенесена на {following.academic_year} учебный год "
            f"(«{following.title}»); повторный перенос невозможен."
        )
    next_year = programme.academic_year.start_year + 1
    clash = Programme.objects.filter(
        organisation=programme.organisation, academic_year__start_year=next_year, title=programme.title
    ).first()
    if clash is not None:
        return (
            f"В {next_year}/{next_year + 1} учебном году у организации уже есть программа «{clash.title}»; "
            "перенос создал бы вторую такую же."
        )
    return None


def preview(programme: Programme) -> Plan:
    carried = _carried_mentee_ids(programme)
    pairs = long_term_pairs(programme).count()
    mentors = _mentors(programme)
    living = Pair.objects.filter(
        programme=programme, status__in=[PairStatus.PROPOSED, PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE]
    ).count()
    return Plan(
        next_year=programme.academic_year.start_year + 1,
        forms=programme.forms.count(),
        tasks=programme.management_tasks.count(),
        mentors=mentors.exclude(admission=Admission.APPLIED).count(),
        applications=mentors.filter(admission=Admission.APPLIED).count(),
        mentees_waiting=_waiting(programme, carried).count(),
        mentees_in_pairs=len(carried),
        pairs=pairs,
        left_behind=living - pairs,
    )


def _shift(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _copy_programme(programme: Programme) -> tuple[Programme, dict[int, ProgrammeFormat]]:
    from nastavnik.orgs.models import AcademicYear

    year, _ = AcademicYear.objects.get_or_create(start_year=programme.academic_year.start_year + 1)
    new = Programme(
        organisation=programme.organisation,
        academic_year=year,
        status=ProgrammeStatus.ACTIVE,
        starts_on=_shift(programme.starts_on),
        ends_on=_shift(programme.ends_on),
        carried_from=programme,
        **{name: getattr(programme, name) for name in PASSPORT_FIELDS},
    )
    new.save()
    forms: dict[int, ProgrammeFormat] = {}
    for old in programme.forms.prefetch_related("types").order_by("id"):
        copy = ProgrammeFormat.objects.create(
            programme=new,
            form_id=old.form_id,
            variant_id=old.variant_id,
            role_model_id=old.role_model_id,
            interaction_variant_id=old.interaction_variant_id,
            grades=old.grades,
            **{name: getattr(old, name) for name in RULE_FIELDS},
        )
        copy.types.set(old.types.all())
        settings = MatchingSettings.objects.filter(programme_form=old).first()
        if settings is not None:
            MatchingSettings.objects.create(
                programme_form=copy,
                weights=settings.weights,
                same_organisation_only=settings.same_organisation_only,
                forbid_same_class=settings.forbid_same_class,
                require_problem_match=settings.require_problem_match,
            )
        forms[old.pk] = copy
    for task in programme.management_tasks.prefetch_related("responsible").order_by("order", "id"):
        responsible = list(task.responsible.all())
        copy_task = ManagementTask.objects.create(
            programme=new,
            function=task.function,
            title=task.title,
            responsible_text=task.responsible_text,
            order=task.order,
        )
        copy_task.responsible.set(responsible)
    return new, forms


def _copy_mentors(
    programme: Programme, new: Programme, forms: dict[int, ProgrammeFormat], user: Any
) -> dict[int, MentorEntry]:
    copies: dict[int, MentorEntry] = {}
    now = timezone.now()
    carried = set(long_term_pairs(programme).values_list("mentor_id", flat=True))
    reason = f"Перенесён(а) из базы наставников {programme.academic_year} учебного года."
    for old in _mentors(programme).prefetch_related("qualities", "capabilities").order_by("id"):
        admitted = old.admission == Admission.ADMITTED or old.pk in carried
        entry = MentorEntry(
            programme=new,
            programme_form=forms.get(old.programme_form_id) if old.programme_form_id else None,
            admission=Admission.ADMITTED if admitted else Admission.APPLIED,
            admission_reason=reason if admitted else "",
            decided_by=user if admitted else None,
            decided_at=now if admitted else None,
            created_by=user,
            load=0,
            **{name: getattr(old, name) for name in MENTOR_FIELDS if hasattr(old, name)},
        )
        entry._history_user = user  # type: ignore[attr-defined]
        entry.save()
        entry.qualities.set(old.qualities.all())
        entry.capabilities.set(old.capabilities.all())
        copies[old.pk] = entry
    return copies


def _copy_mentees(
    programme: Programme, new: Programme, forms: dict[int, ProgrammeFormat], carried: set[int], user: Any
) -> dict[int, MenteeEntry]:
    copies: dict[int, MenteeEntry] = {}
    olds = MenteeEntry.objects.filter(pk__in=carried) | _waiting(programme, carried)
    for old in olds.prefetch_related("problems").order_by("id"):
        entry = MenteeEntry(
            programme=new,
            programme_form=forms.get(old.programme_form_id) if old.programme_form_id else None,
            status=MenteeStatus.MATCHED if old.pk in carried else MenteeStatus.WAITING,
            created_by=user,
            **{name: getattr(old, name) for name in MENTEE_FIELDS},
        )
        entry._history_user = user  # type: ignore[attr-defined]
        entry.save()
        entry.problems.set(old.problems.all())
        copies[old.pk] = entry
    return copies


@transaction.atomic
def carry_over(programme: Programme, user: AbstractBaseUser | AnonymousUser | None) -> tuple[Programme, Plan]:
    """Carry the programme over to the next academic year (see the module's docstring)."""
    programme = Programme.objects.select_for_update().select_related("academic_year").get(pk=programme.pk)
    problem = refusal(programme)
    if problem:
        raise CarryOverError(problem)
    plan = preview(programme)
    by: Any = user if user is not None and user.is_authenticated else None
    carried = _carried_mentee_ids(programme)
    pairs = list(long_term_pairs(programme).select_related("mentor").prefetch_related("members").order_by("id"))
    new, forms = _copy_programme(programme)
    mentors = _copy_mentors(programme, new, forms, by)
    mentees = _copy_mentees(programme, new, forms, carried, by)
    source = f"Перенесена из программы «{programme.title}» {programme.academic_year} учебного года"
    for old in pairs:
        members = [m for m in old.members.all() if m.is_current]
        mentor = mentors[old.mentor_id]
        mentor.load += len(members)
        mentor.capacity = max(mentor.capacity, mentor.load)
        mentor.save(update_fields=["capacity", "load", "updated_at"])
        lifecycle.complete(old, by, Decision.CONTINUE, CARRY_OVER_REASON)
        pair = Pair.objects.create(
            programme=new,
            programme_form=forms.get(old.programme_form_id) if old.programme_form_id else None,
            mentor=mentor,
            scheme=old.scheme,
            status=PairStatus.ACTIVE,
            is_group=old.is_group,
            score=old.score,
            reasons=old.reasons,
            created_by=by,
            confirmed_by=by,
            confirmed_at=timezone.now(),
            stage=old.stage,
            started_on=new.academic_year.starts_on,
            planned_end_on=_shift(old.planned_end_on),
            is_long_term=old.is_long_term,
            carried_from=old,
        )
        PairMentee.objects.bulk_create(
            [
                PairMentee(pair=pair, mentee=mentees[m.mentee_id], is_current=True, score=m.score, reasons=m.reasons)
                for m in members
            ]
        )
        lifecycle.record(pair, PairStatus.ACTIVE, by, source, from_status="")
    programme.status = ProgrammeStatus.FINISHED
    programme.save(update_fields=["status"])
    return new, plan
