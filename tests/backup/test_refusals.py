"""`nastavnik restore` refuses a damaged or foreign archive, another migration state and existing data.

Each refusal exits 2 with a Russian message naming what is wrong, and the installation keeps
every row and every file it had. `nastavnik backup` refuses an impossible --out the same way.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.backup.conftest import file_hashes
from tests.backup.test_round_trip import make_content, source_counts
from tests.conftest import World


@pytest.fixture
def archive(world: World, settings: Any, tmp_path: Path) -> Path:
    """A good archive of the world with one attachment; the installation keeps its data."""
    settings.MEDIA_ROOT = tmp_path / "media"
    make_content(world)
    path = tmp_path / "good.zip"
    call_command("backup", out=str(path), stdout=io.StringIO())
    return path


def _refused(path: Path, *args: str) -> str:
    """Run restore on the installation that has data; return the message of its exit 2."""
    before = (source_counts(), file_hashes(Path(_media())))
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), *args, stdout=io.StringIO())
    assert error.value.returncode == 2
    assert (source_counts(), file_hashes(Path(_media()))) == before
    return str(error.value)


def _media() -> str:
    from django.conf import settings

    return str(settings.MEDIA_ROOT)


def _rewrite(source: Path, target: Path, change: Any) -> Path:
    """Copy an archive member by member, letting `change(name, data)` alter or drop one."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def test_a_flipped_byte_inside_a_member_is_refused(archive: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        info = max(opened.infolist(), key=lambda i: i.compress_size)
    data = bytearray(archive.read_bytes())
    # The member's bytes start after its local header (30 bytes, the name and the extra field).
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    position = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    data[position] ^= 0x01
    damaged = tmp_path / "flipped.zip"
    damaged.write_bytes(bytes(data))
    message = _refused(damaged)
    assert "архив повреждён" in message and info.filename in message
    assert "ничего не изменено" in message


def test_a_member_changed_and_rezipped_fails_its_manifest_hash(archive: Path, tmp_path: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != "data/diary.PairMeeting.jsonl":
            return data
        return data.replace("Договорились".encode(), "Передумали".encode())

    message = _refused(_rewrite(archive, tmp_path / "edited.zip", change))
    assert "не совпадает контрольная сумма «data/diary.PairMeeting.jsonl»" in message


def test_a_truncated_archive_is_refused(archive: Path, tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "не архив резервной копии или он повреждён" in _refused(truncated)


def test_a_foreign_zip_is_refused(archive: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as opened:
        opened.writestr("photo.jpg", b"\xff\xd8\xff")
    assert "это не резервная копия «Наставника»: в архиве нет manifest.json" in _refused(foreign)


def test_a_zip_with_another_programs_manifest_is_refused(archive: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "other.zip"
    with zipfile.ZipFile(foreign, "w") as opened:
        opened.writestr("manifest.json", json.dumps({"format": "other-backup", "version": 1}))
    assert "неизвестный формат" in _refused(foreign)


def test_a_file_that_is_not_a_zip_is_refused(archive: Path, tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("не архив", encoding="utf-8")
    assert "не архив резервной копии" in _refused(text)
    assert "не найден" in _refused(tmp_path / "missing.zip")


def test_an_archive_from_another_migration_state_names_the_difference(archive: Path, tmp_path: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["migrations"]["pairs"].append("9999_from_the_future")
        return json.dumps(manifest).encode()

    message = _refused(_rewrite(archive, tmp_path / "future.zip", change))
    assert "состояние миграций не совпадает" in message
    assert "в архиве есть, а здесь не применены: pairs.9999_from_the_future" in message


def test_an_extra_member_not_in_the_manifest_is_refused(archive: Path, tmp_path: Path) -> None:
    extended = _rewrite(archive, tmp_path / "extra.zip", lambda name, data: data)
    with zipfile.ZipFile(extended, "a") as opened:
        opened.writestr("files/../../etc/cron.d/evil", b"* * * * * root true\n")
    assert "лишний файл «files/../../etc/cron.d/evil»" in _refused(extended)


def test_existing_data_is_refused_without_force(archive: Path) -> None:
    message = _refused(archive)
    assert "в этой установке уже есть данные" in message and "--force" in message


def test_backup_into_a_missing_folder_exits_2_and_writes_nothing(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as error:
        call_command("backup", out=str(tmp_path / "no-such" / "a.zip"), stdout=io.StringIO())
    assert error.value.returncode == 2 and "не существует" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_backup_manifest_lists_every_table_with_its_rows_and_every_file(archive: Path) -> None:
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        names = set(opened.namelist())
    assert (manifest["format"], manifest["version"]) == ("nastavnik-backup", 1)
    rows = {t["label"]: t["rows"] for t in manifest["tables"]}
    assert rows == source_counts()
    assert "0001_initial" in manifest["migrations"]["diary"]
    assert names == {"manifest.json", *manifest["members"]}
    assert [name for name in names if name.startswith("files/")] == [f"files/{p}" for p in manifest["files"]]
