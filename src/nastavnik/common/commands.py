"""Management commands with argument errors in Russian and exit code 2 (users script them).

`RussianCommand` is the base of the project's commands with subcommands: a bad or missing
argument gives «ошибка: …» in Russian and exit 2, from the console and from call_command alike;
`fail()` refuses the same way from inside a command. `today_option()` and `days_option()` read
the `--today` and `--days` options the cron commands share, with one wording of their errors.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

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


def output_path(text: str, suffix: str = ".xlsx") -> Path:
    """The file a command will write, checked before any work: extension, folder, rights (exit 2 otherwise)."""
    path = Path(text).expanduser()
    if path.suffix.lower() != suffix:
        raise CommandError(f"Файл «{text}» должен иметь расширение {suffix}.", returncode=2)
    if path.is_dir():
        raise CommandError(f"«{text}» — это папка, а нужен файл.", returncode=2)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CommandError(f"Папки «{folder}» нет: файл «{text}» записать нельзя.", returncode=2)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(f"Нет прав на запись файла «{text}».", returncode=2)
    return path


def write_atomically(path: Path, content: bytes) -> None:
    """Write beside the target, then rename: the file appears only complete."""
    handle, temporary = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", suffix=f"{path.suffix}.part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CommandError(f"Не удалось записать файл «{path}»: {error.strerror or error}.", returncode=2) from None


def today_option(value: str | None) -> datetime.date:
    """`--today ГГГГ-ММ-ДД`: the date a cron command takes for today; without it, today's local date."""
    if not value:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"Неверная дата --today «{value}»: нужна дата в виде ГГГГ-ММ-ДД, например 2026-11-03.", returncode=2
        ) from None


def days_option(value: str | None, maximum: int, default: int) -> int:
    """`--days N`: a whole number of days from 0 to `maximum`; `default` without the option."""
    if value is None:
        return default
    text = value.strip()
    days = int(text) if text.isdigit() else -1
    if not 0 <= days <= maximum:
        raise CommandError(f"Неверное число дней --days «{value}»: нужно целое число от 0 до {maximum}.", returncode=2)
    return days
