"""Run the load mix at several user counts against a running stack and print the figures as Markdown.

Usage (the stack from deploy/run-prod on the region-sized database, plan from prepare.py):
    .venv/bin/python bench/load/run.py --host http://127.0.0.1:8000 --database nastavnik_load \
        [--users 25,50,100,200] [--seconds 60]

For each user count: one headless locust run (users started at 10 per second), then requests per
second, p50/p95/p99 and errors per page kind from locust's CSV, the most PostgreSQL connections
to the database seen during the run (sampled every second) and the machine's load average.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("NASTAVNIK_VAR", "var")) / "load"


def _connections(dsn: str, database: str, stop: threading.Event, seen: list[int]) -> None:
    with psycopg.connect(dsn, autocommit=True) as connection:
        while not stop.wait(1.0):
            row = connection.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database]).fetchone()
            seen.append(int(row[0]) if row else 0)


def run_once(host: str, users: int, seconds: int, dsn: str, database: str) -> tuple[list[dict[str, str]], int, str]:
    prefix = OUT / f"u{users}"
    stop, seen = threading.Event(), [0]
    sampler = threading.Thread(target=_connections, args=(dsn, database, stop, seen), daemon=True)
    sampler.start()
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        "10",
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
    stop.set()
    sampler.join(timeout=5)
    load = Path("/proc/loadavg").read_text().split()[0]
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return rows, max(seen), load


def table(users: int, rows: list[dict[str, str]], connections: int, load: str) -> str:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    lines = [
        f"### {users} users: {float(total['Requests/s']):.1f} requests/s, "
        f"errors {failures}/{requests} ({100 * failures / max(requests, 1):.2f} %), "
        f"PostgreSQL connections up to {connections}, load average {load}",
        "",
        "| page kind | requests | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for row in sorted((r for r in rows if r["Name"] != "Aggregated"), key=lambda r: r["Name"]):
        lines.append(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} |"
        )
    lines.append(f"| **all** | {requests} | {failures} | {total['50%']} | {total['95%']} | {total['99%']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="http://127.0.0.1:8000")
    parser.add_argument("--database", required=True, help="database name, for the connection count")
    parser.add_argument("--dsn", default=os.environ.get("DATABASE_URL", ""), help="any DSN of that server")
    parser.add_argument("--users", default="25,50,100,200")
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for users in (int(value) for value in args.users.split(",")):
        started = time.strftime("%H:%M:%S")
        rows, connections, load = run_once(args.host, users, args.seconds, args.dsn, args.database)
        print(f"<!-- started {started}, {args.seconds} s -->")
        print(table(users, rows, connections, load), flush=True)


if __name__ == "__main__":
    main()
