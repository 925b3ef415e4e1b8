"""Monitoring dashboards: the numbers of an organisation, a district or the region.

`dashboard_data(org, year, form=None, user=None)` is the single entry point (dashboard pages,
reports). Every source is read by one query grouped by organisation for all organisations of
the subtree at once, so the number of queries does not grow with the number of organisations
(about 30 including the indicator table); the figures of each organisation are additive sums
and counts, rolled up in Python by path: a district row or the total is the sum of its parts,
and every mean is recomputed from the summed sums and counts.

What is counted where (organisation = the organisation of the programme, as for indicators):

- indicators: the Appendix-2 table of `report.build_reports` / `report.summary` (no form filter:
  the table is kept per organisation);
- stage 1 of source 003 «качество процесса» — meeting ratings of mentees (1–5), satisfaction
  of mentees of completed pairs (1–5), mutual evaluations at completion by side, the curator's
  conformity questionnaire (share of «Да» among fact items, mean of its 1–5 items) and
  regularity: a working pair (active or completed) is regular when it has meetings in as many
  calendar months as it has worked (full months from its start — `started_on`, else the
  confirmation date — to its completion, or to the end of the previous month while it works);
  pairs younger than a full month are not judged yet;
- stage 2 «влияние»: every «after» survey campaign of the year with a «before» campaign
  (`Campaign.baseline`) — the instruments' measures as in `surveys.change`: means before and
  after over all answers (anonymous-safe) and, for named campaigns, the paired change of the
  people who answered both times, also by pairing scheme of the mentees' pairs;
- source 001 baseline (October–November) and final (May): the «before» and «after» campaigns
  of those links; a link is on schedule when the «before» opens in October or November and
  the «after» opens or closes in May;
- involvement (source 001 target ≥ 70 %): people of the organisation (active membership) who
  are mentor or mentee of a pair of the year that is confirmed, fixed, active or completed;
  students are people with a student membership, teachers people with a pedagogical role who
  are not students (the rule of the indicators). The number of students is the larger of the
  registered students and the school profile's «число обучающихся» of the year;
- source 000 statistics, approximated and labelled so: workshops ≈ mentoring groups (a mentor
  with several mentees) that were formed; teachers and students = involvement numerators;
  teachers who completed professional development = indicator 2.1 (trained teacher-mentors);
- pairing schemes side by side: pairs formed (confirmed at least once), working, completed,
  dissolved, completion rate (completed / finished), satisfaction, meeting rating and change.

A form filter (a mentoring form) narrows pairs, meetings, ratings, evaluations, involvement
and campaigns of programmes that have this form; the indicator table stays for all forms.

Cache: the result is kept for `CACHE_SECONDS` under a key of the organisation, the year, the
form, the date and the reader's scope (all of the subtree, or the exact set of organisations
the user reads); a version stamp bumped by saves of the underlying models drops every entry
at once. Bulk updates that send no signals are covered by the short time-out.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.db.models.signals import post_delete, post_save

from nastavnik.monitoring.compute import PEDAGOGICAL_ROLES
from nastavnik.monitoring.report import OrgReport, build_reports, default_as_of, organisations_with_programmes, summary
from nastavnik.monitoring.report import Row as IndicatorRow
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, OrganisationKind, Role, subtree_q
from nastavnik.pairs.models import (
    HOLDING_STATUSES,
    MeetingRating,
    Pair,
    PairEvaluation,
    PairMentee,
    PairStatus,
    Scheme,
)
from nastavnik.programmes.models import MentoringForm
from nastavnik.surveys.change import Sheet, by_person, common_measures, is_scored, number, sheet_of, signed
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response

CACHE_SECONDS = 300
VERSION_KEY = "monitoring:dashboard:version"
INVOLVEMENT_TARGET = 70  # per cent, source 001 (national project «Образование», 2024)
CONFORMITY_CODE = "curator-conformity"
BASELINE_MONTHS = frozenset({10, 11})
FINAL_MONTH = 5

IN_MENTORING = frozenset({*HOLDING_STATUSES, PairStatus.COMPLETED})
WORKING = frozenset({PairStatus.ACTIVE, PairStatus.COMPLETED})
SCHEMES: tuple[tuple[str, str], ...] = tuple((str(v), str(label)) for v, label in Scheme.choices)

LEVEL_REGION = "region"
LEVEL_DISTRICT = "district"
LEVEL_ORGANISATION = "organisation"
LEVEL_LABELS = {LEVEL_REGION: "регион", LEVEL_DISTRICT: "район", LEVEL_ORGANISATION: "организация"}


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def ratio(total: float, count: int) -> float | None:
    return round(total / count, 2) if count else None


def share_text(value: float | None) -> str:
    """45.5 → «45,5 %», None → «—»."""
    return "—" if value is None else f"{number(value)} %"


# -- additive figures --------------------------------------------------------------------------


@dataclass
class Mean:
    """A sum and a count: added up over organisations, the mean is computed at the end."""

    total: float = 0
    count: int = 0

    @property
    def value(self) -> float | None:
        return ratio(self.total, self.count)

    @property
    def text(self) -> str:
        return number(self.value)

    def add(self, other: Mean) -> None:
        self.total += other.total
        self.count += other.count


@dataclass
class Quality:
    """Stage 1 of source 003: quality of the process."""

    ratings: Mean = field(default_factory=Mean)  # meeting ratings of mentees, 1–5
    satisfaction: Mean = field(default_factory=Mean)  # mentees of completed pairs, 1–5
    mentor_marks: Mean = field(default_factory=Mean)  # mutual evaluation: marks given by mentors
    mentee_marks: Mean = field(default_factory=Mean)  # … and by mentees
    working_pairs: int = 0  # active or completed pairs that worked a full month
    regular_pairs: int = 0  # … with meetings in every month of their work
    meetings: int = 0

    @property
    def regular_share(self) -> float | None:
        return percent(self.regular_pairs, self.working_pairs)

    @property
    def regular_text(self) -> str:
        return share_text(self.regular_share)

    def add(self, other: Quality) -> None:
        for name in ("ratings", "satisfaction", "mentor_marks", "mentee_marks"):
            getattr(self, name).add(getattr(other, name))
        self.working_pairs += other.working_pairs
        self.regular_pairs += other.regular_pairs
        self.meetings += other.meetings


@dataclass
class Conformity:
    """The curator's conformity questionnaire: answers, «Да» among fact items, mean of 1–5 items."""

    responses: int = 0
    facts_yes: int = 0
    facts_partly: int = 0
    facts: int = 0
    marks: Mean = field(default_factory=Mean)

    @property
    def yes_share(self) -> float | None:
        return percent(self.facts_yes, self.facts)

    @property
    def yes_text(self) -> str:
        return share_text(self.yes_share)

    def add(self, other: Conformity) -> None:
        self.responses += other.responses
        self.facts_yes += other.facts_yes
        self.facts_partly += other.facts_partly
        self.facts += other.facts
        self.marks.add(other.marks)


