"""Chart configurations for the vendored chart library (drawn by the dashboards' script) and
the dynamics of exam results per school and per pair of schools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from nastavnik.courses.models import Exam, ExamResult
from nastavnik.courses.progress import FunnelStep
from nastavnik.orgs.models import Organisation

PALETTE = ["#1976d2", "#43a047", "#e53935", "#fb8c00", "#8e24aa", "#00897b"]


def chart(title: str, labels: list[str], datasets: list[tuple[str, list[Any]]], **options: Any) -> dict[str, Any]:
    config = {
        "labels": labels,
        "datasets": [
            {"label": label, "data": data, "color": PALETTE[i % len(PALETTE)]}
            for i, (label, data) in enumerate(datasets)
        ],
        **options,
    }
    height = 60 + 24 * len(labels) * max(1, len(datasets)) if options.get("horizontal") else 300
    return {"title": title, "config": json.dumps(config, ensure_ascii=False), "height": min(height, 900)}


def funnel_chart(steps: Sequence[FunnelStep]) -> dict[str, Any]:
    return chart(
        "Сохранность контингента: сколько слушателей осталось",
        [step.label for step in steps],
        [("Слушателей", [step.count for step in steps])],
        horizontal=True,
    )


@dataclass(frozen=True)
class Line:
    """One exam, subject and class over the years: {year: (mean score, share of «2» in %)}."""

    label: str
    by_year: dict[int, tuple[float, float]]


def _label(result: ExamResult) -> str:
    return f"{Exam(result.exam).label} {result.subject}, {result.grade} кл."


def lines(results: Sequence[ExamResult]) -> list[Line]:
    grouped: dict[str, dict[int, tuple[float, float]]] = {}
    for result in results:
        grouped.setdefault(_label(result), {})[result.year] = (float(result.mean_score), result.fail_share)
    return [Line(label, by_year) for label, by_year in grouped.items()]


def years_of(all_lines: Sequence[Line]) -> list[int]:
    return sorted({year for line in all_lines for year in line.by_year})


def school_charts(results: Sequence[ExamResult]) -> list[dict[str, Any]]:
    found = lines(results)
    years = years_of(found)
    labels = [line.label for line in found]
    if not found:
        return []
    return [
        chart(
            "Средний балл по годам",
            labels,
            [(str(year), [_pick(line, year, 0) for line in found]) for year in years],
            horizontal=True,
        ),
        chart(
            "Доля «2» по годам, %",
            labels,
            [(str(year), [_pick(line, year, 1) for line in found]) for year in years],
            horizontal=True,
            suffix=" %",
            max=100,
        ),
    ]


def _pick(line: Line, year: int, index: int) -> float | None:
    value = line.by_year.get(year)
    return None if value is None else value[index]


def pair_charts(leader: Organisation, supported: Organisation) -> list[dict[str, Any]]:
    """The mean score of both schools per exam line and year, side by side."""
    found = {org.pk: lines(list(ExamResult.objects.filter(school=org))) for org in (leader, supported)}
    labels = sorted({line.label for group in found.values() for line in group})
    if not labels:
        return []
    datasets: list[tuple[str, list[Any]]] = []
    for org in (supported, leader):
        by_label = {line.label: line for line in found[org.pk]}
        for year in years_of(found[org.pk]):
            values = [_pick(by_label[label], year, 0) if label in by_label else None for label in labels]
            datasets.append((f"{org.short_name}, {year}", values))
    return [chart("Средний балл: поддерживаемая школа и школа-лидер", labels, datasets, horizontal=True)]


def change_rows(results: Sequence[ExamResult]) -> list[dict[str, Any]]:
    """For the table: each line's first and last year and the change of the mean score and of «2»."""
    rows = []
    for line in lines(results):
        years = sorted(line.by_year)
        first, last = line.by_year[years[0]], line.by_year[years[-1]]
        rows.append(
            {
                "label": line.label,
                "years": f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
                "mean": last[0],
                "fails": last[1],
                "mean_change": round(last[0] - first[0], 2) if len(years) > 1 else None,
                "fails_change": round(last[1] - first[1], 1) if len(years) > 1 else None,
            }
        )
    return rows
