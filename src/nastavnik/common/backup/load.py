"""Restoring a backup: verify everything first, then replace all rows in one transaction.

Order: the archive's hashes, the migration state, «is there data already», then the files are
unpacked (and hashed again) into a staging folder beside MEDIA_ROOT. Only then the rows: every
table of the installation is emptied and refilled from the archive inside one transaction —
including the reference rows `migrate` seeded (content types, permissions, catalogues), which the
archive carries in the state the source had them, with the same primary keys — the row counts and
foreign keys are checked, and the staging folder takes MEDIA_ROOT's place before the commit. Any
refusal or failure before that point leaves the database and the files as they were.
"""

from __future__ import annotations

import hashlib
import io
import json
import operator
import os
import shutil
import zipfile
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.db import DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model, Q
from django.utils import timezone

from nastavnik.common.backup.archive import (
    CHUNK,
    FILES_DIR,
    ArchiveError,
    Manifest,
    Table,
    file_member,
    open_archive,
    safe_relative,
    verify,
)
from nastavnik.common.backup.dump import BATCH, applied_migrations, stored_models


@dataclass
class Restored:
    manifest: Manifest
    replaced_files: Path | None  # where the installation's previous files were moved (--force)


def restore(path: Path, *, force: bool = False, alias: str = "default") -> Restored:
    with open_archive(path) as archive:
        manifest = verify(archive)
        check_migrations(manifest, alias)
        models = resolve_models(manifest, alias)
        media = Path(settings.MEDIA_ROOT)
        found = existing_data(alias, media)
        if found and not force:
            raise ArchiveError(
                "в этой установке уже есть данные ("
                + "; ".join(found)
                + "): восстановление заменит их все — повторите с --force, если это и нужно"
            )
        staging = stage_files(archive, manifest, media)
        try:
            with transaction.atomic(using=alias):
                load_rows(archive, manifest, models, alias)
                replaced = swap_media(staging, media)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Restored(manifest, replaced)


def check_migrations(manifest: Manifest, alias: str) -> None:
    if not MigrationRecorder(connections[alias]).has_table():
        raise ArchiveError("база данных не подготовлена: сначала выполните «nastavnik migrate»")
    here = {(app, name) for app, names in applied_migrations(alias).items() for name in names}
    there = {(app, name) for app, names in manifest.migrations.items() for name in names}
    problems = []
    if there - here:
        problems.append("в архиве есть, а здесь не применены: " + _names(there - here))
    if here - there:
        problems.append("здесь применены, а в архиве их нет: " + _names(here - there))
    if problems:
        raise ArchiveError("состояние миграций не совпадает с архивом — " + "; ".join(problems))


def _names(migrations: set[tuple[str, str]], limit: int = 5) -> str:
    listed = [f"{app}.{name}" for app, name in sorted(migrations)]
    more = f" и ещё {len(listed) - limit}" if len(listed) > limit else ""
    return ", ".join(listed[:limit]) + more


def resolve_models(manifest: Manifest, alias: str) -> dict[str, type[Model]]:
    available = {model._meta.label: model for model in stored_models(alias)}
    missing = [t.label for t in manifest.tables if t.label not in available]
    if missing:
        raise ArchiveError(f"в архиве есть таблица {missing[0]}, которой нет в этой установке")
    return {t.label: available[t.label] for t in manifest.tables}


def existing_data(alias: str, media: Path) -> list[str]:
    """What makes an installation «not empty»: accounts, rows made by someone, uploaded files.

    `migrate` itself fills content types, permissions and the reference catalogues (some of which
    have an empty «created by» link), but never creates an account or a row that points to one;
    a school's data does: it is entered by signed-in users, and the change history of people,
    organisations and programmes names them.
    """
    user = get_user_model()
    found = []
    for model in stored_models(alias):
        rows = model._base_manager.using(alias).all()
        if model is not user:
            links = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is user]
            if not links:
                continue
            rows = rows.filter(reduce(operator.or_, (Q(**{f"{name}__isnull": False}) for name in links)))
        count = rows.count()
        if count:
            found.append(f"{model._meta.label}: {count}")
    files = sum(1 for p in media.rglob("*") if p.is_file()) if media.is_dir() else 0
    if files:
        found.append(f"файлов в {media}: {files}")
    return found


def stage_files(archive: zipfile.ZipFile, manifest: Manifest, media: Path) -> Path:
    staging = media.parent / f".{media.name}.restore-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for relative in sorted(manifest.files):
            member = file_member(relative)
            target = staging / safe_relative(member, FILES_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            with archive.open(member) as source, target.open("wb") as sink:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    sink.write(chunk)
            if digest.hexdigest() != manifest.members[member]:
                raise ArchiveError(f"архив повреждён: не совпадает контрольная сумма «{member}»")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def load_rows(archive: zipfile.ZipFile, manifest: Manifest, models: dict[str, type[Model]], alias: str) -> None:
    connection = connections[alias]
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))
    for table in manifest.tables:
        _load_table(archive, table, models[table.label], alias)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
            cursor.execute(statement)
    for table in manifest.tables:
        count = models[table.label]._base_manager.using(alias).count()
        if count != table.rows:
            raise ArchiveError(f"таблица {table.label}: загружено {count} строк вместо {table.rows}")
    try:
        connection.check_constraints(table_names=[t.db_table for t in manifest.tables])
    except DatabaseError as error:
        raise ArchiveError(f"данные архива нарушают связи между таблицами: {error}") from error


def _load_table(archive: zipfile.ZipFile, table: Table, model: type[Model], alias: str) -> None:
    try:
        with archive.open(table.member) as raw:
            batch: list[dict[str, Any]] = []
            for line in io.TextIOWrapper(raw, encoding="utf-8"):
                batch.append(json.loads(line))
                if len(batch) == BATCH:
                    _insert(model, batch, alias)
                    batch = []
            _insert(model, batch, alias)
    except (DatabaseError, DeserializationError, ValueError, KeyError) as error:
        raise ArchiveError(f"не удалось загрузить таблицу {table.label}: {error}") from error


def _insert(model: type[Model], batch: list[dict[str, Any]], alias: str) -> None:
    if not batch:
        return
    objects = [item.object for item in PythonDeserializer(batch, using=alias)]
    fields = list(model._meta.concrete_fields)
    size = connections[alias].ops.bulk_batch_size(fields, objects) or len(objects)
    # QuerySet._insert(raw=True) is what Model.save_base(raw=True) — loaddata's path — calls: unlike
    # bulk_create it leaves auto_now fields with the archive's values. It is not in the type stubs.
    insert = cast(Any, model._base_manager.using(alias))._insert
    for start in range(0, len(objects), size):
        insert(objects[start : start + size], fields=fields, using=alias, raw=True)


def swap_media(staging: Path, media: Path) -> Path | None:
    """Put the restored files in MEDIA_ROOT's place; the previous files are kept aside, not deleted."""
    replaced = None
    if media.exists():
        if any(p.is_file() for p in media.rglob("*")):
            replaced = media.with_name(f"{media.name}.before-restore-{timezone.now():%Y%m%d-%H%M%S}")
            media.rename(replaced)
        else:
            shutil.rmtree(media)
    staging.rename(media)
    return replaced
