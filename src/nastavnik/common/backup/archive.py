"""The backup archive: a zip with a manifest, per-model JSON Lines and the uploaded files.

Layout::

    manifest.json                 format name and version, migration state, rows per table,
                                  SHA-256 of every other member
    data/<app>.<Model>.jsonl      one Django-serialized row per line (pk kept, no natural keys)
    files/<path under MEDIA_ROOT> the uploaded and generated files, byte for byte

Zip rather than tar.gz: members can be read one at a time without unpacking the rest, and
every member carries its own CRC besides the manifest's hash.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "nastavnik-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
FILES_DIR = "files/"
CHUNK = 1 << 20


class ArchiveError(Exception):
    """A refusal with a Russian message for the user; nothing has been changed."""


@dataclass
class Table:
    label: str
    db_table: str
    rows: int

    @property
    def member(self) -> str:
        return f"{DATA_DIR}{self.label}.jsonl"


@dataclass
class Manifest:
    created: str
    database: str
    migrations: dict[str, list[str]]
    tables: list[Table] = field(default_factory=list)
    files: dict[str, int] = field(default_factory=dict)  # path under MEDIA_ROOT → size in bytes
    members: dict[str, str] = field(default_factory=dict)  # member → SHA-256

    def to_json(self) -> str:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "created": self.created,
            "database": self.database,
            "migrations": self.migrations,
            "tables": [{"label": t.label, "db_table": t.db_table, "rows": t.rows} for t in self.tables],
            "files": self.files,
            "members": self.members,
        }
        return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)

    @property
    def total_rows(self) -> int:
        return sum(t.rows for t in self.tables)


class HashingWriter:
    """A write-only stream into a zip member that hashes what passes through it."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.size += len(data)
        self.target.write(data)


def file_member(relative: str) -> str:
    return FILES_DIR + relative


def safe_relative(member: str, prefix: str) -> str:
    """The path after the prefix, refusing absolute paths and «..» (a crafted archive)."""
    relative = member[len(prefix) :]
    parts = PurePosixPath(relative).parts
    if not relative or relative.startswith("/") or ".." in parts or "\\" in relative:
        raise ArchiveError(f"недопустимое имя файла в архиве: «{member}»")
    return relative


def open_archive(path: Path) -> zipfile.ZipFile:
    if not path.is_file():
        raise ArchiveError(f"файл «{path}» не найден")
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(f"«{path.name}» — не архив резервной копии или он повреждён ({error})") from error


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    if MANIFEST not in archive.namelist():
        raise ArchiveError("это не резервная копия «Наставника»: в архиве нет manifest.json")
    try:
        document = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (zipfile.BadZipFile, zlib.error, OSError, UnicodeDecodeError, ValueError) as error:
        raise ArchiveError(f"manifest.json повреждён ({error})") from error
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError("это не резервная копия «Наставника»: неизвестный формат в manifest.json")
    if document.get("version") != VERSION:
        raise ArchiveError(f"версия формата {document.get('version')!r} не поддерживается (нужна {VERSION})")
    try:
        return _manifest(document)
    except (KeyError, TypeError, ValueError) as error:
        raise ArchiveError(f"manifest.json повреждён: нет или неверно поле {error}") from error


def _manifest(document: dict[str, Any]) -> Manifest:
    tables = [Table(str(t["label"]), str(t["db_table"]), int(t["rows"])) for t in document["tables"]]
    files = {str(k): int(v) for k, v in document["files"].items()}
    members = {str(k): str(v) for k, v in document["members"].items()}
    migrations = {str(app): [str(n) for n in names] for app, names in document["migrations"].items()}
    return Manifest(str(document["created"]), str(document["database"]), migrations, tables, files, members)


def verify(archive: zipfile.ZipFile) -> Manifest:
    """Check the manifest and the hash of every member before anything is changed."""
    manifest = read_manifest(archive)
    present = set(archive.namelist()) - {MANIFEST}
    listed = set(manifest.members)
    if present - listed:
        raise ArchiveError(f"в архиве есть лишний файл «{sorted(present - listed)[0]}», не указанный в manifest.json")
    if listed - present:
        raise ArchiveError(f"в архиве нет файла «{sorted(listed - present)[0]}», указанного в manifest.json")
    needed = {t.member for t in manifest.tables} | {file_member(p) for p in manifest.files}
    if needed - listed:
        raise ArchiveError(f"manifest.json ссылается на отсутствующий файл «{sorted(needed - listed)[0]}»")
    for member in sorted(listed):
        if member.startswith(FILES_DIR):
            safe_relative(member, FILES_DIR)
        if member_hash(archive, member) != manifest.members[member]:
            raise ArchiveError(f"архив повреждён: не совпадает контрольная сумма «{member}»")
    return manifest


def member_hash(archive: zipfile.ZipFile, member: str) -> str:
    digest = hashlib.sha256()
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        raise ArchiveError(f"архив повреждён: не читается «{member}» ({error})") from error
    return digest.hexdigest()