@dataclass
class Change:
    """Before/after of one measure: means over all answers and the paired change of named people."""

    before: Mean = field(default_factory=Mean)
    after: Mean = field(default_factory=Mean)
    paired: Mean = field(default_factory=Mean)  # sum of (after − before) over people who answered both times
    improved: int = 0
    declined: int = 0

    @property
    def delta(self) -> float | None:
        """Mean after − mean before (what an anonymous campaign can tell)."""
        if self.before.value is None or self.after.value is None:
            return None
        return round(self.after.value - self.before.value, 2)

    @property
    def paired_delta(self) -> float | None:
        return self.paired.value

    @property
    def improved_share(self) -> float | None:
        return percent(self.improved, self.paired.count)

    @property
    def delta_text(self) -> str:
        return signed(self.delta)

    @property
    def paired_text(self) -> str:
        return signed(self.paired_delta)

    @property
    def improved_text(self) -> str:
        return share_text(self.improved_share)

    def add_delta(self, delta: float) -> None:
        """One person's change (after − before) of the measure."""
        self.paired.total += delta
        self.paired.count += 1
        self.improved += delta > 0
        self.declined += delta < 0

    def add(self, other: Change) -> None:
        self.before.add(other.before)
        self.after.add(other.after)
        self.paired.add(other.paired)
        self.improved += other.improved
        self.declined += other.declined


