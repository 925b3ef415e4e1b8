"""Changes of monitoring data: snapshots, values entered by hand, targets. Russian errors."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from nastavnik.monitoring.compute import compute
from nastavnik.monitoring.indicators import BY_CODE
from nastavnik.monitoring.models import ManualValue, Snapshot, SnapshotKind, Target
from nastavnik.monitoring.report import programme_starts
from nastavnik.orgs.models import AcademicYear, Organisation


class MonitoringError(Exception):
    """A refused operation; the message is Russian and shown to the user."""


def start_date(org: Organisation, year: AcademicYear) -> datetime.date:
    return programme_starts([org.pk], year).get(org.pk, year.starts_on)


def check_date_in_year(day: datetime.date, year: AcademicYear, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if not year.starts_on <= day <= year.ends_on:
        raise MonitoringError(
            f"Дата {day:%d.%m.%Y} вне учебного года {year.name} ({year.starts_on:%d.%m.%Y} — {year.ends_on:%d.%m.%Y})."
        )
    if day > today:
        raise MonitoringError(f"Дата {day:%d.%m.%Y} ещё не наступила.")


@transaction.atomic
def take_snapshot(
    org: Organisation,
    year: AcademicYear,
    kind: str,
    user: Any,
    day: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Snapshot:
    """Freeze the values of every indicator on a date: the start of the programme, or `day` (today)."""
    today = today or timezone.localdate()
    if kind not in SnapshotKind.values:
        raise MonitoringError("Неизвестный вид среза.")
    if kind == SnapshotKind.START:
        # The programme may start before 1 September (a passport approved in August).
        day = start_date(org, year)
        if day > today:
            raise MonitoringError(
                f"Программа начинается {day:%d.%m.%Y}: срез на дату начала можно сохранить с этого дня."
            )
    else:
        day = day or min(today, year.ends_on)
        check_date_in_year(day, year, today)
    existing = Snapshot.objects.filter(organisation=org, academic_year=year, kind=kind).first()
    if kind != SnapshotKind.INTERIM and existing is not None:
        label = SnapshotKind(kind).label.lower()
        raise MonitoringError(f"Срез «{label}» за {year.name} уже сохранён ({existing.date:%d.%m.%Y}).")
    start = Snapshot.objects.filter(organisation=org, academic_year=year, kind=SnapshotKind.START).first()
    if kind != SnapshotKind.START and start is not None and day < start.date:
        raise MonitoringError(f"Дата среза раньше даты начала программы ({start.date:%d.%m.%Y}).")
    values = compute([org.pk], year, day)[org.pk]
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                organisation=org,
                academic_year=year,
                kind=kind,
                date=day,
                values={code: value.as_json() for code, value in values.items()},
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
    except IntegrityError:
        raise MonitoringError("Такой срез уже сохранён.") from None


def enter_manual(
    org: Organisation,
    year: AcademicYear,
    code: str,
    value: int | None,
    on_date: datetime.date,
    comment: str,
    user: Any,
    today: datetime.date | None = None,
) -> ManualValue:
    """Record a value entered by hand (None: return to the calculated value). Earlier entries stay as history."""
    if code not in BY_CODE:
        raise MonitoringError(f"Нет показателя с кодом «{code}».")
    if not comment.strip():
        raise MonitoringError("Укажите, откуда взято значение (комментарий обязателен).")
    check_date_in_year(on_date, year, today)
    return ManualValue.objects.create(
        organisation=org,
        academic_year=year,
        code=code,
        value=value,
        on_date=on_date,
        comment=comment.strip(),
        entered_by=user if getattr(user, "is_authenticated", False) else None,
    )


@transaction.atomic
def save_targets(org: Organisation, year: AcademicYear, targets: dict[str, tuple[str, int] | None], user: Any) -> int:
    """Set (kind, value) per code, or remove the target when None. Returns the number of targets set."""
    existing = {t.code: t for t in Target.objects.filter(organisation=org, academic_year=year)}
    count = 0
    for code, target in targets.items():
        if code not in BY_CODE:
            raise MonitoringError(f"Нет показателя с кодом «{code}».")
        current = existing.get(code)
        if target is None:
            if current is not None:
                current.delete()
            continue
        kind, value = target
        count += 1
        if current is not None and (current.kind, current.value) == (kind, value):
            continue
        obj = current or Target(organisation=org, academic_year=year, code=code)
        obj.kind, obj.value, obj.updated_by = kind, value, user if getattr(user, "is_authenticated", False) else None
        obj.save()
    return count
