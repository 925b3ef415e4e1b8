"""``nastavnik backup --out FILE``: the database rows and the uploaded files in one archive.

The rows are written database-neutrally (a SQLite backup restores into PostgreSQL and back)
from one consistent snapshot, so the command may run while the site is in use. Exit 2 with a
Russian message when the archive cannot be written; no partial file is left.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from nastavnik.common.backup.dump import write_backup
from nastavnik.common.commands import RussianCommand, fail
from nastavnik.common.text import plural_ru


class Command(RussianCommand):
    help = "Резервная копия: все данные базы и загруженные файлы в один архив (zip)."
    requires_migrations_checks = False
    requires_system_checks = []  # a backup or restore must not depend on, or wait for, the site checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, metavar="FILE", help="куда записать архив")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if out.is_dir():
            fail(f"«{out}» — это папка; укажите имя файла архива")
        if not out.parent.is_dir():
            fail(f"папка «{out.parent}» не существует")
        start = time.perf_counter()
        try:
            manifest = write_backup(out)
        except OSError as error:
            fail(f"не удалось записать архив «{out}»: {error}")
        tables, rows, files = len(manifest.tables), manifest.total_rows, len(manifest.files)
        self.stdout.write(
            f"Резервная копия записана: {out} — {tables} {plural_ru(tables, 'таблица', 'таблицы', 'таблиц')}, "
            f"{rows} {plural_ru(rows, 'строка', 'строки', 'строк')}, "
            f"{files} {plural_ru(files, 'файл', 'файла', 'файлов')}; "
            f"{out.stat().st_size / 1e6:.1f} МБ за {time.perf_counter() - start:.1f} с."
        )