@dataclass
class Surveys:
    """Links «before → after» (source 003 stage 2, source 001 baseline and final)."""

    links: int = 0
    on_schedule: int = 0  # «before» in October–November and «after» in May
    baseline_in_autumn: int = 0
    final_in_may: int = 0
    before_answers: int = 0
    after_answers: int = 0
    named_links: int = 0

    def add(self, other: Surveys) -> None:
        for name in ("links", "on_schedule", "baseline_in_autumn", "final_in_may", "before_answers"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.after_answers += other.after_answers
        self.named_links += other.named_links


@dataclass
class SchemeFigures:
    """Pairs of one pairing scheme: how they were formed and how they ended."""

    formed: int = 0  # confirmed at least once (every state but «proposed»)
    working: int = 0  # confirmed, fixed or active now
    completed: int = 0
    dissolved: int = 0
    groups: int = 0  # formed groups (several mentees)
    quality: Quality = field(default_factory=Quality)
    change: Change = field(default_factory=Change)  # paired change of the mentees over every measure

    @property
    def finished(self) -> int:
        return self.completed + self.dissolved

    @property
    def completion_rate(self) -> float | None:
        """Completed among the finished pairs (completed or dissolved)."""
        return percent(self.completed, self.finished)

    @property
    def completion_text(self) -> str:
        return share_text(self.completion_rate)

    def add(self, other: SchemeFigures) -> None:
        self.formed += other.formed
        self.working += other.working
        self.completed += other.completed
        self.dissolved += other.dissolved
        self.groups += other.groups
        self.quality.add(other.quality)
        self.change.add(other.change)


@dataclass
class Involvement:
    students: int = 0
    students_registered: int = 0
    students_in: int = 0
    teachers: int = 0
    teachers_in: int = 0
    official_counts: int = 0  # organisations whose number of students comes from the school profile

    @property
    def students_share(self) -> float | None:
        return percent(self.students_in, self.students)

    @property
    def teachers_share(self) -> float | None:
        return percent(self.teachers_in, self.teachers)

    @property
    def students_text(self) -> str:
        return share_text(self.students_share)

    @property
    def teachers_text(self) -> str:
        return share_text(self.teachers_share)

    @property
    def target_met(self) -> bool | None:
        share = self.students_share
        return None if share is None else share >= INVOLVEMENT_TARGET

    def add(self, other: Involvement) -> None:
        for name in ("students", "students_registered", "students_in", "teachers", "teachers_in", "official_counts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


ScaleKey = tuple[int, str]  # (instrument id, measure key)


@dataclass
class Figures:
    """Everything additive about one organisation, or the sum over several."""

    schemes: dict[str, SchemeFigures] = field(default_factory=lambda: {s: SchemeFigures() for s, _ in SCHEMES})
    quality: Quality = field(default_factory=Quality)
    conformity: Conformity = field(default_factory=Conformity)
    involvement: Involvement = field(default_factory=Involvement)
    surveys: Surveys = field(default_factory=Surveys)
    changes: dict[ScaleKey, Change] = field(default_factory=dict)
    scheme_changes: dict[tuple[str, ScaleKey], Change] = field(default_factory=dict)
    trained_teachers: int = 0  # indicator 2.1 (result value)
    proposed: int = 0

    @property
    def pairs(self) -> SchemeFigures:
        """All schemes together."""
        total = SchemeFigures()
        for figures in self.schemes.values():
            total.add(figures)
        return total

    @property
    def workshops(self) -> int:
        return sum(s.groups for s in self.schemes.values())

    def change(self, key: ScaleKey) -> Change:
        return self.changes.setdefault(key, Change())

    def scheme_change(self, scheme: str, key: ScaleKey) -> Change:
        return self.scheme_changes.setdefault((scheme, key), Change())

    def add(self, other: Figures) -> None:
        for scheme, figures in other.schemes.items():
            self.schemes.setdefault(scheme, SchemeFigures()).add(figures)
        self.quality.add(other.quality)
        self.conformity.add(other.conformity)
        self.involvement.add(other.involvement)
        self.surveys.add(other.surveys)
        for key, change in other.changes.items():
            self.change(key).add(change)
        for (scheme, key), change in other.scheme_changes.items():
            self.scheme_change(scheme, key).add(change)
        self.trained_teachers += other.trained_teachers
        self.proposed += other.proposed


# -- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    key: ScaleKey
    instrument: str
    name: str
    short: str
    lower_is_better: bool = False

    def verdict(self, delta: float | None) -> str:
        """«улучшение», «ухудшение» or «без изменений» for a change of this scale; "" when unknown."""
        if delta is None:
            return ""
        if abs(delta) < 0.005:
            return "без изменений"
        return "улучшение" if (delta < 0) == self.lower_is_better else "ухудшение"


@dataclass
class DashboardRow:
    """One line of the roll-up: an organisation (a district on the region's page), or own programmes."""

    organisation: Organisation
    figures: Figures
    organisations: int = 1  # organisations summed into the row
    own: bool = False  # the root's own programmes (a district's or the region's)

    @property
    def label(self) -> str:
        return f"{self.organisation.short_name}: собственные программы" if self.own else self.organisation.short_name


@dataclass
class DashboardData:
    organisation: Organisation
    year: AcademicYear
    form: MentoringForm | None
    level: str
    as_of: datetime.date
    rows: list[DashboardRow]
    total: Figures
    scales: list[Scale]
    indicators: list[IndicatorRow]
    indicator_reports: int  # organisations with programmes summed into `indicators`
    organisations: int  # organisations of the subtree counted
    scope_ids: frozenset[int] | None  # None: the whole subtree
    computed_at: float = 0.0
    from_cache: bool = False

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def schemes(self) -> list[tuple[str, str, SchemeFigures]]:
        return [(code, label, self.total.schemes.get(code, SchemeFigures())) for code, label in SCHEMES]

    @property
    def involvement_target(self) -> int:
        return INVOLVEMENT_TARGET

    def scale_changes(self) -> list[tuple[Scale, Change, list[tuple[str, Change]]]]:
        """Per measure: the change over everyone and by pairing scheme."""
        empty = Change()
        return [
            (
                scale,
                self.total.changes.get(scale.key, empty),
                [(code, self.total.scheme_changes.get((code, scale.key), empty)) for code, _ in SCHEMES],
            )
            for scale in self.scales
        ]


# -- scope -----------------------------------------------------------------------------------


def level_of(org: Organisation) -> str:
    if org.kind == OrganisationKind.REGION:
        return LEVEL_REGION
    if org.kind == OrganisationKind.DISTRICT:
        return LEVEL_DISTRICT
    return LEVEL_ORGANISATION


def subtree(org: Organisation) -> list[Organisation]:
    return list(
        Organisation.objects.filter(subtree_q("path", org.path))
        .only("pk", "path", "short_name", "name", "kind", "parent_id", "slug")
        .order_by("path")
    )


def readable(orgs: Sequence[Organisation], user: Any) -> tuple[list[Organisation], frozenset[int] | None]:
    """The organisations of the subtree the user reads, and None when that is all of them."""
    if user is None:
        return list(orgs), None
    from nastavnik.access.rules import access_for

    access = access_for(user)
    seen = [o for o in orgs if access.can_read_org(o)]
    if len(seen) == len(orgs):
        return seen, None
    return seen, frozenset(o.pk for o in seen)


def _scope_key(scope_ids: frozenset[int] | None) -> str:
    if scope_ids is None:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(scope_ids))).encode()).hexdigest()[:24]


