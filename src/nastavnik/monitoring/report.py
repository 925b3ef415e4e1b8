"""The indicator table of one organisation or of a territory: start, result, dynamics, target.

Used by the indicators page, the XLSX command and anything that reports later (dashboards,
background jobs): `build_reports` makes the tables of many organisations in a fixed number of
queries, `summary` adds them up for a district or the region.

- Start value: the organisation's snapshot «на дату начала» if there is one, otherwise the
  values calculated on the start date of its programme (the earliest `starts_on` of its
  programmes of the year, or 1 September).
- Result value: the final snapshot if one is dated on or before the report date, otherwise
  the values calculated on the report date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone

from nastavnik.monitoring.compute import Value, compute, total
from nastavnik.monitoring.indicators import INDICATORS, Indicator
from nastavnik.monitoring.models import Snapshot, SnapshotKind, Target
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.programmes.models import Programme


def default_as_of(year: AcademicYear, today: datetime.date | None = None) -> datetime.date:
    """Today within the academic year (its last day once it is over, its first before it starts)."""
    today = today or timezone.localdate()
    return max(min(today, year.ends_on), year.starts_on)


def format_percent(percent: float | None) -> str:
    if percent is None:
        return "—"
    sign = "+" if percent > 0 else ""
    number = f"{percent:.0f}" if percent == int(percent) else f"{percent:.1f}".replace(".", ",")
    return f"{sign}{number} %"


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    start: Value
    result: Value
    target: Target | None = None

    @property
    def dynamics(self) -> int | None:
        if self.start.value is None or self.result.value is None:
            return None
        return self.result.value - self.start.value

    @property
    def percent(self) -> float | None:
        """(t1 − t0) / t0 in per cent; none when t0 is 0 or unknown."""
        if self.dynamics is None or not self.start.value:
            return None
        return round(self.dynamics * 100 / self.start.value, 1)

    @property
    def percent_label(self) -> str:
        return format_percent(self.percent)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.target.is_met(self.start.value, self.result.value)

    @property
    def met_label(self) -> str:
        return {True: "выполнено", False: "не выполнено", None: "—" if self.target else ""}[self.met]


@dataclass
class OrgReport:
    organisation: Organisation
    year: AcademicYear
    start_date: datetime.date
    result_date: datetime.date
    rows: list[Row]
    has_programmes: bool = True
    start_snapshot: Snapshot | None = None
    final_snapshot: Snapshot | None = None
    snapshots: list[Snapshot] = field(default_factory=list)

    @property
    def start_label(self) -> str:
        if self.start_snapshot is not None:
            return f"срез на дату начала {self.start_snapshot.date:%d.%m.%Y}"
        return f"расчёт на {self.start_date:%d.%m.%Y}"

    @property
    def result_label(self) -> str:
        if self.final_snapshot is not None:
            return f"итоговый срез {self.final_snapshot.date:%d.%m.%Y}"
        return f"расчёт на {self.result_date:%d.%m.%Y}"


def programme_starts(org_ids: Sequence[int], year: AcademicYear) -> dict[int, datetime.date]:
    """Organisations with programmes in the year → the start date of their earliest programme."""
    rows = (
        Programme.objects.filter(organisation_id__in=org_ids, academic_year=year)
        .order_by()
        .values("organisation_id")
        .annotate(first=Min("starts_on"))
    )
    return {row["organisation_id"]: row["first"] or year.starts_on for row in rows}


def organisations_with_programmes(root: Organisation, year: AcademicYear) -> list[Organisation]:
    """The organisation and those below it that run a programme in the year, in tree order."""
    ids = Programme.objects.filter(subtree_q("organisation__path", root.path), academic_year=year).values(
        "organisation_id"
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def build_reports(
    organisations: Sequence[Organisation], year: AcademicYear, as_of: datetime.date | None = None
) -> list[OrgReport]:
    """Tables of many organisations with a fixed number of queries (about twenty)."""
    as_of = as_of or default_as_of(year)
    ids = [org.pk for org in organisations]
    if not ids:
        return []
    starts = programme_starts(ids, year)
    start_dates = {org_id: starts.get(org_id, year.starts_on) for org_id in ids}
    snapshots: dict[int, list[Snapshot]] = {org_id: [] for org_id in ids}
    for snapshot in Snapshot.objects.filter(organisation_id__in=ids, academic_year=year).select_related("created_by"):
        snapshots[snapshot.organisation_id].append(snapshot)
    start_snapshots = {
        org_id: next((s for s in items if s.kind == SnapshotKind.START), None) for org_id, items in snapshots.items()
    }
    final_snapshots = {
        org_id: next((s for s in items if s.kind == SnapshotKind.FINAL and s.date <= as_of), None)
        for org_id, items in snapshots.items()
    }
    need_start = [org_id for org_id in ids if start_snapshots[org_id] is None]
    need_result = [org_id for org_id in ids if final_snapshots[org_id] is None]
    computed_start = compute(need_start, year, {i: start_dates[i] for i in need_start})
    computed_result = compute(need_result, year, as_of)
    targets: dict[tuple[int, str], Target] = {
        (t.organisation_id, t.code): t for t in Target.objects.filter(organisation_id__in=ids, academic_year=year)
    }
    reports = []
    for org in organisations:
        start_snapshot, final_snapshot = start_snapshots[org.pk], final_snapshots[org.pk]
        start = _values(start_snapshot) if start_snapshot else computed_start[org.pk]
        result = _values(final_snapshot) if final_snapshot else computed_result[org.pk]
        rows = [
            Row(indicator, start[indicator.code], result[indicator.code], targets.get((org.pk, indicator.code)))
            for indicator in INDICATORS
        ]
        reports.append(
            OrgReport(
                organisation=org,
                year=year,
                start_date=start_snapshot.date if start_snapshot else start_dates[org.pk],
                result_date=final_snapshot.date if final_snapshot else as_of,
                rows=rows,
                has_programmes=org.pk in starts,
                start_snapshot=start_snapshot,
                final_snapshot=final_snapshot,
                snapshots=snapshots[org.pk],
            )
        )
    return reports


def _values(snapshot: Snapshot) -> dict[str, Value]:
    return {indicator.code: Value.from_json(snapshot.values.get(indicator.code)) for indicator in INDICATORS}


def summary(reports: Iterable[OrgReport]) -> list[Row]:
    """The roll-up: start and result values added up over the organisations (no targets)."""
    reports = list(reports)
    start = total(dict((r.indicator.code, r.start) for r in report.rows) for report in reports)
    result = total(dict((r.indicator.code, r.result) for r in report.rows) for report in reports)
    return [Row(indicator, start[indicator.code], result[indicator.code]) for indicator in INDICATORS]
