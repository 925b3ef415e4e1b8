"""`nastavnik backup` / `nastavnik restore` between SQLite and PostgreSQL: rows and files arrive whole.

A small world (organisations, people, a working pair, a meeting with an attachment) is written
in this test's database and backed up; the archive then travels SQLite → SQLite, SQLite →
PostgreSQL and PostgreSQL → SQLite through fresh installations, each compared with the source by
row count per table and SHA-256 per file.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.core.management import call_command

from nastavnik.common.backup.dump import stored_models
from nastavnik.diary.models import MeetingAttachment
from tests.backup.conftest import Installation, file_hashes
from tests.conftest import World
from tests.pairs.matrix_diary import meeting_of

ATTACHMENT = "План встречи: задачи 1–3.\n".encode() * 50


def make_content(world: World) -> None:
    meeting = meeting_of(world, notes="Договорились решить три задачи к пятнице.")
    attachment = MeetingAttachment(meeting=meeting, name="план.txt", size=len(ATTACHMENT))
    attachment.file.save("план.txt", ContentFile(ATTACHMENT), save=True)


def source_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in stored_models("default")}


def data_hashes(archive: Path) -> dict[str, str]:
    """The SHA-256 of each table's rows as the manifest records them (content, not just counts)."""
    with zipfile.ZipFile(archive) as opened:
        manifest: dict[str, Any] = json.loads(opened.read("manifest.json"))
    return {name: digest for name, digest in manifest["members"].items() if name.startswith("data/")}


def restore_into(target: Installation, archive: Path, counts: dict[str, int], files: dict[str, str]) -> None:
    done = target.run("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Восстановлено из" in done.stdout
    assert target.counts() == counts
    assert target.files() == files


def backup_of(source: Installation, archive: Path) -> None:
    done = source.run("backup", "--out", str(archive))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Резервная копия записана:")


def test_a_backup_travels_between_sqlite_and_postgresql_with_every_row_and_file(
    installations: Callable[[str], Installation], world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "source-media"
    make_content(world)
    counts, files = source_counts(), file_hashes(tmp_path / "source-media")
    assert counts["diary.MeetingAttachment"] == 1 and counts["diary.HistoricalPairMeeting"] >= 1
    assert list(files) == [f"meetings/2026/12/{MeetingAttachment.objects.get().file.name.rsplit('/', 1)[1]}"]
    first = tmp_path / "first.zip"
    call_command("backup", out=str(first), stdout=io.StringIO())

    sqlite_one = installations("sqlite")
    restore_into(sqlite_one, first, counts, files)
    from_sqlite = tmp_path / "from-sqlite.zip"
    backup_of(sqlite_one, from_sqlite)

    restore_into(installations("sqlite"), from_sqlite, counts, files)  # SQLite → SQLite
    postgres = installations("postgres")
    restore_into(postgres, from_sqlite, counts, files)  # SQLite → PostgreSQL
    from_postgres = tmp_path / "from-postgres.zip"
    backup_of(postgres, from_postgres)
    sqlite_back = installations("sqlite")
    restore_into(sqlite_back, from_postgres, counts, files)  # PostgreSQL → SQLite

    # Content, not only counts: after the trip through PostgreSQL every table dumps the same bytes.
    back_again = tmp_path / "back-again.zip"
    backup_of(sqlite_back, back_again)
    assert data_hashes(back_again) == data_hashes(from_sqlite)


def test_force_replaces_the_data_of_an_installation_and_keeps_its_old_files_aside(
    installations: Callable[[str], Installation], world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "source-media"
    make_content(world)
    archive = tmp_path / "world.zip"
    call_command("backup", out=str(archive), stdout=io.StringIO())
    empty = installations("sqlite")
    empty_archive = tmp_path / "empty.zip"
    backup_of(empty, empty_archive)
    empty_counts = empty.counts()

    target = installations("sqlite")
    assert target.run("restore", str(archive)).returncode == 0
    with_data, files = target.counts(), target.files()

    refused = target.run("restore", str(empty_archive))
    assert refused.returncode == 2
    assert "уже есть данные" in refused.stderr and "--force" in refused.stderr
    assert "auth.User: " in refused.stderr
    assert (target.counts(), target.files()) == (with_data, files)

    forced = target.run("restore", str(empty_archive), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.counts() == empty_counts and empty_counts["auth.User"] == 0
    assert target.files() == {}
    aside = next(target.root.glob("media.before-restore-*"))
    assert file_hashes(aside) == files
