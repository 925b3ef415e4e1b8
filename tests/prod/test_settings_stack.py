"""REDIS_URL moves the cache and the job queue to Redis; without it the one-machine defaults stay."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRINT = (
    "from django.conf import settings; from huey.contrib.djhuey import HUEY; "
    "print(settings.CACHES['default']['BACKEND']); print(type(HUEY).__name__); "
    "print(type(HUEY.storage).__name__)"
)


def _settings_seen(**environment: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "PYTEST_VERSION", "HUEY_IMMEDIATE"}}
    env.update(environment, DJANGO_SETTINGS_MODULE="nastavnik.settings")
    code = f"import django; django.setup(); {PRINT}"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_redis_the_queue_is_a_sqlite_file_and_the_cache_is_in_memory(tmp_path: Path) -> None:
    seen = _settings_seen(HUEY_FILE=f"{tmp_path}/huey.sqlite3")
    assert seen == ["django.core.cache.backends.locmem.LocMemCache", "SqliteHuey", "SqliteStorage"]


def test_with_redis_url_the_cache_and_the_queue_use_redis() -> None:
    seen = _settings_seen(REDIS_URL="redis://127.0.0.1:6399/3")
    assert seen == ["django.core.cache.backends.redis.RedisCache", "RedisHuey", "RedisStorage"]
