"""Benchmark: monitoring dashboards (organisation, district, region) cold and cached.

Usage (the region-sized database is built once, as for bench/pages):
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik migrate -v0
    SQLITE_PATH=var/region.sqlite3 .venv/bin/nastavnik demo-data --scale region
    SQLITE_PATH=var/region.sqlite3 .venv/bin/python bench/dashboard/run.py [--repeat 5] [--no-load]

The database is copied into a temporary folder first, so the shared file is never changed. The
region demo has bases but few pairs; unless `--no-load` is given the copy gets a year of
activity first: pairs for 70 % of the mentees of every programme (the three pairing schemes, every
state; every tenth mentor with a group of three), a meeting in most months of each working pair,
ratings of most meetings, satisfaction and mutual evaluations of completed pairs, and in every
organisation with pairs a named «before → after» survey answered by its mentees.

Requests go through Django's test client as the demo users region, district and curator:
«cold» clears the cache before each request (the dashboard is computed), «cached» repeats the
request with the cache filled. Targets (the monitoring issue): region dashboard under 2 s cold
and under 200 ms cached.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # bench/ for benchlib

import argparse
import datetime
import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

USERS = ["curator", "district", "region"]


def copy_database(source: Path, workdir: Path) -> Path:
    """A consistent copy (the WAL included) through SQLite's backup API."""
    target = workdir / "dashboard.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target


def add_load(seed: int) -> dict[str, int]:
    """A year of pairs, meetings, ratings, evaluations and surveys in the region's programmes."""
    from django.db import transaction
    from django.utils import timezone

    from nastavnik.bases.models import MenteeEntry, MentorEntry
    from nastavnik.diary.models import MeetingRating, PairEvaluation, PairMeeting
    from nastavnik.matching.models import Scheme
    from nastavnik.orgs.models import AcademicYear
    from nastavnik.pairs.models import Pair, PairMentee, PairStatus
    from nastavnik.surveys.models import Campaign, CampaignStatus, InstrumentVersion, Response

    rng = random.Random(seed)
    year = AcademicYear.current()
    today = timezone.localdate()
    start = year.starts_on
    taken = set(Pair.objects.values_list("programme_id", flat=True))
    mentors: dict[int, list[tuple[int, int | None, int]]] = defaultdict(list)
    for pk, programme, form, person in MentorEntry.objects.filter(programme__academic_year=year).values_list(
        "pk", "programme_id", "programme_form_id", "person_id"
    ):
        if programme not in taken:
            mentors[programme].append((pk, form, person))
    mentees: dict[int, list[tuple[int, int | None, int]]] = defaultdict(list)
    org_of: dict[int, int] = {}
    for pk, programme, form, person, org in MenteeEntry.objects.filter(programme__academic_year=year).values_list(
        "pk", "programme_id", "programme_form_id", "person_id", "programme__organisation_id"
    ):
        if programme not in taken:
            mentees[programme].append((pk, form, person))
            org_of[programme] = org
    statuses = [PairStatus.ACTIVE] * 10 + [PairStatus.COMPLETED] * 5 + [PairStatus.DISSOLVED] * 2
    statuses += [PairStatus.FIXED] * 2 + [PairStatus.PROPOSED]
    schemes = [Scheme.APPOINTMENT, Scheme.QUESTIONNAIRE, Scheme.GROUP_MEETING]
    pairs: list[Pair] = []
    members: list[list[tuple[int, int]]] = []
    for programme, people in mentees.items():
        if not mentors.get(programme):
            continue
        chosen = people[: int(len(people) * 0.7)]
        index = 0
        for n, (mentor, form, _) in enumerate(mentors[programme] * 20):
            if index >= len(chosen):
                break
            size = 3 if n % 10 == 0 else 1
            group = chosen[index : index + size]
            index += size
            status = rng.choice(statuses)
            confirmed = timezone.make_aware(
                datetime.datetime.combine(start + datetime.timedelta(rng.randint(5, 30)), datetime.time(10))
            )
            pair = Pair(
                programme_id=programme,
                programme_form_id=form,
                mentor_id=mentor,
                scheme=rng.choice(schemes),
                status=status,
                is_group=len(group) > 1,
                confirmed_at=None if status == PairStatus.PROPOSED else confirmed,
                started_on=confirmed.date() + datetime.timedelta(7)
                if status in {PairStatus.ACTIVE, PairStatus.COMPLETED}
                else None,
                completed_at=(
                    timezone.make_aware(
                        datetime.datetime.combine(today - datetime.timedelta(rng.randint(1, 20)), datetime.time(15))
                    )
                    if status == PairStatus.COMPLETED
                    else None
                ),
            )
            pairs.append(pair)
            members.append([(entry, person) for entry, _, person in group])
    counts: dict[str, int] = {}
    with transaction.atomic():
        Pair.objects.bulk_create(pairs, batch_size=2000)
        links: list[PairMentee] = []
        for pair, group in zip(pairs, members, strict=True):
            for entry, _ in group:
                links.append(
                    PairMentee(
                        pair=pair,
                        mentee_id=entry,
                        is_current=pair.status in {PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE},
                        satisfaction=rng.randint(3, 5) if pair.status == PairStatus.COMPLETED else None,
                    )
                )
        PairMentee.objects.bulk_create(links, batch_size=2000)
        meetings: list[PairMeeting] = []
        meeting_people: list[list[int]] = []
        for pair, group in zip(pairs, members, strict=True):
            if pair.started_on is None:
                continue
            end = pair.completed_at.date() if pair.completed_at else today
            day = pair.started_on
            while day <= end:
                if rng.random() < 0.85:
                    meetings.append(
                        PairMeeting(
                            pair=pair, held_on=min(day + datetime.timedelta(rng.randint(0, 20)), end), topic="Встреча"
                        )
                    )
                    meeting_people.append([person for _, person in group])
                day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        PairMeeting.objects.bulk_create(meetings, batch_size=2000)
        ratings = [
            MeetingRating(meeting=meeting, person_id=person, score=rng.randint(3, 5))
            for meeting, people in zip(meetings, meeting_people, strict=True)
            for person in people
            if rng.random() < 0.6
        ]
        MeetingRating.objects.bulk_create(ratings, batch_size=2000)
        mentor_person = dict(
            MentorEntry.objects.filter(pk__in={p.mentor_id for p in pairs}).values_list("pk", "person_id")
        )
        evaluations: list[PairEvaluation] = []
        for pair, group in zip(pairs, members, strict=True):
            if pair.status != PairStatus.COMPLETED:
                continue
            evaluations.append(
                PairEvaluation(
                    pair=pair, author_id=mentor_person[pair.mentor_id], side="mentor", score=rng.randint(3, 5)
                )
            )
            evaluations.append(PairEvaluation(pair=pair, author_id=group[0][1], side="mentee", score=rng.randint(3, 5)))
        PairEvaluation.objects.bulk_create(evaluations, batch_size=2000)
        version = InstrumentVersion.objects.filter(instrument__code="self-assessment").order_by("-number").first()
        responses: list[Response] = []
        campaigns = 0
        if version is not None:
            slugs = [(s["slug"], s["name"]) for s in version.definition["scoring"]["scales"]]
            by_org: dict[int, list[int]] = defaultdict(list)
            for pair, group in zip(pairs, members, strict=True):
                if pair.status != PairStatus.PROPOSED:
                    by_org[org_of[pair.programme_id]].extend(person for _, person in group)
            for org, people in by_org.items():
                before = Campaign.objects.create(
                    organisation_id=org,
                    version=version,
                    title="Входная самооценка",
                    opens_on=start.replace(month=10, day=1),
                    closes_on=start.replace(month=10, day=31),
                    status=CampaignStatus.CLOSED,
                )
                after = Campaign.objects.create(
                    organisation_id=org,
                    version=version,
                    title="Самооценка: середина года",
                    baseline=before,
                    opens_on=start.replace(month=11, day=10),
                    closes_on=start.replace(month=12, day=10),
                )
                campaigns += 2
                for person in people:
                    base = {slug: rng.randint(5, 14) for slug, _ in slugs}
                    for campaign, shift in ((before, 0), (after, 1)):
                        scores = [
                            {
                                "slug": slug,
                                "name": name,
                                "score": base[slug] + shift * rng.randint(-2, 4),
                                "band": None,
                                "text": "",
                            }
                            for slug, name in slugs
                        ]
                        responses.append(
                            Response(campaign=campaign, version=version, person_id=person, answers={}, scores=scores)
                        )
            Response.objects.bulk_create(responses, batch_size=2000)
    counts.update(
        pairs=len(pairs),
        mentees_in_pairs=len(links),
        meetings=len(meetings),
        ratings=len(ratings),
        evaluations=len(evaluations),
        campaigns=campaigns,
        responses=len(responses),
    )
    return counts