# -- readers: one query each, grouped by organisation ---------------------------------------------


def _pairs(ids: list[int], year: AcademicYear, form: MentoringForm | None, prefix: str = "") -> Q:
    q = Q(**{f"{prefix}programme__organisation_id__in": ids, f"{prefix}programme__academic_year_id": year.pk})
    if form is not None:
        q &= Q(**{f"{prefix}programme_form__form_id": form.pk})
    return q


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Calendar months from the month of `start` to the month of `end`, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def work_span(
    status: str,
    started_on: datetime.date | None,
    confirmed_at: datetime.datetime | None,
    completed_at: datetime.datetime | None,
    as_of: datetime.date,
) -> int:
    """Months a working pair has worked (0: not a working pair, or younger than a full month)."""
    if status not in WORKING:
        return 0
    start = started_on or (confirmed_at.date() if confirmed_at else None)
    if start is None:
        return 0
    if status == PairStatus.COMPLETED and completed_at is not None:
        end = min(completed_at.date(), as_of)
    else:
        end = as_of.replace(day=1) - datetime.timedelta(days=1)  # the last full month
    return max(months_between(start, end), 0) if end >= start else 0


def pair_rows(ids: list[int], year: AcademicYear, form: MentoringForm | None, as_of: datetime.date) -> QuerySet[Any]:
    """One row per pair of the year: organisation, scheme, state, dates, months with meetings.

    `months` counts months with a meeting up to `as_of` (for completed pairs), `full_months`
    only those before the month of `as_of` (for working pairs, judged on full months).
    """
    month = TruncMonth("meetings__held_on")
    return (
        Pair.objects.filter(_pairs(ids, year, form))
        .order_by()
        .values("id", "scheme", "status", "is_group", "started_on", "confirmed_at", "completed_at")
        .annotate(
            org=F("programme__organisation_id"),
            meetings_count=Count("meetings", distinct=True, filter=Q(meetings__held_on__lte=as_of)),
            months=Count(month, distinct=True, filter=Q(meetings__held_on__lte=as_of)),
            full_months=Count(month, distinct=True, filter=Q(meetings__held_on__lt=as_of.replace(day=1))),
        )
    )


def is_regular(row: dict[str, Any], as_of: datetime.date) -> bool | None:
    """None: not judged (not working or too young); else whether every month had a meeting."""
    span = work_span(row["status"], row["started_on"], row["confirmed_at"], row["completed_at"], as_of)
    if span <= 0:
        return None
    months = row["months"] if row["status"] == PairStatus.COMPLETED else row["full_months"]
    return bool(months >= span)


