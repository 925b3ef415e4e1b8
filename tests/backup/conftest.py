"""Separate installations for backup and restore: each is a database plus its own media folder.

A migrated SQLite file and a migrated PostgreSQL template are made once per session (migrate is
the slow part); every installation a test asks for is a copy of one of them, so it is exactly
what `nastavnik migrate` leaves. The template of the tests' own engine is the copy of the test
database taken right after pytest-django migrated it (`migrated_copy`); only the other engine's
template is migrated here, by `nastavnik migrate` in a subprocess. The commands run in
subprocesses with that installation's DATABASE_URL / SQLITE_PATH and MEDIA_ROOT, as an
administrator runs them; row counts are read straight from the installation's database.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.apps import apps

PG_SERVER = "postgres://nastavnik:nastavnik@127.0.0.1:5432/"


@dataclass
class Installation:
    name: str
    database: str  # a SQLite path or a PostgreSQL URL
    root: Path

    @property
    def media(self) -> Path:
        return self.root / "media"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH", "MEDIA_ROOT")}
        env["NASTAVNIK_VAR"] = str(self.root / "var")
        env["MEDIA_ROOT"] = str(self.media)
        env["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings"
        if self.database.startswith("postgres"):
            env["DATABASE_URL"] = self.database
        else:
            env["SQLITE_PATH"] = self.database
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "nastavnik", *args], capture_output=True, text=True, env=self.env(), timeout=900
        )

    def counts(self) -> dict[str, int]:
        """Rows per table of every model whose table exists here (as `stored_models` lists them)."""
        if self.database.startswith("postgres"):
            with psycopg.connect(self.database) as connection:
                return _counts(connection, POSTGRES_TABLES)
        with closing(sqlite3.connect(self.database)) as connection:
            return _counts(connection, SQLITE_TABLES)

    def files(self) -> dict[str, str]:
        return file_hashes(self.media)


POSTGRES_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def _counts(connection: Any, tables_query: str) -> dict[str, int]:
    existing = {row[0] for row in connection.execute(tables_query).fetchall()}
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]
    return {
        model._meta.label: connection.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"').fetchone()[0]
        for model in models
    }


def file_hashes(media: Path) -> dict[str, str]:
    if not media.is_dir():
        return {}
    return {
        p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }


def _pg_server() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] + "/" if url.startswith("postgres") else PG_SERVER


def _admin(sql: str) -> None:
    with psycopg.connect(_pg_server() + "postgres", autocommit=True) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def installations(
    tmp_path_factory: pytest.TempPathFactory, migrated_copy: str
) -> Iterator[Callable[[str], Installation]]:
    """`make("sqlite")` / `make("postgres")`: a fresh, migrated installation with no data."""
    base = tmp_path_factory.mktemp("installations")
    prefix = f"nastavnik_backup_{os.getpid()}"
    made: list[str] = []
    templates: dict[str, Installation] = {}
    numbers = itertools.count(1)

    def template(kind: str) -> Installation:
        if kind not in templates and migrated_copy.startswith("postgres") == (kind == "postgres"):
            templates[kind] = Installation(f"{kind}-template", migrated_copy, base / f"{kind}-template")
        if kind not in templates:
            if kind == "postgres":
                try:
                    _admin(f"CREATE DATABASE {prefix}_template")
                except psycopg.OperationalError as error:
                    pytest.skip(f"PostgreSQL is not available: {error}")
                made.append(f"{prefix}_template")
                database = _pg_server() + f"{prefix}_template"
            else:
                database = str(base / "template.sqlite3")
            installation = Installation(f"{kind}-template", database, base / f"{kind}-template")
            done = installation.run("migrate", "--no-input", "-v", "0")
            assert done.returncode == 0, done.stderr
            templates[kind] = installation
        return templates[kind]

    def make(kind: str) -> Installation:
        source = template(kind)
        name = f"{kind}{next(numbers)}"
        if kind == "postgres":
            _admin(f"CREATE DATABASE {prefix}_{name} TEMPLATE {source.database.rsplit('/', 1)[1]}")
            made.append(f"{prefix}_{name}")
            return Installation(name, _pg_server() + f"{prefix}_{name}", base / name)
        shutil.copyfile(source.database, base / f"{name}.sqlite3")
        return Installation(name, str(base / f"{name}.sqlite3"), base / name)

    # Both templates now, before the test's own database: one migration state for all of them.
    template("sqlite")
    template("postgres")
    yield make
    for database in reversed(made):
        _admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
