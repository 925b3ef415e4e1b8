"""The gunicorn settings of deploy/gunicorn.conf.py: what the master does before forking workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"

READY = (
    "import gc, runpy, sys, django; django.setup(); conf = runpy.run_path(sys.argv[1]); "
    "before = gc.get_freeze_count(); conf['when_ready'](None); "
    "print(before, gc.get_freeze_count(), 'nastavnik.pairs.views' in sys.modules, "
    "conf['worker_class'], conf['keepalive'], conf['worker_connections'] == conf['threads'])"
)


def test_the_master_imports_the_views_and_freezes_them_before_the_workers_fork() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    env["DJANGO_SETTINGS_MODULE"] = "nastavnik.settings"
    result = subprocess.run(
        [sys.executable, "-c", READY, str(CONF)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    before, after, views_imported, worker_class, keepalive, one_connection_a_thread = result.stdout.split()
    # Nothing was frozen before; afterwards the imported code (about 225 000 objects) is
    # out of the collector's reach in this process and in every worker forked from it.
    assert int(before) == 0
    assert int(after) > 50_000
    assert views_imported == "True"
    # Threads, no keep-alive, and no more connections in a worker than it has threads: a request
    # waits in the shared listening queue, not in a worker busy with a slow page.
    assert (worker_class, keepalive, one_connection_a_thread) == ("gthread", "0", "True")
