"""Live progress of a background import job, readable by the web process while the job's transaction is open.

The save of a batch is one database transaction (all or nothing), so its progress cannot be a
column of the batch: the row would only change at the end, and on SQLite the worker holds the
database's write lock for the whole save, so no other connection could write it either. The
process-local cache (LocMem) is no good: the huey worker is another process than the web server.

So the progress lives next to the database, outside it:
- by default, a small JSON file per job under `VAR_DIR/import-progress/` (the embedded setup runs
  the web server and the huey worker on one machine with one var/), written atomically (a temp file
  renamed over the old one), so a reader sees the previous or the new state, never half of it;
- when the cache is shared between processes and machines (REDIS_URL set, so the Django cache is
  Redis), in that cache, as every web server and worker can reach it.

Only a percentage and a short message are kept, never personal data; the entry is dropped when the
job ends (the batch row then holds the final state).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "imports:progress:{}"
# A job that died without cleaning up does not leave its progress in the cache for ever.
CACHE_SECONDS = 24 * 3600


class Store(Protocol):
    def write(self, batch_id: int, percent: int, message: str) -> None: ...

    def read(self, batch_id: int) -> tuple[int, str] | None: ...

    def clear(self, batch_id: int) -> None: ...


class FileStore:
    """One file per job under var/: shared by the processes of one machine."""

    def folder(self) -> Path:
        return Path(settings.VAR_DIR) / "import-progress"

    def path(self, batch_id: int) -> Path:
        return self.folder() / f"{int(batch_id)}.json"

    def write(self, batch_id: int, percent: int, message: str) -> None:
        folder = self.folder()
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{int(batch_id)}-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"percent": percent, "message": message}, stream, ensure_ascii=False)
        os.replace(temporary, self.path(batch_id))

    def read(self, batch_id: int) -> tuple[int, str] | None:
        try:
            data = json.loads(self.path(batch_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return _entry(data)

    def clear(self, batch_id: int) -> None:
        self.path(batch_id).unlink(missing_ok=True)


class CacheStore:
    """The Django cache: right when it is shared (Redis), useless when it is per process (LocMem)."""

    def write(self, batch_id: int, percent: int, message: str) -> None:
        cache.set(CACHE_KEY.format(int(batch_id)), {"percent": percent, "message": message}, CACHE_SECONDS)

    def read(self, batch_id: int) -> tuple[int, str] | None:
        return _entry(cache.get(CACHE_KEY.format(int(batch_id))))

    def clear(self, batch_id: int) -> None:
        cache.delete(CACHE_KEY.format(int(batch_id)))


def _entry(data: Any) -> tuple[int, str] | None:
    if not isinstance(data, dict) or not isinstance(data.get("percent"), int):
        return None
    return max(0, min(100, data["percent"])), str(data.get("message", ""))[:300]


def store() -> Store:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", "")).lower()
    return CacheStore() if "redis" in backend else FileStore()


class Reporter:
    """What a job calls as it goes: a stage spans a range of percents; `step` moves inside it.

    Writes are thinned out to whole-percent changes, so a 49 000-row job writes about a hundred times.
    """

    def __init__(self, batch_id: int, target: Store | None = None) -> None:
        self.batch_id = batch_id
        self.target = target or store()
        self.low, self.high, self.message = 0, 100, ""
        self.last = -1

    def stage(self, low: int, high: int, message: str) -> None:
        self.low, self.high, self.message = low, high, message
        self.last = -1
        self.step(0, 1)

    def step(self, done: int, total: int) -> None:
        fraction = min(1.0, done / total) if total > 0 else 1.0
        percent = self.low + int((self.high - self.low) * fraction)
        if percent != self.last:
            self.last = percent
            self.target.write(self.batch_id, percent, self.message)

    def done(self) -> None:
        self.target.clear(self.batch_id)
