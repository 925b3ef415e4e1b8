"""``nastavnik restore FILE [--force]``: put a backup into an installation without data.

Run after ``nastavnik migrate`` on the target. Exit 2, with nothing changed, when the archive
is damaged or foreign, when its migration state differs from the installation's, or when the
installation already has data and ``--force`` is not given.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from nastavnik.common.backup.archive import ArchiveError
from nastavnik.common.backup.load import restore
from nastavnik.common.commands import RussianCommand, fail
from nastavnik.common.text import plural_ru


class Command(RussianCommand):
    help = "Восстановление из резервной копии (после migrate, в установку без данных или с --force)."
    requires_migrations_checks = False
    requires_system_checks = []  # a backup or restore must not depend on, or wait for, the site checks

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="архив, записанный командой backup")
        parser.add_argument("--force", action="store_true", help="заменить данные, которые уже есть")

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        try:
            restored = restore(Path(options["file"]), force=options["force"])
        except ArchiveError as error:
            fail(f"{error}; ничего не изменено")
        except OSError as error:
            fail(f"не удалось восстановить файлы: {error}; ничего не изменено")
        manifest = restored.manifest
        tables, rows, files = len(manifest.tables), manifest.total_rows, len(manifest.files)
        self.stdout.write(
            f"Восстановлено из {options['file']}: {rows} {plural_ru(rows, 'строка', 'строки', 'строк')} "
            f"в {tables} {plural_ru(tables, 'таблице', 'таблицах', 'таблицах')}, "
            f"{files} {plural_ru(files, 'файл', 'файла', 'файлов')} за {time.perf_counter() - start:.1f} с."
        )
        if restored.replaced_files:
            self.stdout.write(f"Прежние файлы перенесены в {restored.replaced_files}.")
