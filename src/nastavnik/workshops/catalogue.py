"""Reference data of source 000 from data/growth-workshops-000.yaml, kept in step after every migrate."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from nastavnik.workshops.models import CatalogueWorkshop, Trajectory

DATA_FILE = Path(__file__).resolve().parent / "data" / "growth-workshops-000.yaml"


@cache
def read_source() -> dict[str, Any]:
    with DATA_FILE.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def names(section: str) -> dict[str, str]:
    """Code → name of a section of the reference data (topics, statuses, conferences, shifts)."""
    return {item["code"]: item["name"] for item in read_source()[section]}


def shift_instrument(code: str) -> str:
    """The code of the feedback questionnaire of a shift (the surveys' instrument)."""
    return {item["code"]: item["instrument"] for item in read_source()["shifts"]}.get(code, "")


def choices(section: str) -> list[tuple[str, str]]:
    return list(names(section).items())


@transaction.atomic
def load_catalogue() -> None:
    """Create or update the source's workshops and trajectories (idempotent by code)."""
    data = read_source()
    for order, item in enumerate(data["workshops"], start=1):
        CatalogueWorkshop.objects.update_or_create(
            code=item["code"],
            defaults={"name": item["name"], "description": item.get("description", ""), "order": order},
        )
    for order, item in enumerate(data["trajectories"], start=1):
        Trajectory.objects.update_or_create(
            code=item["code"], defaults={"name": item["name"], "hours": item["hours"], "order": order}
        )
