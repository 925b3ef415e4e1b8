"""Writing a backup: every table's rows from one consistent snapshot, then the uploaded files.

The rows are read inside one read transaction — REPEATABLE READ on PostgreSQL, a deferred
read transaction on SQLite (WAL keeps its snapshot while the site goes on writing) — so the
archive is a state the database really had. The files are walked after the rows: an upload is
stored before the row that names it is committed, so every file the snapshot refers to exists.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from nastavnik.common.backup.archive import (
    CHUNK,
    MANIFEST,
    HashingWriter,
    Manifest,
    Table,
    file_member,
)

BATCH = 1000


class RowSerializer(PythonSerializer):
    """Django's own field conversion, minus many-to-many lists: through tables are written as tables."""

    def handle_m2m_field(self, obj: Model, field: Any) -> None:
        return None


def _json_default(value: object) -> str:
    # Full precision: DjangoJSONEncoder would cut datetimes to milliseconds.
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not serializable")


def dump_row(row: dict[str, Any]) -> bytes:
    # Sorted keys: a JSON column read back from PostgreSQL (jsonb reorders keys) dumps the same bytes.
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_json_default)
    return text.encode() + b"\n"


def stored_models(alias: str) -> list[type[Model]]:
    """Every model whose table exists in this database, many-to-many through tables included."""
    existing = set(connections[alias].introspection.table_names())
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in existing
    ]


def applied_migrations(alias: str) -> dict[str, list[str]]:
    state: dict[str, list[str]] = defaultdict(list)
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        state[app].append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


@contextmanager
def snapshot(alias: str) -> Iterator[None]:
    """One read transaction for the whole dump (or the caller's, when already inside one)."""
    connection = connections[alias]
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "sqlite":
        # Not transaction.atomic(): the project opens SQLite transactions IMMEDIATE, which
        # would hold the write lock and stall the running site for the whole dump.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def write_backup(out: Path, alias: str = "default") -> Manifest:
    """Write the archive to `out` atomically (a partial file never takes its name)."""
    part = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            manifest = _write_rows(archive, alias)
            _write_files(archive, Path(settings.MEDIA_ROOT), manifest, skip={part.resolve()})
            archive.writestr(MANIFEST, manifest.to_json())
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return manifest


def _write_rows(archive: zipfile.ZipFile, alias: str) -> Manifest:
    with snapshot(alias):
        manifest = Manifest(
            created=timezone.now().isoformat(),
            database=connections[alias].vendor,
            migrations=applied_migrations(alias),
        )
        for model in stored_models(alias):
            manifest.tables.append(_write_table(archive, model, alias, manifest.members))
    return manifest


def _write_table(archive: zipfile.ZipFile, model: type[Model], alias: str, members: dict[str, str]) -> Table:
    table = Table(model._meta.label, model._meta.db_table, 0)
    rows = model._base_manager.using(alias).order_by("pk").iterator(chunk_size=BATCH)
    with archive.open(table.member, "w", force_zip64=True) as stream:
        writer = HashingWriter(stream)
        batch: list[Model] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                table.rows += _write_batch(writer, batch)
                batch = []
        table.rows += _write_batch(writer, batch)
    members[table.member] = writer.digest.hexdigest()
    return table


def _write_batch(writer: HashingWriter, batch: list[Model]) -> int:
    if batch:
        writer.write(b"".join(dump_row(row) for row in RowSerializer().serialize(batch)))
    return len(batch)


def _write_files(archive: zipfile.ZipFile, media: Path, manifest: Manifest, skip: set[Path]) -> None:
    if not media.is_dir():
        return
    for path in sorted(media.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.resolve() in skip:
            continue
        relative = path.relative_to(media).as_posix()
        member = file_member(relative)
        try:
            with path.open("rb") as source, archive.open(member, "w", force_zip64=True) as stream:
                writer = HashingWriter(stream)
                shutil.copyfileobj(source, writer, CHUNK)
        except FileNotFoundError:
            continue  # deleted while we walked: no row of the snapshot can need it
        manifest.members[member] = writer.digest.hexdigest()
        manifest.files[relative] = writer.size
