"""``nastavnik projects registry --org <id|slug> --out FILE.xlsx``.

One row per project (every level of the cascade) of the organisation's subtree with the card's
main columns. Every mistake ends with exit code 2, a Russian message naming the bad element and
no file written; the file appears only complete (written beside the target, then renamed).
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nastavnik.common.commands import output_path, write_atomically
from nastavnik.common.text import plural_ru
from nastavnik.orgs.models import Organisation, subtree_q
from nastavnik.projects.models import Project
from nastavnik.projects.registry import registry_xlsx, with_card

USAGE = "Пример: nastavnik projects registry --org <id или код> --out FILE.xlsx"


def fail(message: str) -> NoReturn:
    raise CommandError(message, returncode=2)


def find_organisation(text: str) -> Organisation:
    text = text.strip()
    org = Organisation.objects.filter(pk=int(text)).first() if text.isdigit() else None
    org = org or Organisation.objects.filter(slug=text).first()
    if org is None:
        fail(f"Организация «{text}» не найдена: укажите её номер (id) или код (slug).")
    return org


class Command(BaseCommand):
    help = "Проектный офис. registry — реестр проектов организации и её подразделений в XLSX."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def error(message: str) -> NoReturn:
            text = f"Ошибка в параметрах команды: {message}. {USAGE}"
            if parser.called_from_command_line:
                sys.stderr.write(text + "\n")
                sys.exit(2)
            raise CommandError(text, returncode=2)

        parser.error = error  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", nargs="?", metavar="registry", help="что сделать: registry")
        parser.add_argument("--org", help="организация, район или регион: номер (id) или код (slug)")
        parser.add_argument("--out", metavar="FILE.xlsx", help="куда сохранить реестр")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if not action:
            fail(f"Укажите действие. {USAGE}")
        if action != "registry":
            fail(f"Неизвестное действие «{action}»: доступно registry.")
        missing = [f"--{name}" for name in ("org", "out") if not options.get(name)]
        if missing:
            fail(f"Не хватает параметров: {', '.join(missing)}. {USAGE}")
        org = find_organisation(options["org"])
        path = output_path(options["out"])
        projects = list(
            with_card(Project.objects.filter(subtree_q("organisation__path", org.path))).order_by(
                "organisation__path", "name"
            )
        )
        write_atomically(path, registry_xlsx(projects))
        word = plural_ru(len(projects), "проект", "проекта", "проектов")
        self.stdout.write(f"Реестр проектов сохранён: {path} — {len(projects)} {word} ({org.short_name}).")
