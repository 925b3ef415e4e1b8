"""The shared test world: a region with a district, two schools, every role, and a programme."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage
from hypothesis import HealthCheck, settings
from pytest_django import DjangoDbBlocker
from time_machine import TimeMachineFixture

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.orgs.models import Organisation, OrganisationKind, Role
from nastavnik.people.models import GuardianLink, Person
from nastavnik.programmes.models import Programme
from tests.clock import NOW
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    make_mentee_entry,
    make_mentor_entry,
    make_person,
    make_programme,
)


@dataclass
class World:
    region: Organisation
    district: Organisation
    other_district: Organisation
    school: Organisation
    other_school: Organisation
    programme: Programme
    other_programme: Programme
    people: dict[str, Person]
    mentor_entry: MentorEntry
    mentee_entry: MenteeEntry
    other_mentee_entry: MenteeEntry

    def client_for(self, role: str) -> Client:
        client = Client()
        if role != "anonymous":
            # django-axes checks every authentication against a request (its address and account).
            assert client.login(request=HttpRequest(), username=role, password=PASSWORD)
        return client


ROLES = [
    "admin",
    "region",
    "district",
    "other_district",
    "director",
    "curator",
    "working_group",
    "teacher",
    "mentor",
    "mentee",
    "parent",
    "other_curator",
    "anonymous",
]


# Property tests: no deadline and no «too slow» check, whose verdicts depend on the machine's load
# (two xdist workers, PostgreSQL and Chromium share two cores); the same examples on every run
# (derandomize), so a failure is repeatable, and no example database written into the project.
# HYPOTHESIS_PROFILE=default brings back Hypothesis's own random search.
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True, database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _frozen_clock(request: pytest.FixtureRequest, time_machine: TimeMachineFixture) -> None:
    """Every test starts at tests.clock.NOW, not at the machine's date.

    The clock ticks on from there (tick=True): the day is fixed, but timestamps taken one after
    another still differ — the dashboard cache is invalidated by a new time_ns() stamp, «the
    latest» records are ordered by creation time, and the live server of the browser tests and
    Playwright's waits see time pass. A test marked `@pytest.mark.time_machine(when, tick=...)`
    keeps the moment the marker sets (the time-machine plugin moves there first).
    """
    if request.node.get_closest_marker("time_machine") is None:
        time_machine.move_to(NOW, tick=True)


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def real_queue() -> Iterator[MemoryStorage]:
    """A real huey queue in memory instead of immediate mode: tasks wait until the test runs them."""
    saved = HUEY.immediate, HUEY.storage
    HUEY.immediate = False
    HUEY.storage = MemoryStorage("tests")
    try:
        yield HUEY.storage
    finally:
        HUEY.immediate, HUEY.storage = saved


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Figures and counts cached from rows an earlier test rolled back must not reach this test: the
    generation counters (common.changes) only move with saves, and a rollback is none."""
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def _media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, _media_dir: Path) -> None:
    """Uploaded and generated files of the tests go to a temporary folder, never into the project."""
    settings.MEDIA_ROOT = str(_media_dir)  # type: ignore[attr-defined]


# The freshly migrated test database, copied before any test writes to it: tests that need an
# installation «exactly as `nastavnik migrate` leaves it» (tests/backup) copy this instead of
# migrating again (migrate takes minutes). A SQLite file path or a PostgreSQL database URL.
_MIGRATED_COPY: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None,
    django_db_blocker: DjangoDbBlocker,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """pytest-django's test database, plus its migrated copy when a collected test asks for one."""
    wanted = any("migrated_copy" in getattr(item, "fixturenames", ()) for item in request.session.items)
    if wanted:
        with django_db_blocker.unblock():
            _MIGRATED_COPY["database"] = _copy_migrated_database(tmp_path_factory.mktemp("migrated"))
    yield
    if _MIGRATED_COPY.get("database", "").startswith("postgres"):
        _drop_postgres_database(_MIGRATED_COPY["database"])


@pytest.fixture(scope="session")
def migrated_copy(django_db_setup: None) -> str:
    """The migrated, still empty test database's copy (see `django_db_setup`); never written to."""
    return _MIGRATED_COPY["database"]


def _copy_migrated_database(folder: Path) -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = folder / "migrated.sqlite3"
        copy = sqlite3.connect(target)
        connection.connection.backup(copy)
        copy.close()
        return str(target)
    import psycopg

    db = connection.settings_dict
    server = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
    name = f"{db['NAME']}_migrated"
    connection.close()  # CREATE DATABASE … TEMPLATE needs the source without connections
    with psycopg.connect(server + "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{db["NAME"]}"')
    return server + name


def _drop_postgres_database(url: str) -> None:
    import psycopg

    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def build_world() -> World:
    region = OrganisationFactory(
        name="Приозёрная область", short_name="Приозёрная обл.", slug="region", kind=OrganisationKind.REGION
    )
    district = OrganisationFactory(
        name="Заречный район", short_name="Заречный р-н", slug="zarechny", kind=OrganisationKind.DISTRICT, parent=region
    )
    other_district = OrganisationFactory(
        name="Лесной район", short_name="Лесной р-н", slug="lesnoy", kind=OrganisationKind.DISTRICT, parent=region
    )
    school = OrganisationFactory(parent=district)
    other_school = OrganisationFactory(parent=other_district)
    people = {
        "region": make_person(region, Role.REGION_COORDINATOR, username="region"),
        "district": make_person(district, Role.DISTRICT_COORDINATOR, username="district"),
        "other_district": make_person(other_district, Role.DISTRICT_COORDINATOR, username="other_district"),
        "director": make_person(school, Role.DIRECTOR, username="director"),
        "curator": make_person(school, Role.CURATOR, username="curator"),
        "working_group": make_person(school, Role.WORKING_GROUP, username="working_group"),
        "teacher": make_person(school, Role.TEACHER, username="teacher", experience_years=3),
        "mentor": make_person(school, Role.TEACHER, username="mentor", experience_years=12),
        "mentee": make_person(school, Role.STUDENT, username="mentee", grade=7),
        "parent": make_person(school, Role.PARENT, username="parent"),
        "other_curator": make_person(other_school, Role.CURATOR, username="other_curator"),
        "other_student": make_person(other_school, Role.STUDENT),
    }
    GuardianLink.objects.create(guardian=people["parent"], child=people["mentee"], relation="мать")
    User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    programme = make_programme(school)
    other_programme = make_programme(other_school)
    return World(
        region=region,
        district=district,
        other_district=other_district,
        school=school,
        other_school=other_school,
        programme=programme,
        other_programme=other_programme,
        people=people,
        mentor_entry=make_mentor_entry(people["mentor"], programme, capacity=2),
        mentee_entry=make_mentee_entry(people["mentee"], programme),
        other_mentee_entry=make_mentee_entry(people["other_student"], other_programme),
    )
