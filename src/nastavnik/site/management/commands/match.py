"""``nastavnik match INPUT.json [--mode optimal|stable] [--out OUTPUT.json]``.

A thin wrapper: the command lives in ``nastavnik.engines.matching.cli`` so that
it runs and is tested without Django. It never touches the database.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.engines.matching import cli
from nastavnik.engines.matching.io import MODES


class Command(BaseCommand):
    help = "Формирование пар наставник — наставляемый из файла JSON (без базы данных)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        # Mirrors cli.build_parser for `help match` and call_command().
        parser.add_argument("input", metavar="INPUT.json")
        parser.add_argument("--mode", choices=MODES, default="optimal")
        parser.add_argument("--out", metavar="OUTPUT.json")

    def run_from_argv(self, argv: list[str]) -> None:
        # argv = [prog, "match", *args]: the engine's own parser and exit codes.
        sys.exit(cli.main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [options["input"], "--mode", options["mode"]]
        if options.get("out"):
            argv += ["--out", options["out"]]
        code = cli.main(argv, cast(TextIO, self.stdout), cast(TextIO, self.stderr))
        if code:
            raise CommandError(f"match завершился с кодом {code}", returncode=code)
