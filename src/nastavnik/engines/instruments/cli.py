"""``nastavnik instruments list | check | score CODE RESPONSES.csv``.

- ``list`` — a table of the instrument files: code, version, title, questions, min age, source;
- ``check`` — validate every file against SCHEMA.md (for CI): exit 2 naming the file and the
  path of its first error;
- ``score CODE RESPONSES.csv`` — score answer sheets by the instrument's key (PRODUCT.md §8):
  CSV on stdout, or exit 2 with every bad line and column on stderr and nothing on stdout.

``--dir`` points at another folder of instrument files (drafts, tests). Exit codes: 0 — done,
2 — bad input or arguments. No Django: the management command only forwards argv.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from nastavnik.engines.instruments.keycsv import CsvError, decode, render_scores, score_csv
from nastavnik.engines.instruments.schema import CODE_RE, InstrumentError, load_instrument, plural, quote, read_yaml

EXIT_OK = 0
EXIT_BAD_INPUT = 2
INSTRUMENTS_DIR = Path(__file__).resolve().parents[2] / "surveys" / "instruments"
MAX_PROBLEMS = 20


class _Failure(Exception):
    """A message for stderr and exit code 2."""


def build_parser(prog: str = "nastavnik instruments") -> argparse.ArgumentParser:
    """The argument parser of the command."""
    parser = argparse.ArgumentParser(
        prog=prog, description="Методики и анкеты: список, проверка файлов, подсчёт баллов."
    )
    commands = parser.add_subparsers(dest="command", metavar="{list,check,score}", required=True)
    directory = argparse.ArgumentParser(add_help=False)
    directory.add_argument("--dir", type=Path, default=INSTRUMENTS_DIR, help="папка с файлами методик (*.yaml)")
    commands.add_parser("list", parents=[directory], help="таблица файлов методик")
    commands.add_parser("check", parents=[directory], help="проверить все файлы методик по схеме")
    score = commands.add_parser("score", parents=[directory], help="подсчитать баллы по ключу методики из CSV")
    score.add_argument("code", metavar="CODE", help="код методики, например key-to-self")
    score.add_argument("responses", metavar="RESPONSES.csv", help="ответы: столбцы respondent, q1…; «-» — stdin")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command; return the exit code instead of exiting."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        with redirect_stdout(out), redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        if args.command == "list":
            out.write(list_table(args.dir))
            return EXIT_OK
        if args.command == "check":
            return check(args.dir, out, err)
        out.write(score(args.dir, args.code, args.responses))
    except _Failure as failure:
        err.write(f"{failure}\n")
        return EXIT_BAD_INPUT
    return EXIT_OK


def instrument_files(directory: Path) -> list[Path]:
    """The ``*.yaml`` files of the folder, sorted by name."""
    if not directory.is_dir():
        raise _Failure(f"ошибка: нет папки {directory}")
    return sorted(directory.glob("*.yaml"))


# --- list ----------------------------------------------------------------------------------

HEADINGS = ("код", "версия", "название", "вопросов", "возраст", "источник")
TITLE_WIDTH = 60


def list_table(directory: Path) -> str:
    """An aligned text table of the files, read leniently (``check`` is the validator)."""
    paths = instrument_files(directory)
    if not paths:
        return f"нет файлов методик в {directory}\n"
    rows = [list(HEADINGS), *(_summary(path) for path in paths)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADINGS))]
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n" for row in rows
    )


def _summary(path: Path) -> list[str]:
    try:
        data = read_yaml(path)
    except InstrumentError:
        return [path.stem, "?", "(файл не читается — см. nastavnik instruments check)", "?", "?", "?"]
    fields: Mapping[object, object] = data if isinstance(data, Mapping) else {}
    sections = fields.get("sections")
    count = sum(
        len(questions)
        for section in (sections if isinstance(sections, list) else [])
        if isinstance(section, Mapping) and isinstance(questions := section.get("questions"), list)
    )
    min_age = fields.get("min_age")
    return [
        str(fields.get("code", path.stem)),
        str(fields.get("version", "?")),
        _shorten(str(fields.get("title", "?"))),
        str(count),
        f"{min_age}+" if isinstance(min_age, int) else "—",
        str(fields.get("source", "?")),
    ]


def _shorten(text: str, limit: int = TITLE_WIDTH) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- check ---------------------------------------------------------------------------------


def check(directory: Path, out: TextIO, err: TextIO) -> int:
    """Validate every file; report each bad file's first error; exit code 2 if any is bad."""
    paths = instrument_files(directory)
    if not paths:
        out.write(f"нет файлов методик в {directory}\n")
        return EXIT_OK
    bad = 0
    for path in paths:
        try:
            instrument = load_instrument(path)
        except InstrumentError as error:
            bad += 1
            err.write(f"ошибка: {path.name}: {error}\n")
            continue
        count = len(instrument.questions)
        out.write(
            f"ok  {path.name}: версия {instrument.version}, {count} {plural(count, 'вопрос', 'вопроса', 'вопросов')}\n"
        )
    if bad:
        err.write(f"файлов с ошибками: {bad} из {len(paths)}\n")
        return EXIT_BAD_INPUT
    out.write(f"проверено файлов: {len(paths)}\n")
    return EXIT_OK


# --- score ---------------------------------------------------------------------------------


def score(directory: Path, code: str, responses: str) -> str:
    """The output CSV for ``score``; every problem raises before anything is written."""
    path = directory / f"{code}.yaml"
    if not CODE_RE.fullmatch(code) or not path.is_file():
        known = ", ".join(p.stem for p in instrument_files(directory)) or "нет ни одной"
        raise _Failure(f"ошибка: неизвестная методика {quote(code)} (есть: {known})")
    try:
        instrument = load_instrument(path)
    except InstrumentError as error:
        raise _Failure(f"ошибка: {path.name}: {error}") from None
    if instrument.scoring is None:
        raise _Failure(f"ошибка: у методики {quote(code)} нет ключа для подсчёта баллов")
    try:
        return render_scores(instrument, score_csv(instrument, decode(_read(responses))))
    except CsvError as error:
        lines = [f"ошибка: {problem}" for problem in error.problems[:MAX_PROBLEMS]]
        if len(error.problems) > MAX_PROBLEMS:
            lines.append(f"ошибка: … и ещё {len(error.problems) - MAX_PROBLEMS}")
        raise _Failure("\n".join(lines)) from None


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except FileNotFoundError:
        raise _Failure(f"ошибка: файл не найден: {name}") from None
    except OSError as error:
        raise _Failure(f"ошибка: не удалось прочитать {name}: {error.strerror or error}") from None


if __name__ == "__main__":
    sys.exit(main())
