"""Fixtures of the programme tests: the world's programme with a curator, uploads in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes.models import Programme
from tests.conftest import World


@pytest.fixture
def programme(world: World) -> Programme:
    """The world's programme in the academic year that is going on now, curated by the world's curator."""
    programme = world.programme
    programme.academic_year = AcademicYear.current()
    programme.curator = world.people["curator"]
    programme.save()
    return programme


@pytest.fixture
def media(settings: pytest.FixtureRequest, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)  # type: ignore[attr-defined]
    return tmp_path
