"""``nastavnik report indicators --org <id или код> --year 2026/2027 --out FILE.xlsx [--date ДД.ММ.ГГГГ]``.

The Appendix-2 indicator table: one sheet for an organisation; for a district or the region a
first «Сводка» sheet with the totals and one sheet per organisation with programmes.

Every mistake in the arguments ends with exit code 2, a Russian message and no file written;
the file appears only complete (written beside the target, then renamed).
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.common.commands import output_path, write_atomically
from nastavnik.common.text import plural_ru
from nastavnik.monitoring.xlsx import export_indicators
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.workshops.report import build_export as export_workshops

REPORTS = ("indicators", "workshops")
USAGE = "Пример: nastavnik report indicators --org <id или код> --year 2026/2027 --out FILE.xlsx"
_YEAR = re.compile(r"^(\d{4})/(\d{4})$")


def fail(message: str) -> NoReturn:
    raise CommandError(message, returncode=2)


def parse_year(text: str) -> AcademicYear:
    match = _YEAR.match(text.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        fail(f"Неверный учебный год «{text}»: укажите его в виде 2026/2027.")
    year = AcademicYear.objects.filter(start_year=int(match.group(1))).first()
    if year is None:
        fail(f"Учебного года {text} нет в базе.")
    return year


def find_organisation(text: str) -> Organisation:
    text = text.strip()
    org = None
    if text.isdigit():
        org = Organisation.objects.filter(pk=int(text)).first()
    if org is None:
        org = Organisation.objects.filter(slug=text).first()
    if org is None:
        fail(f"Организация «{text}» не найдена: укажите её номер (id) или код (slug).")
    return org


def parse_date(text: str) -> datetime.date:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    fail(f"Неверная дата «{text}»: укажите её в виде ДД.ММ.ГГГГ.")


class Command(BaseCommand):
    help = "Отчёты по мониторингу. indicators — таблица показателей (Приложение 2) в XLSX."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            # Unknown options: argparse's English message, wrapped in Russian, exit code 2.
            text = f"Ошибка в параметрах команды: {message}. {USAGE}"
            if parser.called_from_command_line:
                sys.stderr.write(text + "\n")
                sys.exit(2)
            raise CommandError(text, returncode=2)

        parser.error = error  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        # Checked in handle(), not by argparse, so that every mistake gets a Russian message (exit code 2).
        parser.add_argument(
            "report", nargs="?", metavar="indicators|workshops", help="какой отчёт: indicators, workshops"
        )
        parser.add_argument("--org", help="организация, район или регион: номер (id) или код (slug)")
        parser.add_argument("--year", help="учебный год в виде 2026/2027")
        parser.add_argument("--out", metavar="FILE.xlsx", help="куда сохранить таблицу")
        parser.add_argument("--date", help="дата подведения итогов ДД.ММ.ГГГГ (по умолчанию сегодня)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = options.get("report")
        if not report:
            fail(f"Укажите отчёт. {USAGE}")
        if report not in REPORTS:
            fail(f"Неизвестный отчёт «{report}»: доступны indicators и workshops.")
        missing = [f"--{name}" for name in ("org", "year", "out") if not options.get(name)]
        if missing:
            fail(f"Не хватает параметров: {', '.join(missing)}. {USAGE}")
        year = parse_year(options["year"])
        org = find_organisation(options["org"])
        as_of = parse_date(options["date"]) if options.get("date") else None
        if as_of is not None and not year.starts_on <= as_of <= year.ends_on:
            fail(f"Дата {as_of:%d.%m.%Y} вне учебного года {year.name}.")
        path = output_path(options["out"])
        if report == "workshops":
            self._workshops(org, year, path)
            return
        export = export_indicators(org, year, as_of)
        write_atomically(path, export.content)
        orgs = plural_ru(export.organisations, "организация", "организации", "организаций")
        sheets = plural_ru(export.sheets, "лист", "листа", "листов")
        rows = plural_ru(export.rows, "строка", "строки", "строк")
        self.stdout.write(
            f"Таблица показателей сохранена: {path} — {export.organisations} {orgs}, "
            f"{export.sheets} {sheets}, {export.rows} {rows} показателей."
        )

    def _workshops(self, org: Organisation, year: AcademicYear, path: Path) -> None:
        """Source 000 §5 statistics of the growth workshops (nastavnik.workshops.report)."""
        export = export_workshops(org, year)
        write_atomically(path, export.content)
        orgs = plural_ru(export.organisations, "организация", "организации", "организаций")
        sheets = plural_ru(export.sheets, "лист", "листа", "листов")
        self.stdout.write(
            f"Статистика мастерских сохранена: {path} — {export.organisations} {orgs}, {export.sheets} {sheets}."
        )
