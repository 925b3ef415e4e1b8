"""``nastavnik instruments list | check | score CODE RESPONSES.csv``.

A thin wrapper: the command lives in ``nastavnik.engines.instruments.cli`` so that it runs and
is tested without Django. It never touches the database.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.engines.instruments import cli


class Command(BaseCommand):
    help = "Методики и анкеты: список файлов, проверка по схеме, подсчёт баллов по ключу из CSV (без базы данных)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        # `help instruments` and call_command(): the engine's parser does the real work.
        parser.add_argument("arguments", nargs=argparse.REMAINDER, metavar="list|check|score CODE RESPONSES.csv")

    def run_from_argv(self, argv: list[str]) -> None:
        # argv = [prog, "instruments", *args]: the engine's own parser and exit codes.
        sys.exit(cli.main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        code = cli.main(list(options["arguments"]), cast(TextIO, self.stdout), cast(TextIO, self.stderr))
        if code:
            raise CommandError(f"instruments завершился с кодом {code}", returncode=code)
