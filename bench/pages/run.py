"""Server time and query count of the main list pages on a region-sized database.

Usage:
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik migrate -v0
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik demo-data --scale region
    SQLITE_PATH=var/region.sqlite3 .venv/bin/python bench/pages/run.py [--repeat 30]

Requests go through Django's test client (no network), so the figures are server time:
URL resolution, access scoping, queries and template rendering. Target: p95 < 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

PAGES = [
    ("/", "главная"),
    ("/people/", "люди"),
    ("/people/?q=Иван", "люди: поиск"),
    ("/people/?page=50", "люди: стр. 50"),
    ("/bases/mentees/", "база наставляемых"),
    ("/bases/mentees/?status=waiting&grade=7", "наставляемые: фильтр"),
    ("/bases/mentors/", "база наставников"),
    ("/orgs/", "организации"),
]
USERS = ["region", "district", "curator"]


def measure(client: Client, url: str, repeat: int) -> tuple[list[float], int, int]:
    times = []
    queries = 0
    status = 0
    for _ in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        status = response.status_code
        queries = len(connection.queries)
    return times, queries, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"database: {settings.DATABASES['default']['NAME']}")
    from nastavnik.people.models import Person

    print(f"people in the database: {Person.objects.count()}")
    print(f"{'user':10} {'page':28} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
        for username in USERS:
            client = Client()
            from django.contrib.auth.models import User

            client.force_login(User.objects.get(username=username))
            for url, label in PAGES:
                client.get(url)  # warm-up
                times, queries, status = measure(client, url, args.repeat)
                p95 = statistics.quantiles(times, n=20)[-1]
                print(
                    f"{username:10} {label:28} {status:>6} {queries:>7} {statistics.median(times):>10.1f} {p95:>8.1f}"
                )


if __name__ == "__main__":
    main()