def _read_pairs(
    figures: dict[int, Figures], ids: list[int], year: AcademicYear, form: MentoringForm | None, as_of: datetime.date
) -> None:
    for row in pair_rows(ids, year, form, as_of):
        target = figures[row["org"]]
        if row["status"] == PairStatus.PROPOSED:
            target.proposed += 1
            continue
        scheme = target.schemes.setdefault(row["scheme"], SchemeFigures())
        scheme.formed += 1
        scheme.groups += bool(row["is_group"])
        if row["status"] in HOLDING_STATUSES:
            scheme.working += 1
        elif row["status"] == PairStatus.COMPLETED:
            scheme.completed += 1
        elif row["status"] == PairStatus.DISSOLVED:
            scheme.dissolved += 1
        scheme.quality.meetings += row["meetings_count"]
        regular = is_regular(row, as_of)
        if regular is not None:
            scheme.quality.working_pairs += 1
            scheme.quality.regular_pairs += regular


def _read_marks(figures: dict[int, Figures], ids: list[int], year: AcademicYear, form: MentoringForm | None) -> None:
    satisfaction = (
        PairMentee.objects.filter(_pairs(ids, year, form, "pair__"), pair__status=PairStatus.COMPLETED)
        .order_by()
        .values(org=F("pair__programme__organisation_id"), scheme=F("pair__scheme"))
        .annotate(total=Sum("satisfaction"), count=Count("satisfaction"))
    )
    for row in satisfaction:
        scheme = figures[row["org"]].schemes.setdefault(row["scheme"], SchemeFigures())
        scheme.quality.satisfaction.add(Mean(row["total"] or 0, row["count"]))
    ratings = (
        MeetingRating.objects.filter(_pairs(ids, year, form, "meeting__pair__"))
        .order_by()
        .values(org=F("meeting__pair__programme__organisation_id"), scheme=F("meeting__pair__scheme"))
        .annotate(total=Sum("score"), count=Count("id"))
    )
    for row in ratings:
        scheme = figures[row["org"]].schemes.setdefault(row["scheme"], SchemeFigures())
        scheme.quality.ratings.add(Mean(row["total"] or 0, row["count"]))
    evaluations = (
        PairEvaluation.objects.filter(_pairs(ids, year, form, "pair__"))
        .order_by()
        .values("side", org=F("pair__programme__organisation_id"), scheme=F("pair__scheme"))
        .annotate(total=Sum("score"), count=Count("id"))
    )
    for row in evaluations:
        quality = figures[row["org"]].schemes.setdefault(row["scheme"], SchemeFigures()).quality
        target = quality.mentor_marks if row["side"] == "mentor" else quality.mentee_marks
        target.add(Mean(row["total"] or 0, row["count"]))


def participants_q(year: AcademicYear, form: MentoringForm | None, field: str = "person_id") -> Q:
    """People who are mentor or mentee of a pair of the year in mentoring (any organisation's programme)."""
    pairs = Q(programme__academic_year_id=year.pk, status__in=list(IN_MENTORING))
    if form is not None:
        pairs &= Q(programme_form__form_id=form.pk)
    mentors = Pair.objects.filter(pairs).values("mentor__person_id")
    mentees = PairMentee.objects.filter(pair__in=Pair.objects.filter(pairs).values("pk")).values("mentee__person_id")
    return Q(**{f"{field}__in": mentors}) | Q(**{f"{field}__in": mentees})


def student_ids() -> QuerySet[Any]:
    return Membership.objects.filter(role=Role.STUDENT, is_active=True).values("person_id")


def _read_involvement(
    figures: dict[int, Figures], ids: list[int], year: AcademicYear, form: MentoringForm | None
) -> None:
    from nastavnik.district.models import SchoolProfile

    involved = participants_q(year, form)
    is_student = Q(role=Role.STUDENT)
    is_teacher = Q(role__in=list(PEDAGOGICAL_ROLES)) & ~Q(person_id__in=student_ids())
    rows = (
        Membership.objects.filter(organisation_id__in=ids, is_active=True)
        .order_by()
        .values(org=F("organisation_id"))
        .annotate(
            students=Count("person_id", distinct=True, filter=is_student),
            students_in=Count("person_id", distinct=True, filter=is_student & involved),
            teachers=Count("person_id", distinct=True, filter=is_teacher),
            teachers_in=Count("person_id", distinct=True, filter=is_teacher & involved),
        )
    )
    for row in rows:
        target = figures[row["org"]].involvement
        target.students = target.students_registered = row["students"]
        target.students_in, target.teachers_in = row["students_in"], row["teachers_in"]
        target.teachers = row["teachers"]
    profiles = SchoolProfile.objects.filter(organisation_id__in=ids, academic_year=year).values_list(
        "organisation_id", "students_count"
    )
    for org_id, count in profiles:
        target = figures[org_id].involvement
        target.official_counts += 1
        target.students = max(target.students_registered, count or 0)


