"""``nastavnik demo-data [--scale demo|region] [--seed N]``: load the demo «Приозёрная область».

Idempotent: a second run finds the region (or the bulk marker) and changes nothing.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.demo import report
from nastavnik.demo.world import DEFAULT_SEED, build_demo, demo_exists

SCALES = ("demo", "region")


class Command(BaseCommand):
    help = "Загрузка демонстрационных данных: вымышленная Приозёрная область с учётными записями всех ролей."

    def add_arguments(self, parser: CommandParser) -> None:
        # Validated in handle() rather than by `choices`, so the error is in Russian (exit code 2).
        parser.add_argument(
            "--scale",
            default="demo",
            metavar="{demo,region}",
            help="demo — демо-данные (по умолчанию), region — объём региона для нагрузочных замеров",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="зерно генератора (по умолчанию 2026)")
        # Hidden: shrinks the region scale for tests (0.005 → one district with two schools).
        parser.add_argument("--region-size-factor", type=float, default=1.0, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] not in SCALES:
            raise CommandError(f"Неизвестный масштаб «{options['scale']}»: допустимы demo и region.", returncode=2)
        if not 0 < options["region_size_factor"] <= 1:
            raise CommandError("--region-size-factor должен быть больше 0 и не больше 1.", returncode=2)
        started = time.monotonic()
        self._demo(options["seed"])
        if options["scale"] == "region":
            self._region(options["seed"], options["region_size_factor"])
        self.stdout.write(f"Время выполнения: {time.monotonic() - started:.1f} с.")

    def _demo(self, seed: int) -> None:
        if demo_exists():
            self.stdout.write("Демо-данные уже загружены.")
        else:
            before = report.count_rows()
            build_demo(seed)
            after = report.count_rows()
            self.stdout.write(self.style.SUCCESS("Демо-данные загружены. Создано:"))
            for line in report.created_lines(before, after):
                self.stdout.write(line)
        # Printed every time, so that `make demo` always shows how to log in.
        self.stdout.write("")
        self.stdout.write("Учётные записи для входа:")
        for line in report.accounts_table():
            self.stdout.write(line)

    def _region(self, seed: int, factor: float) -> None:
        from nastavnik.demo.region import build_region, region_exists

        if region_exists():
            self.stdout.write("Данные масштаба региона уже загружены.")
            return
        before = report.count_rows()
        build_region(seed, factor, progress=self.stdout.write)
        after = report.count_rows()
        self.stdout.write(self.style.SUCCESS("Данные масштаба региона загружены. Создано:"))
        for line in report.created_lines(before, after):
            self.stdout.write(line)
