"""The `demo-data` command on an empty database: seeds, the region scale, refusals.

Apart from tests/site/test_demo_data.py, which reads one demo built for the whole module: these
tests build their own worlds (or none) and need the database empty when they start.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.db import transaction

from nastavnik.bases.models import MenteeEntry
from nastavnik.demo import catalog, report
from nastavnik.orgs.models import Membership, Organisation, OrganisationKind, Role
from nastavnik.people.models import Consent, Person
from tests.site.test_demo_data import run_demo


def test_same_seed_gives_the_same_people(db: None) -> None:
    def names_after(seed: str) -> list[str]:
        with transaction.atomic():
            run_demo("--seed", seed)
            result = [p.full_name for p in Person.objects.order_by("id")]
            transaction.set_rollback(True)
        return result

    first = names_after("7")
    assert names_after("7") == first
    assert names_after("8") != first


def test_region_scale_adds_a_district_under_the_region_once(db: None) -> None:
    output = run_demo("--scale", "region", "--region-size-factor", "0.005")
    assert "Данные масштаба региона загружены" in output
    region = Organisation.objects.get(slug=catalog.REGION_SLUG)
    district = Organisation.objects.get(slug="bulk-district-1")
    assert district.path == f"{region.path}{district.pk}/"
    for org in district.subtree():
        assert org.path == f"{org.parent.path}{org.pk}/"  # type: ignore[union-attr]
    school = district.subtree().filter(kind=OrganisationKind.SCHOOL).first()
    assert school is not None
    assert Membership.objects.filter(organisation=school, role=Role.STUDENT).count() > 150
    assert MenteeEntry.objects.filter(programme__organisation=school, problems__isnull=False).exists()
    before = report.count_rows()
    again = run_demo("--scale", "region", "--region-size-factor", "0.005")
    assert "уже загружены" in again
    assert report.count_rows() == before
    today = datetime.date.today()
    assert not Consent.objects.filter(given_on__gt=today).exists()


def test_unknown_scale_is_refused_in_russian(db: None) -> None:
    with pytest.raises(CommandError) as error:
        run_demo("--scale", "city")
    assert error.value.returncode == 2
    assert "Неизвестный масштаб «city»" in str(error.value)
    assert not Organisation.objects.exists()


def test_unknown_scale_exits_with_code_2_from_the_console(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nastavnik", "demo-data", "--scale", "city"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SQLITE_PATH": str(tmp_path / "unused.sqlite3")},
    )
    assert result.returncode == 2
    assert "Неизвестный масштаб «city»" in result.stderr
