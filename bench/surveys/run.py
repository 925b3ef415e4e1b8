"""Benchmark: 10 000 answers to «Ключ к себе» imported from a Google Forms CSV, then the results page.

Runs against a fresh temporary SQLite database, so it never touches var/:

    .venv/bin/python bench/surveys/run.py [--rows 10000] [--repeat 5]

Every step goes through the views with Django's test client, logged in as the school's curator:
upload (read + store the file), the mapping page, the mapping POST (every row converted and
checked: the preview), the preview page, the commit; then GET of the results page.
Targets (the import issue): preview + commit of 10 000 answers under 30 s; results page under 1 s.
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # bench/ for benchlib

import argparse
import cProfile
import csv
import datetime
import io
import platform
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import setup_django, timed

LAST = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
    "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
    "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов",
]  # fmt: skip
FIRST = [
    "Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил",
    "Никита", "Матвей", "Роман", "Егор", "Арсений", "Иван", "Денис", "Евгений", "Даниил", "Тимофей",
]  # fmt: skip
MIDDLE = ["Александрович", "Дмитриевич", "Сергеевич", "Андреевич", "Алексеевич",
          "Иванович", "Михайлович", "Олегович", "Петрович", "Игоревич"]  # fmt: skip
LABELS = {1: "не согласен", 2: "скорее нет, чем да", 3: "скорее да, чем нет", 4: "согласен"}


def name(i: int) -> tuple[str, str, str]:
    """A unique ФИО for each i below 10 000."""
    return LAST[i % len(LAST)], FIRST[(i // len(LAST)) % len(FIRST)], MIDDLE[(i // (len(LAST) * len(FIRST))) % 10]


def build_csv(path: Path, rows: int, header: list[str]) -> None:
    """As Google Forms exports it: «Отметка времени», the ФИО, then one column per question (labels or numbers)."""
    generator = random.Random(20261123)
    start = datetime.datetime(2026, 10, 1, 8, 0)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for i in range(rows):
        when = start + datetime.timedelta(seconds=37 * i)
        last, first, middle = name(i)
        cells = []
        for _ in range(21):
            point = generator.randint(1, 4)
            style = generator.random()
            cells.append(str(point) if style < 0.5 else f"{point} — {LABELS[point]}" if style < 0.8 else LABELS[point])
        consent = "Нет" if i % 50 == 0 else "Да"
        writer.writerow([when.strftime("%d.%m.%Y %H:%M:%S"), f"{last} {first} {middle}", consent, *cells])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def make_school(students: int) -> tuple[Any, Any]:
    """A school with `students` pupils of 15 (with consent) and a curator; returns (school, curator user)."""
    from django.contrib.auth.models import User

    from nastavnik.orgs.models import Membership, Organisation, OrganisationKind, Role
    from nastavnik.people.models import Person

    school = Organisation.objects.create(
        name="МБОУ «СОШ № 1»", short_name="СОШ № 1", slug="bench-school", kind=OrganisationKind.SCHOOL
    )
    born = datetime.date.today().replace(year=datetime.date.today().year - 15, day=1)
    people = []
    for i in range(students):
        last, first, middle = name(i)
        person = Person(last_name=last, first_name=first, middle_name=middle, birth_date=born, organisation=school)
        person.has_consent = True
        person.refresh_search_text()
        people.append(person)
    Person.objects.bulk_create(people, batch_size=1000)
    Membership.objects.bulk_create(
        [
            Membership(person=p, organisation=school, role=Role.STUDENT, grade=9 + i % 3, class_letter="АБВГ"[i % 4])
            for i, p in enumerate(people)
        ],
        batch_size=1000,
    )
    curator = Person.objects.create(last_name="Кураторова", first_name="Анна", organisation=school)
    Membership.objects.create(person=curator, organisation=school, role=Role.CURATOR)
    curator.user = User.objects.create_user("curator", password="bench-password-123")
    curator.save()
    return school, curator.user


def run(rows: int, repeat: int, profile: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        from django.db import connection, reset_queries
        from django.test import Client
        from django.test.utils import override_settings
        from django.urls import reverse

        from nastavnik.surveys import services
        from nastavnik.surveys.forms_import import MappingForm
        from nastavnik.surveys.models import AnswerImport, InstrumentVersion, Response

        started = time.perf_counter()
        school, user = make_school(rows)
        version = InstrumentVersion.objects.get(instrument__code="key-to-self")
        today = datetime.date.today()
        fields = {
            "organisation": school,
            "version": version,
            "title": "Ключ к себе, 9–11 классы",
            "opens_on": today - datetime.timedelta(days=60),
            "closes_on": today,
        }
        people = services.audience_people(school, services.Audience.STUDENTS)
        campaign, plan = services.create_campaign(fields, people, user)
        print(
            f"{rows} pupils, campaign with {len(plan.invited)} invitations: "
            f"{time.perf_counter() - started:.1f} s to build; {connection.vendor}, Python {platform.python_version()}"
        )
        header = ["Отметка времени", "ФИО", *[q["text"] for q in version.questions()]]
        path = workdir / "Ключ к себе (Ответы).csv"
        build_csv(path, rows, header)
        print(f"CSV: {rows} answers, {path.stat().st_size / 1024 / 1024:.2f} MB")

        client = Client()
        client.force_login(user)
        figures: dict[str, float] = {}

        def upload() -> AnswerImport:
            with path.open("rb") as stream:
                response = client.post(reverse("surveys:import_upload", kwargs={"pk": campaign.pk}), {"file": stream})
            assert response.status_code == 302, response.status_code
            return AnswerImport.objects.latest("id")

        print("-- import (through the views)")
        batch, figures["upload"] = timed("upload: read CSV + store", rows, upload)
        map_url = reverse("surveys:import_map", kwargs={"pk": batch.pk})
        page, figures["mapping page"] = timed("mapping page (columns suggested)", rows, lambda: client.get(map_url))
        assert page.status_code == 200
        form = MappingForm(batch=batch)  # the selects as the page shows them
        data = {key: form[key].value() or "" for key in form.fields}
        mapped, figures["check"] = timed("mapping POST: convert + check rows", rows, lambda: client.post(map_url, data))
        assert mapped.status_code == 302, mapped.status_code
        batch.refresh_from_db()
        assert not batch.errors, batch.errors[:3]
        preview_url = reverse("surveys:import_preview", kwargs={"pk": batch.pk})
        _, figures["preview page"] = timed("preview page", rows, lambda: client.get(preview_url))
        commit_url = reverse("surveys:import_commit", kwargs={"pk": batch.pk})
        _, figures["commit"] = timed("commit (re-check + write)", rows, lambda: client.post(commit_url))
        batch.refresh_from_db()
        assert batch.summary.get("created") == rows, batch.summary
        total = sum(figures[k] for k in ("upload", "mapping page", "check", "preview page", "commit"))
        figures["import total"] = total
        print(f"  {'preview + commit, all steps':<40} {total:7.2f} s   {rows / total:9.0f} rows/s   (target < 30 s)")
        print(f"  responses stored: {Response.objects.filter(campaign=campaign).count()}")

        print(f"-- results page with {rows} responses (GET as the curator, {repeat} runs)")
        results_url = reverse("surveys:results", kwargs={"pk": campaign.pk})
        times, queries = [], 0
        with override_settings(DEBUG=True):
            for _ in range(repeat):
                reset_queries()
                start = time.perf_counter()
                response = client.get(results_url)
                times.append(time.perf_counter() - start)
                queries = len(connection.queries)
                assert response.status_code == 200
        figures["results median"] = statistics.median(times)
        figures["results max"] = max(times)
        print(
            f"  results page: median {figures['results median']:.3f} s, max {figures['results max']:.3f} s, "
            f"{queries} queries   (target < 1 s)"
        )
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(results_url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one results page request")
    args = parser.parse_args()
    run(args.rows, args.repeat, args.profile)