def _read_conformity(figures: dict[int, Figures], ids: list[int], year: AcademicYear) -> None:
    rows = list(
        Response.objects.filter(
            campaign__organisation_id__in=ids,
            version__instrument__code=CONFORMITY_CODE,
            refused=False,
            submitted_at__date__gte=year.starts_on,
            submitted_at__date__lte=year.ends_on,
        )
        .order_by()
        .values_list("campaign__organisation_id", "version_id", "answers")
    )
    if not rows:
        return
    versions = InstrumentVersion.objects.filter(pk__in={version for _, version, _ in rows}).only("definition")
    kinds: dict[int, dict[str, str]] = {v.pk: {q["id"]: q.get("type", "") for q in v.questions()} for v in versions}
    for org_id, version_id, answers in rows:
        target = figures[org_id].conformity
        target.responses += 1
        types = kinds.get(version_id, {})
        for key, value in (answers or {}).items():
            if types.get(key) == "single" and value in {"yes", "partly", "no"}:
                target.facts += 1
                target.facts_yes += value == "yes"
                target.facts_partly += value == "partly"
            elif types.get(key) == "scale" and isinstance(value, int) and not isinstance(value, bool):
                target.marks.add(Mean(value, 1))


def linked_campaigns(ids: list[int], year: AcademicYear, form: MentoringForm | None) -> QuerySet[Campaign]:
    """«After» campaigns of the year (by programme, else by opening date) that name a «before»."""
    in_year = Q(programme__academic_year_id=year.pk) | Q(
        programme__isnull=True, opens_on__gte=year.starts_on, opens_on__lte=year.ends_on
    )
    qs = Campaign.objects.filter(in_year, organisation_id__in=ids, baseline__isnull=False)
    if form is not None:
        qs = qs.filter(programme__forms__form_id=form.pk).distinct()
    return qs


def _sums(sheets: Iterable[Sheet], key: str) -> Mean:
    values = [s.values[key] for s in sheets if key in s.values]
    return Mean(sum(values), len(values))


@dataclass(frozen=True)
class Link:
    """An «after» campaign and its «before», as plain values (no instrument definitions per row)."""

    after: int
    before: int
    organisation: int
    programme: int | None
    version: int
    before_version: int
    anonymous: bool
    before_anonymous: bool
    opens_on: datetime.date
    closes_on: datetime.date
    before_opens_on: datetime.date

    @property
    def named(self) -> bool:
        return not (self.anonymous or self.before_anonymous)

    @property
    def baseline_in_autumn(self) -> bool:
        return self.before_opens_on.month in BASELINE_MONTHS

    @property
    def final_in_may(self) -> bool:
        return FINAL_MONTH in {self.opens_on.month, self.closes_on.month}


LINK_FIELDS = (
    "pk",
    "baseline_id",
    "organisation_id",
    "programme_id",
    "version_id",
    "baseline__version_id",
    "anonymous",
    "baseline__anonymous",
    "opens_on",
    "closes_on",
    "baseline__opens_on",
)


def _read_sheets(
    links: list[Link], versions: dict[int, InstrumentVersion]
) -> tuple[set[int], dict[tuple[int, bool], list[tuple[int | None, Sheet]]]]:
    """Sheets of every answer of the campaigns; a scored instrument is read by its scores only."""
    scored_ids = {link.after for link in links if is_scored(versions[link.version])}
    plain_ids = {link.before for link in links if link.after not in scored_ids}
    plain_ids |= {link.after for link in links if link.after not in scored_ids}
    wanted_scored = scored_ids | {link.before for link in links if link.after in scored_ids}
    sheets: dict[tuple[int, bool], list[tuple[int | None, Sheet]]] = defaultdict(list)
    for ids_of, column, scored in ((wanted_scored, "scores", True), (plain_ids, "answers", False)):
        if not ids_of:
            continue
        for campaign_id, person_id, value in (
            Response.objects.filter(campaign_id__in=ids_of, refused=False)
            .order_by("submitted_at", "id")
            .values_list("campaign_id", "person_id", column)
        ):
            sheet = sheet_of({}, value or [], True) if scored else sheet_of(value or {}, [], False)
            sheets[(campaign_id, scored)].append((person_id, sheet))
    return scored_ids, sheets


