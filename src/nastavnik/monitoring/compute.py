"""Values of the Appendix-2 indicators for many organisations in a constant number of queries.

`compute(org_ids, year, as_of)` answers {organisation id: {code: Value}}. Every source is read
by one query for all organisations (requests, mentor base, completed pairs, status changes, team
pairs and their meetings, events, values entered by hand); requests and status changes add one
query each that tells students from teachers: ten queries whether there is one organisation or
five hundred. `as_of` is one date for all, or a date per
organisation (the start of each one's programme): the per-organisation cut-off is a CASE in
the same queries, so the number of queries does not grow with it either.

What is counted where (organisation = the organisation of the programme, for the academic year):

- requests (1.1, 1.2): people in the mentee base, entry created on or before `as_of`;
- mentors (2.1–2.6): the mentor base, entry created on or before `as_of`; 2.1 — teachers
  (background «педагог») with training «обучен»; 2.2–2.6 — admitted mentors (decision dated on
  or before `as_of`) by their background;
- pair results (3.1–3.3, 3.5, 3.6, 3.10): mentees of pairs completed on or before `as_of`, by
  the outcome codes of the completion (3.10 counts pairs, a mentee team being one pair);
- status changes (3.4, 3.7): «наставляемый стал наставником» recorded on or before `as_of`;
- team–team form (3.8, 3.9): people of pairs confirmed and not dissolved by `as_of`; meetings
  held in such pairs on or before `as_of`;
- events (4.1–4.5): events of the organisation dated on or before `as_of`.

Teacher or student: a person with an active «обучающийся» membership in any organisation is a
student; otherwise a person with an active pedagogical membership (педагог, руководитель,
куратор, рабочая группа) is a teacher; a person with neither is classified by the mentoring
form (who the mentee is in that form). Each person is counted once per indicator.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MentorBackground, MentorEntry, TrainingStatus
from nastavnik.diary.models import PairMeeting, StatusChange, StatusChangeKind
from nastavnik.monitoring.indicators import INDICATORS
from nastavnik.monitoring.models import REVIEW_LEVELS, Event, EventKind, ManualValue
from nastavnik.orgs.models import AcademicYear, Membership, Role
from nastavnik.pairs.models import Outcome, PairMentee, PairStatus, PairTransition
from nastavnik.programmes.models import ParticipantKind

COMPUTED = "computed"
MANUAL = "manual"
MIXED = "mixed"
NONE = "none"
SOURCE_LABELS = {
    COMPUTED: "рассчитано",
    MANUAL: "введено вручную",
    MIXED: "в т. ч. введено вручную",
    NONE: "нет данных",
}

PEDAGOGICAL_ROLES = (Role.TEACHER, Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP)
STUDENT_KINDS = (ParticipantKind.STUDENT, ParticipantKind.STUDENT_COLLEGE)

# Outcome of a completed pair's mentee → the rule counting distinct people with it.
PERSON_OUTCOMES = {
    Outcome.PERSONNEL_RESERVE: "outcome_personnel_reserve",
    Outcome.PROJECT_LEAD: "outcome_project_lead",
    Outcome.SKILLS_COMPETITION: "outcome_skills_competition",
    Outcome.GRADES_IMPROVED: "outcome_grades_improved",
    Outcome.OLYMPIAD: "outcome_olympiad",
}
# This outcome counts pairs: the mentee team of a pair became a mentor team.
TEAM_OUTCOME = Outcome.TEAM_MENTOR

MENTOR_BACKGROUNDS = {
    "mentors_teacher": MentorBackground.TEACHER,
    "mentors_graduate": MentorBackground.GRADUATE,
    "mentors_enterprise": MentorBackground.ENTERPRISE,
    "mentors_entrepreneur": MentorBackground.ENTREPRENEUR,
    "mentors_ngo": MentorBackground.NGO,
}

AsOf = datetime.date | Mapping[int, datetime.date]
Counts = dict[int, dict[str, int]]


@dataclass(frozen=True)
class Value:
    """One indicator value: the number, where it comes from and the comment of a manual entry."""

    value: int | None
    source: str = COMPUTED
    comment: str = ""

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def is_manual(self) -> bool:
        return self.source in {MANUAL, MIXED}

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "source": self.source, "comment": self.comment}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Value:
        if not data:
            return cls(None, NONE)
        raw = data.get("value")
        return cls(
            int(raw) if raw is not None else None, str(data.get("source", COMPUTED)), str(data.get("comment", ""))
        )


class Cutoff:
    """The last day counted, per organisation, as SQL expressions usable in any of the queries."""

    def __init__(self, org_ids: list[int], as_of: AsOf) -> None:
        self.by_date: dict[datetime.date, list[int]] = defaultdict(list)
        if isinstance(as_of, datetime.date):
            self.by_date[as_of] = list(org_ids)
        else:
            missing = [org_id for org_id in org_ids if org_id not in as_of]
            if missing:
                raise ValueError(f"no as_of date for organisations {missing}")
            for org_id in org_ids:
                self.by_date[as_of[org_id]].append(org_id)

    def _expression(self, org_field: str, values: dict[datetime.date, Any], field: models.Field[Any, Any]) -> Any:
        if len(values) == 1:
            return models.Value(next(iter(values.values())), output_field=field)
        whens = [
            models.When(Q(**{f"{org_field}__in": self.by_date[day]}), then=models.Value(value, output_field=field))
            for day, value in values.items()
        ]
        return models.Case(*whens, output_field=field)

    def day(self, org_field: str) -> Any:
        """Compare a DateField with `__lte`."""
        return self._expression(org_field, {d: d for d in self.by_date}, models.DateField())

    def moment(self, org_field: str) -> Any:
        """Compare a DateTimeField with `__lt`: the start of the next local day."""
        values = {
            d: timezone.make_aware(datetime.datetime.combine(d + datetime.timedelta(days=1), datetime.time.min))
            for d in self.by_date
        }
        return self._expression(org_field, values, models.DateTimeField())


def _person_classes(person_ids: models.QuerySet[Any]) -> tuple[set[int], set[int]]:
    """Among the people of a subquery: who has an active «обучающийся» membership anywhere, and
    who an active pedagogical one (one query)."""
    students: set[int] = set()
    staff: set[int] = set()
    rows = (
        Membership.objects.filter(
            role__in=[Role.STUDENT, *PEDAGOGICAL_ROLES], is_active=True, person_id__in=person_ids.order_by()
        )
        .order_by()
        .values_list("person_id", "role")
        .distinct()
    )
    for person_id, role in rows:
        (students if role == Role.STUDENT else staff).add(person_id)
    return students, staff


def _count_students_and_teachers(
    rows: models.QuerySet[Any], person_ids: models.QuerySet[Any], names: tuple[str, str], counts: Counts
) -> None:
    """Distinct students and teachers per organisation, from rows of (organisation, person, the
    mentee kind of the form). Classified in Python: the same test written as SQL (six
    `IN (subquery)` filters over every membership of the region) took 0.3 s per query, most of a
    region dashboard's recalculation."""
    students, staff = _person_classes(person_ids)
    per_org: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for org_id, person_id, kind in rows:
        as_students, as_teachers = per_org[org_id]
        if person_id in students:
            as_students.add(person_id)
        elif person_id in staff or kind == ParticipantKind.TEACHER:
            as_teachers.add(person_id)
        elif kind in STUDENT_KINDS:
            as_students.add(person_id)
    for org_id, (as_students, as_teachers) in per_org.items():
        counts[org_id][names[0]] = len(as_students)
        counts[org_id][names[1]] = len(as_teachers)