def measure(client: Any, url: str, repeat: int, cold: bool) -> tuple[list[float], int, int]:
    from django.core.cache import cache
    from django.db import connection, reset_queries

    times: list[float] = []
    queries = status = 0
    for _ in range(repeat):
        if cold:
            cache.clear()
        reset_queries()
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        status, queries = response.status_code, len(connection.queries)
    return times, queries, status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-load", action="store_true", help="measure the region database as it is")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    source = Path(os.environ.get("SQLITE_PATH", "var/region.sqlite3"))
    if not source.exists():
        raise SystemExit(
            f"No database {source}: build it with `nastavnik demo-data --scale region` (see the docstring)."
        )
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        workdir = Path(tmp)
        copy = copy_database(source, workdir)
        os.environ.update(
            SQLITE_PATH=str(copy), NASTAVNIK_VAR=str(workdir), DJANGO_SETTINGS_MODULE="nastavnik.settings", DEBUG="0"
        )
        os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
        os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
        import django

        django.setup()
        from django.contrib.auth.models import User
        from django.test import Client
        from django.test.utils import override_settings

        from nastavnik.orgs.models import Organisation
        from nastavnik.pairs.models import Pair

        print(f"database: copy of {source}")
        if not args.no_load:
            began = time.perf_counter()
            counts = add_load(args.seed)
            print(
                f"load added in {time.perf_counter() - began:.1f} s: "
                + ", ".join(f"{k} {v}" for k, v in counts.items())
            )
        print(f"organisations: {Organisation.objects.count()}, pairs: {Pair.objects.count()}")
        print(
            f"{'user':10} {'dashboard':28} {'queries':>7} {'cold median ms':>15} {'cold max ms':>12}"
            f" {'cached median ms':>17} {'cached max ms':>14}"
        )
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
            for username in USERS:
                client = Client()
                client.force_login(User.objects.get(username=username))
                url = client.get("/monitoring/dashboard/")["Location"]
                org = Organisation.objects.get(pk=int(url.split("/")[2]))
                client.get(url)  # templates and the user's access once
                cold, queries, status = measure(client, url, args.repeat, cold=True)
                cached, cached_queries, _ = measure(client, url, args.repeat * 4, cold=False)
                assert status == 200, f"{url}: {status}"
                label = f"{org.short_name} ({org.get_kind_display().split()[0].lower()})"
                print(
                    f"{username:10} {label[:28]:28} {queries:>3}/{cached_queries:<3} {statistics.median(cold):>15.0f}"
                    f" {max(cold):>12.0f} {statistics.median(cached):>17.1f} {max(cached):>14.1f}"
                )


if __name__ == "__main__":
    main()
