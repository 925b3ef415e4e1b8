"""The queries of the monitoring dashboards: one per kind of data, grouped by organisation.

Every source is read by one query grouped by organisation for all organisations of the subtree
at once, so the number of queries does not grow with the number of organisations (about 30
including the indicator table); each `read_*` adds its sums and counts to the `Figures` of the
organisation, and `dashboard.compute_dashboard` calls them in turn.

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
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from nastavnik.diary.models import MeetingRating, PairEvaluation
from nastavnik.district.models import SchoolProfile
from nastavnik.monitoring.compute import PEDAGOGICAL_ROLES
from nastavnik.monitoring.figures import LEVEL_ORGANISATION, Figures, Mean, Scale, ScaleKey, SchemeFigures, level_of
from nastavnik.monitoring.report import OrgReport, build_reports, organisations_with_programmes, summary
from nastavnik.monitoring.report import Row as IndicatorRow
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, Role
from nastavnik.pairs.models import HOLDING_STATUSES, Pair, PairMentee, PairStatus
from nastavnik.programmes.models import MentoringFormat
from nastavnik.surveys.change import Sheet, by_person, common_measures, is_scored, sheet_of
from nastavnik.surveys.models import Campaign, InstrumentVersion, Response

CONFORMITY_CODE = "curator-conformity"
BASELINE_MONTHS = frozenset({10, 11})
FINAL_MONTH = 5
IN_MENTORING = frozenset({*HOLDING_STATUSES, PairStatus.COMPLETED})
WORKING = frozenset({PairStatus.ACTIVE, PairStatus.COMPLETED})


def _pairs(ids: list[int], year: AcademicYear, form: MentoringFormat | None, prefix: str = "") -> Q:
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


def pair_rows(ids: list[int], year: AcademicYear, form: MentoringFormat | None, as_of: datetime.date) -> QuerySet[Any]:
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


def add_pairs(figures: dict[int, Figures], rows: Iterable[dict[str, Any]], as_of: datetime.date) -> None:
    for row in rows:
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


def read_marks(figures: dict[int, Figures], ids: list[int], year: AcademicYear, form: MentoringFormat | None) -> None:
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


def participants_q(year: AcademicYear, form: MentoringFormat | None, field: str = "person_id") -> Q:
    """People who are mentor or mentee of a pair of the year in mentoring (any organisation's programme)."""
    pairs = Q(programme__academic_year_id=year.pk, status__in=list(IN_MENTORING))
    if form is not None:
        pairs &= Q(programme_form__form_id=form.pk)
    mentors = Pair.objects.filter(pairs).values("mentor__person_id")
    mentees = PairMentee.objects.filter(pair__in=Pair.objects.filter(pairs).values("pk")).values("mentee__person_id")
    return Q(**{f"{field}__in": mentors}) | Q(**{f"{field}__in": mentees})


def student_ids() -> QuerySet[Any]:
    return Membership.objects.filter(role=Role.STUDENT, is_active=True).values("person_id")


InvolvementRows = tuple[list[dict[str, Any]], list[dict[str, Any]]]


def involvement_rows(ids: list[int], year: AcademicYear, form: MentoringFormat | None) -> InvolvementRows:
    """Students and teachers of each organisation, and those of them in mentoring."""
    involved = participants_q(year, form)
    memberships = Membership.objects.filter(organisation_id__in=ids, is_active=True).order_by()
    # Students and teachers in two queries: a person has one membership per organisation and role,
    # so students need no DISTINCT (sorting a region's 100 000 memberships per count was most of
    # the time), and the teachers' query reads only the pedagogical memberships.
    students = (
        memberships.filter(role=Role.STUDENT)
        .values(org=F("organisation_id"))
        .annotate(students=Count("pk"), students_in=Count("pk", filter=involved))
    )
    teachers = (
        memberships.filter(role__in=list(PEDAGOGICAL_ROLES))
        .exclude(person_id__in=student_ids())
        .values(org=F("organisation_id"))
        .annotate(
            teachers=Count("person_id", distinct=True),
            teachers_in=Count("person_id", distinct=True, filter=involved),
        )
    )
    return list(students), list(teachers)


def add_involvement(figures: dict[int, Figures], rows: InvolvementRows) -> None:
    students, teachers = rows
    for row in students:
        target = figures[row["org"]].involvement
        target.students = target.students_registered = row["students"]
        target.students_in = row["students_in"]
    for row in teachers:
        target = figures[row["org"]].involvement
        target.teachers, target.teachers_in = row["teachers"], row["teachers_in"]


def read_profiles(figures: dict[int, Figures], ids: list[int], year: AcademicYear) -> None:
    """The official number of students from the school profiles, over the registered one when larger
    (after `add_involvement`: profiles are answered like surveys and kept apart from its cache)."""
    profiles = SchoolProfile.objects.filter(organisation_id__in=ids, academic_year=year).values_list(
        "organisation_id", "students_count"
    )
    for org_id, count in profiles:
        target = figures[org_id].involvement
        target.official_counts += 1
        target.students = max(target.students_registered, count or 0)


def read_conformity(figures: dict[int, Figures], ids: list[int], year: AcademicYear) -> None:
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


def linked_campaigns(ids: list[int], year: AcademicYear, form: MentoringFormat | None) -> QuerySet[Campaign]:
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


def read_changes(
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


def read_indicators(
    root: Organisation, scope: list[Organisation], year: AcademicYear, as_of: datetime.date
) -> tuple[list[IndicatorRow], int, dict[int, int]]:
    """The indicator rows (one organisation's, or the sum of the organisations with programmes), the
    number of organisations summed, and indicator 2.1 (trained teachers) per organisation."""
    readable_ids = {o.pk for o in scope}
    with_programmes = [o for o in organisations_with_programmes(root, year) if o.pk in readable_ids]
    if not with_programmes and root.pk in readable_ids and level_of(root) == LEVEL_ORGANISATION:
        with_programmes = [root]
    reports: list[OrgReport] = build_reports(with_programmes, year, as_of) if with_programmes else []
    trained: dict[int, int] = {}
    for report in reports:
        value = next((r.result.value for r in report.rows if r.indicator.code == "2.1"), None)
        trained[report.organisation.pk] = value or 0
    if len(reports) == 1 and reports[0].organisation.pk == root.pk:
        return reports[0].rows, 1, trained
    return summary(reports), len(reports), trained