def _put(counts: Counts, rows: Iterable[Mapping[str, Any]], org_key: str = "org") -> None:
    for row in rows:
        target = counts[row[org_key]]
        for key, value in row.items():
            if key != org_key:
                target[key] = int(value or 0)


def _requests(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    org = "programme__organisation_id"
    qs = MenteeEntry.objects.filter(**{f"{org}__in": ids}, programme__academic_year_id=year.pk)
    qs = qs.filter(created_at__lt=cut.moment(org)).order_by()
    rows = qs.values_list(org, "person_id", "programme_form__form__mentee_kind")
    _count_students_and_teachers(rows, qs.values("person_id"), ("requests_students", "requests_teachers"), counts)


def _mentors(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    org = "programme__organisation_id"
    qs = MentorEntry.objects.filter(**{f"{org}__in": ids}, programme__academic_year_id=year.pk)
    qs = qs.filter(created_at__lt=cut.moment(org)).order_by()
    admitted = Q(admission=Admission.ADMITTED) & (Q(decided_at__isnull=True) | Q(decided_at__lt=cut.moment(org)))
    aggregates: dict[str, Any] = {
        "trained_teachers": Count(
            "person_id",
            distinct=True,
            filter=Q(training_status=TrainingStatus.TRAINED, background=MentorBackground.TEACHER),
        )
    }
    for rule, background in MENTOR_BACKGROUNDS.items():
        aggregates[rule] = Count("person_id", distinct=True, filter=admitted & Q(background=background))
    _put(counts, qs.values(org=F(org)).annotate(**aggregates))


def _pair_results(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    org = "pair__programme__organisation_id"
    qs = (
        PairMentee.objects.filter(
            **{f"{org}__in": ids},
            pair__programme__academic_year_id=year.pk,
            pair__status=PairStatus.COMPLETED,
            pair__completed_at__lt=cut.moment(org),
        )
        .order_by()
        .values_list(org, "pair_id", "mentee__person_id", "outcomes")
    )
    people: dict[tuple[int, str], set[int]] = defaultdict(set)
    teams: dict[int, set[int]] = defaultdict(set)
    for org_id, pair_id, person_id, outcomes in qs:
        for code in outcomes if isinstance(outcomes, list) else ():
            if code in PERSON_OUTCOMES:
                people[(org_id, PERSON_OUTCOMES[code])].add(person_id)
            elif code == TEAM_OUTCOME:
                teams[org_id].add(pair_id)
    for (org_id, rule), persons in people.items():
        counts[org_id][rule] = len(persons)
    for org_id, pairs in teams.items():
        counts[org_id]["outcome_team_mentor"] = len(pairs)


def _status_changes(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    qs = StatusChange.objects.filter(kind=StatusChangeKind.MENTEE_TO_MENTOR).annotate(
        m_org=Coalesce("programme__organisation_id", "pair__programme__organisation_id"),
        m_year=Coalesce("programme__academic_year_id", "pair__programme__academic_year_id"),
    )
    qs = qs.filter(m_org__in=ids, m_year=year.pk, changed_at__lt=cut.moment("m_org")).order_by()
    rows = qs.values_list("m_org", "person_id", "pair__programme_form__form__mentee_kind")
    names = ("status_change_students", "status_change_teachers")
    _count_students_and_teachers(rows, qs.values("person_id"), names, counts)


def _team_q(prefix: str) -> Q:
    return Q(**{f"{prefix}programme_form__form__mentee_kind": ParticipantKind.TEAM}) | Q(
        **{f"{prefix}programme_form__form__mentor_kind": ParticipantKind.TEAM}
    )


def _team_pairs(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    org = "pair__programme__organisation_id"
    moment = cut.moment(org)
    dissolved = PairTransition.objects.filter(pair_id=OuterRef("pair_id"), to_status=PairStatus.DISSOLVED)
    started = Q(pair__confirmed_at__lt=moment) | Q(
        pair__confirmed_at__isnull=True,
        pair__status__in=[PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.COMPLETED],
        pair__created_at__lt=moment,
    )
    qs = (
        PairMentee.objects.filter(**{f"{org}__in": ids}, pair__programme__academic_year_id=year.pk)
        .filter(_team_q("pair__"), started)
        .annotate(dissolved_at=Subquery(dissolved.order_by("at").values("at")[:1]))
        .filter(Q(dissolved_at__isnull=True) | Q(dissolved_at__gte=moment))
        .order_by()
        .values_list(org, "pair__mentor__person_id", "mentee__person_id")
    )
    people: dict[int, set[int]] = defaultdict(set)
    for org_id, mentor_person, mentee_person in qs:
        people[org_id].update((mentor_person, mentee_person))
    for org_id, persons in people.items():
        counts[org_id]["team_participants"] = len(persons)


def _team_activities(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    org = "pair__programme__organisation_id"
    qs = PairMeeting.objects.filter(**{f"{org}__in": ids}, pair__programme__academic_year_id=year.pk)
    qs = qs.filter(_team_q("pair__"), held_on__lte=cut.day(org)).order_by()
    _put(counts, qs.values(org=F(org)).annotate(team_activities=Count("id")))


def _events(ids: list[int], year: AcademicYear, cut: Cutoff, counts: Counts) -> None:
    qs = Event.objects.filter(organisation_id__in=ids, academic_year_id=year.pk, date__lte=cut.day("organisation_id"))
    qs = qs.order_by()
    held, attended = Q(kind=EventKind.HELD), Q(kind=EventKind.ATTENDED)
    rows = qs.values(org=F("organisation_id")).annotate(
        events_staff_attended=Coalesce(Sum("staff_participants", filter=attended), 0),
        events_partner_participants=Coalesce(Sum("partner_participants"), 0),
        events_held=Count("id", filter=held),
        events_held_participants=Coalesce(Sum("participants", filter=held), 0),
        practices_reviewed=Coalesce(Sum("practices_approved", filter=Q(practices_level__in=REVIEW_LEVELS)), 0),
    )
    _put(counts, rows)


SOURCES = (_requests, _mentors, _pair_results, _status_changes, _team_pairs, _team_activities, _events)


def manual_values(ids: list[int], year: AcademicYear, cut: Cutoff) -> dict[tuple[int, str], tuple[int | None, str]]:
    """The latest value entered by hand on or before the cut-off, per organisation and code (one query)."""
    qs = ManualValue.objects.filter(
        organisation_id__in=ids, academic_year_id=year.pk, on_date__lte=cut.day("organisation_id")
    ).order_by("organisation_id", "code", "on_date", "entered_at", "id")
    latest: dict[tuple[int, str], tuple[int | None, str]] = {}
    for org_id, code, value, comment in qs.values_list("organisation_id", "code", "value", "comment"):
        latest[(org_id, code)] = (value, comment)
    return latest


def compute(
    org_ids: Iterable[int], year: AcademicYear, as_of: AsOf, *, include_manual: bool = True
) -> dict[int, dict[str, Value]]:
    """Every indicator for every organisation on `as_of` (one date, or a date per organisation)."""
    ids = sorted(set(org_ids))
    if not ids:
        return {}
    cut = Cutoff(ids, as_of)
    counts: Counts = defaultdict(dict)
    for source in SOURCES:
        source(ids, year, cut, counts)
    manual = manual_values(ids, year, cut) if include_manual else {}
    result: dict[int, dict[str, Value]] = {}
    for org_id in ids:
        own = counts.get(org_id, {})
        values: dict[str, Value] = {}
        for indicator in INDICATORS:
            entered = manual.get((org_id, indicator.code))
            if entered is not None and entered[0] is not None:
                values[indicator.code] = Value(entered[0], MANUAL, entered[1])
            elif indicator.is_manual:
                values[indicator.code] = Value(None, NONE)
            else:
                values[indicator.code] = Value(own.get(indicator.rule, 0), COMPUTED)
        result[org_id] = values
    return result


def total(per_organisation: Iterable[Mapping[str, Value]]) -> dict[str, Value]:
    """Sum of organisations: the roll-up of a district or the region."""
    sums: dict[str, int | None] = dict.fromkeys((i.code for i in INDICATORS), None)
    manual: set[str] = set()
    for values in per_organisation:
        for code, value in values.items():
            if value.value is not None:
                sums[code] = (sums.get(code) or 0) + value.value
            if value.is_manual:
                manual.add(code)
    return {
        code: Value(amount, MIXED if code in manual else (COMPUTED if amount is not None else NONE))
        for code, amount in sums.items()
    }
