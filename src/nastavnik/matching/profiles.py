"""Entries of the bases → plain profiles for the matching engine (which knows no Django)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.common.text import fold
from nastavnik.engines.matching.scoring import MenteeProfile, MentorProfile, Rules, Weights
from nastavnik.matching.models import MatchingSettings
from nastavnik.orgs.models import Membership, Role
from nastavnik.programmes.models import ProblemCategory, ProgrammeFormat

DAYS = {
    "mon": ("понедельник", "пн"),
    "tue": ("вторник", "вт"),
    "wed": ("среда", "среду", "ср"),
    "thu": ("четверг", "чт"),
    "fri": ("пятница", "пятницу", "пт"),
    "sat": ("суббота", "субботу", "сб"),
}
PARTS = {
    "morning": ("утро", "утром", "до уроков"),
    "afternoon": ("после уроков", "днем", "день", "после обеда"),
    "evening": ("вечер", "вечером"),
}
SLOT_LABELS = {
    "mon": "понедельник",
    "tue": "вторник",
    "wed": "среда",
    "thu": "четверг",
    "fri": "пятница",
    "sat": "суббота",
    "morning": "утро",
    "afternoon": "после уроков",
    "evening": "вечер",
}
WORD = re.compile(r"[\w-]+")


def time_slots(text: str) -> frozenset[str]:
    """Days and parts of the day named in free text («вт, чт после уроков» → tue, thu, afternoon)."""
    folded = fold(text)
    words = set(WORD.findall(folded))
    found = {code for code, names in DAYS.items() if any(name in words for name in names)}
    found |= {code for code, names in PARTS.items() if any(name in folded for name in names)}
    return frozenset(found)


def _tokens(text: str) -> frozenset[str]:
    return frozenset(word for word in WORD.findall(fold(text)) if len(word) > 3)


def _subjects(text: str) -> frozenset[str]:
    return frozenset(fold(part).strip() for part in re.split(r"[,;/]", text) if part.strip())


def subjects_in(text: str, vocabulary: Iterable[str]) -> frozenset[str]:
    """Subjects of the vocabulary mentioned in a request («по информатике» → «информатика»)."""
    words = WORD.findall(fold(text))
    found = set()
    for subject in vocabulary:
        stem = subject[: max(4, len(subject) - 2)]
        if any(word.startswith(stem) for word in words):
            found.add(subject)
    return frozenset(found)


def _student_membership(person_id: int, memberships: dict[int, Membership]) -> Membership | None:
    return memberships.get(person_id)


def _memberships(person_ids: Iterable[int]) -> tuple[dict[int, Membership], dict[int, Membership]]:
    students: dict[int, Membership] = {}
    teachers: dict[int, Membership] = {}
    for m in Membership.objects.filter(
        person_id__in=list(person_ids), is_active=True, role__in=[Role.STUDENT, Role.TEACHER]
    ):
        (students if m.role == Role.STUDENT else teachers).setdefault(m.person_id, m)
    return students, teachers


@dataclass(frozen=True)
class MatchingInput:
    mentees: list[MenteeProfile]
    mentors: list[MentorProfile]
    mentee_entries: dict[str, MenteeEntry]
    mentor_entries: dict[str, MentorEntry]
    weights: Weights
    rules: Rules
    labels: dict[str, str]


def waiting_mentees(programme_form: ProgrammeFormat) -> QuerySet[MenteeEntry]:
    return (
        MenteeEntry.objects.filter(programme_form=programme_form, status=MenteeStatus.WAITING, person__has_consent=True)
        .select_related("person")
        .prefetch_related(Prefetch("problems", queryset=ProblemCategory.objects.only("code")))
    )


def available_mentors(programme_form: ProgrammeFormat) -> QuerySet[MentorEntry]:
    return (
        MentorEntry.objects.filter(
            programme=programme_form.programme, admission=Admission.ADMITTED, person__has_consent=True
        )
        .filter(Q(programme_form=programme_form) | Q(programme_form__isnull=True))
        .select_related("person")
        .prefetch_related(Prefetch("capabilities", queryset=ProblemCategory.objects.only("code")))
    )


def settings_for(programme_form: ProgrammeFormat) -> MatchingSettings:
    found = MatchingSettings.objects.filter(programme_form=programme_form).first()
    return found or MatchingSettings(programme_form=programme_form)


def rules_for(programme_form: ProgrammeFormat, settings: MatchingSettings) -> Rules:
    return Rules(
        mentor_min_experience_years=programme_form.rule("mentor_min_experience_years"),
        mentee_max_experience_years=programme_form.rule("mentee_max_experience_years"),
        min_grade_gap=programme_form.rule("min_grade_gap"),
        same_organisation_only=settings.same_organisation_only,
        forbid_same_class=settings.forbid_same_class,
        require_problem_match=settings.require_problem_match,
    )


def mentor_profile(
    entry: MentorEntry, students: dict[int, Membership], teachers: dict[int, Membership]
) -> MentorProfile:
    student = students.get(entry.person_id)
    teacher = teachers.get(entry.person_id)
    experience = (
        entry.experience_years if entry.experience_years is not None else getattr(teacher, "experience_years", None)
    )
    subjects = entry.subjects or getattr(teacher, "subjects", "")
    return MentorProfile(
        id=str(entry.pk),
        capabilities=frozenset(c.code for c in entry.capabilities.all()),
        subjects=_subjects(subjects),
        interests=_tokens(entry.interests),
        slots=time_slots(entry.availability),
        grade=student.grade if student else None,
        class_name=student.class_name if student else None,
        experience_years=experience,
        organisation=str(entry.person.organisation_id or entry.programme.organisation_id),
        capacity=entry.free_seats,
    )


def mentee_profile(
    entry: MenteeEntry,
    students: dict[int, Membership],
    teachers: dict[int, Membership],
    vocabulary: Iterable[str],
) -> MenteeProfile:
    student = students.get(entry.person_id)
    teacher = teachers.get(entry.person_id)
    return MenteeProfile(
        id=str(entry.pk),
        problems=frozenset(p.code for p in entry.problems.all()),
        subjects=subjects_in(f"{entry.area} {entry.goal} {entry.desired_result}", vocabulary),
        interests=_tokens(entry.interests),
        slots=time_slots(entry.preferred_time),
        grade=student.grade if student else None,
        class_name=student.class_name if student else None,
        experience_years=getattr(teacher, "experience_years", None),
        organisation=str(entry.person.organisation_id or entry.programme.organisation_id),
        priority=entry.priority,
    )


def build_input(
    programme_form: ProgrammeFormat,
    mentees: Sequence[MenteeEntry] | None = None,
    mentors: Sequence[MentorEntry] | None = None,
    weights_override: dict[str, Any] | None = None,
) -> MatchingInput:
    """Profiles, weights and rules for one form of a programme, in a bounded number of queries."""
    mentee_list = list(mentees if mentees is not None else waiting_mentees(programme_form))
    mentor_list = list(mentors if mentors is not None else available_mentors(programme_form))
    students, teachers = _memberships([e.person_id for e in [*mentee_list, *mentor_list]])
    mentor_profiles = [mentor_profile(e, students, teachers) for e in mentor_list]
    vocabulary = {subject for profile in mentor_profiles for subject in profile.subjects}
    settings = settings_for(programme_form)
    return MatchingInput(
        mentees=[mentee_profile(e, students, teachers, vocabulary) for e in mentee_list],
        mentors=mentor_profiles,
        mentee_entries={str(e.pk): e for e in mentee_list},
        mentor_entries={str(e.pk): e for e in mentor_list},
        weights=Weights.from_mapping(weights_override if weights_override is not None else settings.weights),
        rules=rules_for(programme_form, settings),
        labels={**SLOT_LABELS, **dict(ProblemCategory.objects.values_list("code", "name"))},
    )