def _read_changes(
    figures: dict[int, Figures], scales: dict[ScaleKey, Scale], ids: list[int], year: AcademicYear, form: Any
) -> None:
    links = [Link(*row) for row in linked_campaigns(ids, year, form).order_by().values_list(*LINK_FIELDS)]
    if not links:
        return
    wanted = {link.version for link in links} | {link.before_version for link in links}
    versions = {v.pk: v for v in InstrumentVersion.objects.filter(pk__in=wanted).select_related("instrument")}
    scored_ids, sheets = _read_sheets(links, versions)
    # Mentees of the pairs of these organisations: person → schemes, per organisation and programme.
    schemes: dict[tuple[int, int], dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for org_id, programme_id, scheme, person_id in (
        PairMentee.objects.filter(_pairs(ids, year, form, "pair__"))
        .exclude(pair__status=PairStatus.PROPOSED)
        .order_by()
        .values_list("pair__programme__organisation_id", "pair__programme_id", "pair__scheme", "mentee__person_id")
    ):
        schemes[(org_id, 0)][person_id].add(scheme)
        schemes[(org_id, programme_id)][person_id].add(scheme)
    measures_cache: dict[tuple[int, int], list[Any]] = {}
    for link in sorted(links, key=lambda item: item.after):
        target = figures[link.organisation]
        scored = link.after in scored_ids
        pair_key = (link.before_version, link.version)
        if pair_key not in measures_cache:
            measures_cache[pair_key] = common_measures(versions[link.before_version], versions[link.version])
        old, new = sheets.get((link.before, scored), []), sheets.get((link.after, scored), [])
        survey = target.surveys
        survey.links += 1
        survey.baseline_in_autumn += link.baseline_in_autumn
        survey.final_in_may += link.final_in_may
        survey.on_schedule += link.baseline_in_autumn and link.final_in_may
        survey.before_answers += len(old)
        survey.after_answers += len(new)
        survey.named_links += link.named
        instrument = versions[link.version].instrument
        matched: dict[int, tuple[Sheet, Sheet]] = {}
        if link.named:
            first, second = by_person(old), by_person(new)
            matched = {pk: (first[pk], second[pk]) for pk in first.keys() & second.keys()}
        people_schemes = schemes.get((link.organisation, link.programme or 0), {})
        for measure in measures_cache[pair_key]:
            key: ScaleKey = (instrument.pk, measure.key)
            scales.setdefault(key, Scale(key, instrument.title, measure.name, measure.short, measure.lower_is_better))
            change = target.change(key)
            change.before.add(_sums((s for _, s in old), measure.key))
            change.after.add(_sums((s for _, s in new), measure.key))
            for person_id, (first_sheet, second_sheet) in matched.items():
                old_value, new_value = first_sheet.values.get(measure.key), second_sheet.values.get(measure.key)
                if old_value is None or new_value is None:
                    continue
                delta = new_value - old_value
                change.add_delta(delta)
                for scheme in people_schemes.get(person_id, ()):
                    target.scheme_change(scheme, key).add_delta(delta)
                    target.schemes.setdefault(scheme, SchemeFigures()).change.add_delta(delta)


def _read_indicators(
    figures: dict[int, Figures], root: Organisation, scope: list[Organisation], year: AcademicYear, as_of: datetime.date
) -> tuple[list[IndicatorRow], int]:
    readable_ids = {o.pk for o in scope}
    with_programmes = [o for o in organisations_with_programmes(root, year) if o.pk in readable_ids]
    if not with_programmes and root.pk in readable_ids and level_of(root) == LEVEL_ORGANISATION:
        with_programmes = [root]
    reports: list[OrgReport] = build_reports(with_programmes, year, as_of) if with_programmes else []
    for report in reports:
        trained = next((r.result.value for r in report.rows if r.indicator.code == "2.1"), None)
        figures[report.organisation.pk].trained_teachers = trained or 0
    if len(reports) == 1 and reports[0].organisation.pk == root.pk:
        return reports[0].rows, 1
    return summary(reports), len(reports)


# -- roll-up -------------------------------------------------------------------------------


def roll_up(root: Organisation, scope: Sequence[Organisation], figures: dict[int, Figures]) -> list[DashboardRow]:
    """Rows of the root's children (each the sum of its subtree), and the root's own programmes."""
    children = [o for o in scope if o.parent_id == root.pk]
    rows = {child.pk: DashboardRow(child, Figures(), organisations=0) for child in children}
    own = DashboardRow(root, Figures(), organisations=1, own=True)
    by_path = {child.path: rows[child.pk] for child in children}
    for org in scope:
        if org.pk == root.pk:
            own.figures.add(figures[org.pk])
            continue
        prefix = "/".join(org.path.split("/")[: root.path.count("/") + 1]) + "/"
        row = by_path.get(prefix)
        if row is None:  # below an organisation the user does not read: its own line
            row = rows.setdefault(org.pk, DashboardRow(org, Figures(), organisations=0))
        row.figures.add(figures[org.pk])
        row.organisations += 1
    result = [rows[pk] for pk in rows]
    result.sort(key=lambda r: r.organisation.path)
    if not children and len(scope) == 1:
        return []
    if _has_data(own.figures):
        result.insert(0, own)
    return result


def _has_data(figures: Figures) -> bool:
    pairs = figures.pairs
    return bool(
        pairs.formed
        or figures.proposed
        or figures.surveys.links
        or figures.conformity.responses
        or figures.involvement.students
        or figures.involvement.teachers
        or figures.trained_teachers
    )


# -- entry point --------------------------------------------------------------------------------


def compute_dashboard(
    org: Organisation,
    year: AcademicYear,
    form: MentoringForm | None,
    scope: list[Organisation],
    scope_ids: frozenset[int] | None,
    as_of: datetime.date,
) -> DashboardData:
    ids = [o.pk for o in scope]
    figures: dict[int, Figures] = defaultdict(Figures)
    for pk in ids:
        figures[pk] = Figures()
    scales: dict[ScaleKey, Scale] = {}
    indicators: list[IndicatorRow] = []
    reports = 0
    if ids:
        _read_pairs(figures, ids, year, form, as_of)
        _read_marks(figures, ids, year, form)
        _read_involvement(figures, ids, year, form)
        _read_conformity(figures, ids, year)
        _read_changes(figures, scales, ids, year, form)
        indicators, reports = _read_indicators(figures, org, scope, year, as_of)
    for item in figures.values():
        for scheme in item.schemes.values():
            item.quality.add(scheme.quality)
    total = Figures()
    for pk in ids:
        total.add(figures[pk])
    return DashboardData(
        organisation=org,
        year=year,
        form=form,
        level=level_of(org),
        as_of=as_of,
        rows=roll_up(org, scope, figures),
        total=total,
        scales=sorted(scales.values(), key=lambda s: (s.instrument, s.key[1])),
        indicators=indicators,
        indicator_reports=reports,
        organisations=len(ids),
        scope_ids=scope_ids,
        computed_at=time.time(),
    )


def cache_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return str(version)


def bump_version(**_: Any) -> None:
    """Drop every cached dashboard (called on saves of the data they show)."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)


def cache_key(
    org: Organisation, year: AcademicYear, form: MentoringForm | None, scope_ids: frozenset[int] | None, day: Any
) -> str:
    parts = [cache_version(), org.pk, year.start_year, form.pk if form is not None else 0, day, _scope_key(scope_ids)]
    return "monitoring:dashboard:" + ":".join(map(str, parts))


def dashboard_data(
    org: Organisation,
    year: AcademicYear,
    *,
    form: MentoringForm | None = None,
    user: Any = None,
    as_of: datetime.date | None = None,
    use_cache: bool = True,
) -> DashboardData:
    """The dashboard of `org` (its subtree) for the year; `user` limits it to what they read.

    Without a user the whole subtree is counted (callers that checked access themselves:
    reports, background jobs). Cached for a few minutes per organisation, year, form, date and
    scope; `use_cache=False` recomputes.
    """
    as_of = as_of or default_as_of(year)
    scope, scope_ids = readable(subtree(org), user)
    key = cache_key(org, year, form, scope_ids, as_of.isoformat())
    if use_cache:
        cached = cache.get(key)
        if isinstance(cached, DashboardData):
            cached.from_cache = True
            return cached
    data = compute_dashboard(org, year, form, scope, scope_ids, as_of)
    if use_cache:
        cache.set(key, data, CACHE_SECONDS)
    return data


def _watched() -> list[type[Any]]:
    from nastavnik.bases.models import MenteeEntry, MentorEntry, StatusChange
    from nastavnik.district.models import SchoolProfile
    from nastavnik.monitoring.models import Event, ManualValue, Snapshot, Target
    from nastavnik.pairs.models import PairMeeting, PairTransition
    from nastavnik.programmes.models import Programme, ProgrammeForm

    return [
        Pair,
        PairMentee,
        PairMeeting,
        PairTransition,
        MeetingRating,
        PairEvaluation,
        Campaign,
        Response,
        Membership,
        Organisation,
        SchoolProfile,
        MentorEntry,
        MenteeEntry,
        StatusChange,
        Programme,
        ProgrammeForm,
        Snapshot,
        ManualValue,
        Target,
        Event,
    ]


def connect_signals() -> None:
    for model in _watched():
        post_save.connect(bump_version, sender=model, dispatch_uid=f"dashboard-save-{model._meta.label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"dashboard-delete-{model._meta.label}")
