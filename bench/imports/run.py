"""Benchmark: import of a 10 000-row students XLSX (preview, then commit, then a re-import).

Runs against a fresh temporary SQLite database, so it never touches var/:

    .venv/bin/python bench/imports/run.py [--rows 10000]

Target (PRODUCT.md §2, the import issue): preview + commit of 10 000 rows under 30 s.
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
from typing import TYPE_CHECKING

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


def run(rows: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nastavnik-bench-") as tmp:
        workdir = Path(tmp)
        setup_django(workdir)
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        from nastavnik.imports import services
        from nastavnik.imports.columns import locate_header
        from nastavnik.imports.parsing import read_rows
        from nastavnik.orgs.models import Organisation, OrganisationKind

        files = {
            "first import": workdir / "students.xlsx",
            "same file again": workdir / "students.xlsx",
            "next year (classes +1)": workdir / "students-next-year.xlsx",
        }
        build_xlsx(files["first import"], rows)
        build_xlsx(files["next year (classes +1)"], rows, grade_shift=1)
        size = files["first import"].stat().st_size / 1024 / 1024
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
                raw = read_rows(path.name, stream, path.stat().st_size)
            return locate_header(raw, "students", school.kind)

        def check(table: Table) -> ImportBatch:
            return services.prepare_batch(
                organisation=school, kind="students", table=table, filename="students.xlsx", user=user
            )

        for phase, path in files.items():
            print(f"-- {phase}")
            table, figures[f"{phase}: read"] = timed("  preview: read XLSX", rows, lambda p=path: read(p))
            batch, figures[f"{phase}: check"] = timed("  preview: check rows + save", rows, lambda t=table: check(t))
            assert not batch.errors, batch.errors[:3]
            url = reverse("imports:preview", kwargs={"pk": batch.pk})
            page, _ = timed("  preview page (first 100 rows)", rows, lambda u=url: client.get(u))
            assert page.status_code == 200
            batch, figures[f"{phase}: commit"] = timed(
                "  commit", rows, lambda b=batch: services.commit_batch(b.pk, user)
            )
            # The preview page is not counted: it is a separate request, paginated to 100 rows.
            total = sum(figures[f"{phase}: {step}"] for step in ("read", "check", "commit"))
            counts = {key: batch.summary[key] for key in ("created", "updated", "unchanged", "consents")}
            print(f"  {'preview + commit':<30} {total:7.2f} s   {rows / total:9.0f} rows/s   {counts}")
        return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    run(args.rows)
