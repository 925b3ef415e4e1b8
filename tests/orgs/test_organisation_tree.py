from __future__ import annotations

import pytest

from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_path_follows_the_parent_chain() -> None:
    region = OrganisationFactory(kind=OrganisationKind.REGION)
    district = OrganisationFactory(kind=OrganisationKind.DISTRICT, parent=region)
    school = OrganisationFactory(parent=district)
    assert school.path == f"/{region.pk}/{district.pk}/{school.pk}/"
    assert list(region.subtree()) == [region, district, school]
    assert list(school.ancestors()) == [region, district]


def test_moving_a_district_moves_its_schools() -> None:
    region_a = OrganisationFactory(kind=OrganisationKind.REGION)
    region_b = OrganisationFactory(kind=OrganisationKind.REGION)
    district = OrganisationFactory(kind=OrganisationKind.DISTRICT, parent=region_a)
    school = OrganisationFactory(parent=district)
    district.parent = region_b
    district.save()
    school.refresh_from_db()
    assert school.path == f"/{region_b.pk}/{district.pk}/{school.pk}/"
    assert not Organisation.objects.filter(path__startswith=region_a.path).exclude(pk=region_a.pk).exists()


@pytest.mark.parametrize(("month", "day", "expected"), [(9, 1, 2026), (8, 31, 2025), (12, 31, 2026), (1, 1, 2026)])
def test_academic_year_runs_from_september_to_august(month: int, day: int, expected: int) -> None:
    import datetime

    year = 2026 if month >= 9 else 2027
    if (month, day) == (8, 31):
        year = 2026
    assert AcademicYear.start_year_for(datetime.date(year, month, day)) == expected


def test_academic_year_name_and_bounds() -> None:
    year = AcademicYear.objects.create(start_year=2026)
    assert year.name == "2026/2027"
    assert (year.starts_on.isoformat(), year.ends_on.isoformat()) == ("2026-09-01", "2027-08-31")
