"""Snapshots freeze values; targets; the report's start and result columns."""

from __future__ import annotations

import datetime

import pytest

from nastavnik.monitoring import services
from nastavnik.monitoring.models import ManualValue, Snapshot, SnapshotImmutable, SnapshotKind, Target, TargetKind
from nastavnik.monitoring.report import build_reports, format_percent, summary
from nastavnik.orgs.models import Organisation
from tests.monitoring import builders as b

pytestmark = pytest.mark.django_db
TODAY = b.day(11, 20)


def _school_with_requests(count: int) -> Organisation:
    org = b.school()
    prog = b.programme(org)
    for _ in range(count):
        b.mentee(b.student(org), prog, b.day(9, 1))
    return org


def test_a_saved_snapshot_keeps_its_values_when_the_data_changes_later() -> None:
    org = _school_with_requests(2)
    snapshot = services.take_snapshot(org, b.year(), SnapshotKind.INTERIM, None, b.day(10, 1), today=TODAY)
    assert snapshot.values["1.1"] == {"value": 2, "source": "computed", "comment": ""}
    # Later: a request entered with an earlier date and a manual correction of the same day.
    b.mentee(b.student(org), org.programmes.get(), b.day(9, 5))
    ManualValue.objects.create(
        organisation=org, academic_year=b.year(), code="4.3", value=7, on_date=b.day(9, 1), comment="исправлено"
    )
    snapshot.refresh_from_db()
    assert snapshot.values["1.1"]["value"] == 2
    assert snapshot.values["4.3"]["value"] == 0
    fresh = services.take_snapshot(org, b.year(), SnapshotKind.INTERIM, None, b.day(10, 1), today=TODAY)
    assert (fresh.values["1.1"]["value"], fresh.values["4.3"]) == (
        3,
        {"value": 7, "source": "manual", "comment": "исправлено"},
    )


def test_a_snapshot_refuses_to_be_saved_again_or_updated() -> None:
    org = _school_with_requests(1)
    snapshot = services.take_snapshot(org, b.year(), SnapshotKind.FINAL, None, b.day(11, 1), today=TODAY)
    snapshot.values = {"1.1": {"value": 99, "source": "computed", "comment": ""}}
    with pytest.raises(SnapshotImmutable):
        snapshot.save()
    with pytest.raises(SnapshotImmutable):
        Snapshot.objects.filter(pk=snapshot.pk).update(values={})
    assert Snapshot.objects.get(pk=snapshot.pk).values["1.1"]["value"] == 1


def test_start_and_final_snapshots_are_unique_and_dates_are_checked() -> None:
    org = _school_with_requests(1)
    year = b.year()
    start = services.take_snapshot(org, year, SnapshotKind.START, None, today=TODAY)
    assert start.date == year.starts_on
    with pytest.raises(services.MonitoringError, match="уже сохранён"):
        services.take_snapshot(org, year, SnapshotKind.START, None, today=TODAY)
    with pytest.raises(services.MonitoringError, match="ещё не наступила"):
        services.take_snapshot(org, year, SnapshotKind.INTERIM, None, b.day(12, 1), today=TODAY)
    with pytest.raises(services.MonitoringError, match="вне учебного года"):
        services.take_snapshot(org, year, SnapshotKind.INTERIM, None, datetime.date(2026, 8, 1), today=TODAY)
    services.take_snapshot(org, year, SnapshotKind.FINAL, None, b.day(11, 1), today=TODAY)
    with pytest.raises(services.MonitoringError, match="уже сохранён"):
        services.take_snapshot(org, year, SnapshotKind.FINAL, None, b.day(11, 2), today=TODAY)
    services.take_snapshot(org, year, SnapshotKind.INTERIM, None, b.day(10, 1), today=TODAY)
    services.take_snapshot(org, year, SnapshotKind.INTERIM, None, b.day(10, 2), today=TODAY)
    assert Snapshot.objects.filter(organisation=org).count() == 4


def test_start_date_is_the_programme_start_when_it_is_set() -> None:
    org = b.school()
    prog = b.programme(org, starts_on=b.day(10, 1))
    b.mentee(b.student(org), prog, b.day(9, 20))
    b.mentee(b.student(org), prog, b.day(10, 20))
    start = services.take_snapshot(org, b.year(), SnapshotKind.START, None, today=TODAY)
    assert (start.date, start.values["1.1"]["value"]) == (b.day(10, 1), 1)


