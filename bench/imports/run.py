"""Benchmark: import of a students XLSX (preview, then commit, then a re-import), then 2 rows into that school.

Runs against a fresh temporary SQLite database, so it never touches var/:

    .venv/bin/python bench/imports/run.py [--rows 10000]
    .venv/bin/python bench/imports/run.py --rows 49000 --phases first   # issue 13: the big school

Targets: preview + commit of 10 000 rows under 30 s (PRODUCT.md §2); a 2-row save costs the same
in a small and a 49 000-pupil school (issue 13).
"""

from __future__ import annotations

import sys as _sys
from pathlib import Path as _Path

_sys.path.insert(0, str(_Path(__file__).resolve().parents[1]))  # bench/ for benchlib

import argparse
import datetime
import platform
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchlib import setup_django, timed

if TYPE_CHECKING:
    from nastavnik.imports.columns import Table
    from nastavnik.imports.models import ImportBatch


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
LETTERS = "АБВГ"
HEADER = [
    "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "E-mail", "Телефон",
    "Согласие на обработку ПДн", "Дата согласия", "Кто дал согласие", "ФИО родителя",
]  # fmt: skip


def build_xlsx(path: Path, rows: int, grade_shift: int = 0) -> None:
    """A realistic register: every second pupil has consent and contacts, the rest only ФИО and class."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Обучающиеся")
    sheet.append(HEADER)
    for i in range(rows):
        last, first = LAST[i % len(LAST)], FIRST[(i // len(LAST)) % len(FIRST)]
        middle = MIDDLE[(i // (len(LAST) * len(FIRST))) % len(MIDDLE)]
        grade = 1 + i % 11
        born = datetime.date(2025 - 7 - grade, 1 + i % 12, 1 + i % 28)
        grade = min(grade + grade_shift, 11)
        consent = i % 2 == 0
        sheet.append(
            [
                last,
                first,
                middle,
                born,
                f"{grade}{LETTERS[i % len(LETTERS)]}",
                f"pupil{i}@example.ru" if consent else None,
                f"+7 900 {i % 1000:03d}-{i % 100:02d}-{i % 97:02d}" if consent else None,
                "да" if consent else "нет",
                datetime.date(2025, 9, 1) if consent else None,
                "родитель" if consent else None,
                f"{last}а Мария Ивановна" if consent else None,
            ]
        )
    workbook.save(path)


def build_two_rows(path: Path, rows: int) -> None:
    """Two rows for the big school: one pupil already in it moving to another class, one new pupil."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Обучающиеся")
    sheet.append(HEADER[:5])
    i = rows - 1
    grade = 1 + i % 11
    born = datetime.date(2025 - 7 - grade, 1 + i % 12, 1 + i % 28)
    last, first = LAST[i % len(LAST)], FIRST[(i // len(LAST)) % len(FIRST)]
    middle = MIDDLE[(i // (len(LAST) * len(FIRST))) % len(MIDDLE)]
    sheet.append([last, first, middle, born, f"{min(grade + 1, 11)}Д"])
    sheet.append(["Новенькая", "Алиса", "Петровна", datetime.date(2015, 5, 5), "5Д"])
    workbook.save(path)


def whole_school_lookup(school: Any) -> None:
    """What a commit did before issue 13, whatever the file's size: read every person and pupil of the school."""
    from django.db.models import Q

    from nastavnik.orgs.models import Membership
    from nastavnik.people.models import Person

    def old_way() -> int:
        people = Person.objects.filter(Q(organisation=school) | Q(memberships__organisation=school)).distinct()
        found = list(people.values_list("id", "last_name", "first_name", "middle_name", "birth_date", "has_consent"))
        memberships = list(Membership.objects.filter(organisation=school, role="student"))
        return len(found) + len(memberships)

    # Twice per commit (the preview and the save each read the people; the save also every membership).
    timed("  (before: whole-school lookup, once)", 2, old_way)


class Stopwatch:
    """A progress store that notes when each report came: how the job's stages are timed (and that progress moves)."""

    def __init__(self) -> None:
        import time

        self.clock = time.perf_counter
        self.reports: list[tuple[float, int, str]] = []

    def write(self, batch_id: int, percent: int, message: str) -> None:
        self.reports.append((self.clock(), percent, message))

    def read(self, batch_id: int) -> tuple[int, str] | None:
        return (self.reports[-1][1], self.reports[-1][2]) if self.reports else None

    def clear(self, batch_id: int) -> None:
        pass

    def stages(self, start: float) -> list[tuple[str, float]]:
        """(message, seconds from the first report of that message to the next stage's first report)."""
        firsts: list[tuple[str, float]] = []
        for moment, _, message in self.reports:
            if not firsts or firsts[-1][0] != message:
                firsts.append((message, moment))
        ends = [moment for _, moment in firsts[1:]] + [self.reports[-1][0]]
        return [(message, end - begin) for (message, begin), end in zip(firsts, ends, strict=True)]


def as_jobs(school: Any, user: Any, path: Path, n: int) -> tuple[Any, dict[str, float]]:
    """The web path of a big file: the upload queues the preview job, the commit queues the save job; the bench
    plays the huey worker by calling the jobs in this process, with a stopwatch as the progress store."""
    import time

    from nastavnik.imports import jobs, progress
    from nastavnik.imports.models import ImportBatch
    from nastavnik.imports.parsing import estimate_rows

    figures: dict[str, float] = {}
    content = path.read_bytes()
    (estimate, figures["upload request (estimate rows, queue)"]) = timed(
        "  upload request: estimate + queue", n, lambda: jobs.start_preview(
            organisation=school, kind="students", filename=path.name, content=content,
            rows=estimate_rows(path.name, content), user=user,
        ),
    )  # fmt: skip
    watch = Stopwatch()
    original = progress.store
    progress.store = lambda: watch  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        _, figures["preview job"] = timed("  preview job (read + check)", n, lambda: jobs.read_and_check(estimate.pk))
        for message, seconds in watch.stages(start):
            print(f"      {message:<40} {seconds:7.2f} s")
        figures["preview job: reports"] = len(watch.reports)
        batch = ImportBatch.objects.get(pk=estimate.pk)
        assert batch.status == "preview" and not batch.errors, (batch.status, batch.message, batch.errors[:3])
        print(f"      progress reports: {len(watch.reports)}, distinct percents: {len({r[1] for r in watch.reports})}")
        _, figures["commit request (queue)"] = timed(
            "  commit request: check + queue", n, lambda: jobs.start_commit(batch.pk, user, skip_invalid=True)
        )
        watch.reports.clear()
        start = time.perf_counter()
        _, figures["save job"] = timed("  save job (one transaction)", n, lambda: jobs.run(batch.pk))
        for message, seconds in watch.stages(start):
            print(f"      {message:<40} {seconds:7.2f} s")
        print(f"      progress reports: {len(watch.reports)}, distinct percents: {len({r[1] for r in watch.reports})}")
        figures["save job: reports"] = len(watch.reports)
    finally:
        progress.store = original
    return ImportBatch.objects.get(pk=batch.pk), figures


def run(rows: int, phases: tuple[str, ...] = ("first", "same", "next")) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from nastavnik.imports import services
        from nastavnik.imports.columns import build_table, resolve_mapping
        from nastavnik.imports.parsing import detect_table, read_rows
        from nastavnik.orgs.models import Organisation, OrganisationKind

        files = {
            "first import": workdir / "students.xlsx",
            "same file again": workdir / "students.xlsx",
            "next year (classes +1)": workdir / "students-next-year.xlsx",
        }
        files = {name: path for name, path in files.items() if name.split()[0] in phases}
        build_xlsx(workdir / "students.xlsx", rows)
        if "next" in phases:
            build_xlsx(files["next year (classes +1)"], rows, grade_shift=1)
        files["2 rows into that school"] = workdir / "two.xlsx"
        build_two_rows(files["2 rows into that school"], rows)
        size = (workdir / "students.xlsx").stat().st_size / 1024 / 1024
        print(
            f"{rows} rows, {size:.2f} MB XLSX, fresh {connection.vendor} database, Python {platform.python_version()}"
        )
        school = Organisation.objects.create(
            name="МБОУ «СОШ № 1»", short_name="СОШ № 1", slug="bench-school", kind=OrganisationKind.SCHOOL
        )
        user = User.objects.create_superuser("bench", "bench@example.org", "bench-password")
        client = Client()
        client.force_login(user)
        figures: dict[str, float] = {}

        def read(path: Path) -> Table:
            with path.open("rb") as stream:
                source = detect_table(read_rows(path.name, stream, path.stat().st_size), "students")
            resolution = resolve_mapping(school, "students", source.titles)
            return build_table(source, resolution.mapping, "students", school.kind)

        def check(table: Table) -> ImportBatch:
            return services.prepare_batch(
                organisation=school, kind="students", table=table, filename="students.xlsx", user=user
            )

        for phase, path in files.items():
            print(f"-- {phase}")
            n = 2 if phase.startswith("2 rows") else rows
            if n == 2:
                whole_school_lookup(school)
            if n > settings.IMPORT_INLINE_MAX_ROWS:
                batch, job_figures = as_jobs(school, user, path, n)
                figures.update({f"{phase}: {name}": value for name, value in job_figures.items()})
                counts = {key: batch.summary[key] for key in ("created", "updated", "unchanged", "consents")}
                print(f"  {counts}")
                continue
            table, figures[f"{phase}: read"] = timed("  preview: read XLSX", n, lambda p=path: read(p))
            batch, figures[f"{phase}: check"] = timed("  preview: check rows + save", n, lambda t=table: check(t))
            assert not batch.errors, batch.errors[:3]
            url = reverse("imports:preview", kwargs={"pk": batch.pk})
            page, _ = timed("  preview page (first 100 rows)", n, lambda u=url: client.get(u))
            assert page.status_code == 200
            batch, figures[f"{phase}: commit"] = timed(
                "  commit", n, lambda b=batch: services.commit_batch(b.pk, user, skip_invalid=True)
            )
            # The preview page is not counted: it is a separate request, paginated to 100 rows.
            total = sum(figures[f"{phase}: {step}"] for step in ("read", "check", "commit"))
            counts = {key: batch.summary[key] for key in ("created", "updated", "unchanged", "consents")}
            print(f"  {'preview + commit':<30} {total:7.2f} s   {n / total:9.0f} rows/s   {counts}")
        return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--phases", default="first,same,next", help="which of first,same,next to run before the 2-row save"
    )
    args = parser.parse_args()
    run(args.rows, tuple(args.phases.split(",")))
