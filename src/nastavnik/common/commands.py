"""Management commands with argument errors in Russian and exit code 2 (users script them).

`RussianCommand` is the base of the project's commands with subcommands: a bad or missing
argument gives «ошибка: …» in Russian and exit 2, from the console and from call_command alike;
`fail()` refuses the same way from inside a command.
"""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

ARGPARSE_MESSAGES = (
    (re.compile(r"the following arguments are required: (.+)"), "не указаны обязательные параметры: {0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "неизвестные параметры: {0}"),
    (re.compile(r"argument (\S+): expected one argument"), "после {0} нужно указать значение"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        "неизвестный документ {1}: доступны {2}",
    ),
)


def russian(message: str) -> str:
    for pattern, text in ARGPARSE_MESSAGES:
        match = pattern.search(message)
        if match:
            return text.format(*match.groups())
    return f"неверные параметры: {message}"


class RussianParser(CommandParser):
    """Argument errors in Russian with exit code 2, from the console and from call_command alike."""

    def error(self, message: str) -> NoReturn:
        text = f"ошибка: {russian(message)}"
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            sys.stderr.write(f"{text}\n")
            sys.exit(2)
        raise CommandError(text, returncode=2)


def fail(message: str) -> NoReturn:
    raise CommandError(f"ошибка: {message}", returncode=2)


class RussianCommand(BaseCommand):
    """A command whose parser (and the subparsers made with `parser_class=RussianParser`) speaks Russian."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = RussianParser
        return parser