def test_report_uses_the_start_snapshot_else_the_calculation_at_the_start() -> None:
    org = _school_with_requests(2)
    year = b.year()
    report = build_reports([org], year, b.day(11, 1))[0]
    row = report.rows[0]
    assert (row.indicator.code, row.start.value, row.result.value) == ("1.1", 2, 2)
    assert report.start_snapshot is None and report.start_label == "расчёт на 01.09.2026"
    b.mentee(b.student(org), org.programmes.get(), b.day(10, 15))
    services.take_snapshot(org, year, SnapshotKind.START, None, today=TODAY)
    # A request backdated to the start after the snapshot: the start stays as it was frozen.
    b.mentee(b.student(org), org.programmes.get(), b.day(9, 1))
    report = build_reports([org], year, b.day(11, 1))[0]
    row = report.rows[0]
    assert (row.start.value, row.result.value, row.dynamics, row.percent) == (2, 4, 2, 100.0)
    assert report.start_label == "срез на дату начала 01.09.2026"


def test_the_final_snapshot_is_the_result_of_the_year() -> None:
    org = _school_with_requests(1)
    year = b.year()
    services.take_snapshot(org, year, SnapshotKind.FINAL, None, b.day(10, 1), today=TODAY)
    b.mentee(b.student(org), org.programmes.get(), b.day(10, 15))
    report = build_reports([org], year, b.day(11, 1))[0]
    assert report.rows[0].result.value == 1
    assert report.result_label == "итоговый срез 01.10.2026"
    before = build_reports([org], year, b.day(9, 20))[0]  # a report dated before the final snapshot
    assert before.rows[0].result.value == 1 and before.final_snapshot is None


def test_targets_absolute_and_growth() -> None:
    org = b.school()
    prog = b.programme(org)
    for _ in range(4):
        b.mentee(b.student(org), prog, b.day(9, 1))
    for _ in range(1):
        b.mentee(b.student(org), prog, b.day(10, 1))
    year = b.year()
    services.save_targets(
        org,
        year,
        {"1.1": (TargetKind.GROWTH, 25), "1.2": (TargetKind.ABSOLUTE, 1), "2.2": (TargetKind.GROWTH, 10)},
        None,
    )
    rows = {r.indicator.code: r for r in build_reports([org], year, b.day(11, 1))[0].rows}
    assert (rows["1.1"].percent, rows["1.1"].met, rows["1.1"].met_label) == (25.0, True, "выполнено")
    assert (rows["1.2"].met, rows["1.2"].met_label) == (False, "не выполнено")
    assert (rows["2.2"].met, rows["2.2"].met_label, rows["2.2"].percent_label) == (None, "—", "—")
    assert rows["3.1"].met_label == ""
    Target.objects.filter(code="1.1").update(value=26)
    assert build_reports([org], year, b.day(11, 1))[0].rows[0].met is False
    services.save_targets(org, year, {"1.1": None}, None)
    assert not Target.objects.filter(code="1.1").exists()


def test_summary_adds_up_start_and_result_of_organisations() -> None:
    orgs = [_school_with_requests(n) for n in (1, 2, 4)]
    year = b.year()
    services.take_snapshot(orgs[0], year, SnapshotKind.START, None, today=TODAY)
    b.mentee(b.student(orgs[1]), orgs[1].programmes.get(), b.day(10, 1))
    reports = build_reports(orgs, year, b.day(11, 1))
    rows = {r.indicator.code: r for r in summary(reports)}
    assert (rows["1.1"].start.value, rows["1.1"].result.value, rows["1.1"].dynamics) == (7, 8, 1)
    for code, row in rows.items():
        assert row.result.value == sum(
            next(r for r in rep.rows if r.indicator.code == code).result.value or 0 for rep in reports
        )


@pytest.mark.parametrize(
    ("percent", "label"), [(None, "—"), (15.0, "+15 %"), (12.5, "+12,5 %"), (-50.0, "-50 %"), (0.0, "0 %")]
)
def test_percent_labels(percent: float | None, label: str) -> None:
    assert format_percent(percent) == label


@pytest.mark.parametrize("count", [3, 12])
def test_reports_take_a_fixed_number_of_queries(count: int, django_assert_max_num_queries: object) -> None:
    orgs = [_school_with_requests(1) for _ in range(count)]
    services.take_snapshot(orgs[0], b.year(), SnapshotKind.START, None, today=TODAY)
    year = b.year()
    with django_assert_max_num_queries(24):  # type: ignore[operator]
        reports = build_reports(orgs, year, b.day(11, 1))
        summary(reports)
