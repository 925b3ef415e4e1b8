"""``nastavnik match INPUT.json [--mode optimal|stable] [--out OUTPUT.json]``.

Exit codes: 0 — done; 2 — bad input or arguments (the message names the bad
element, nothing is written); 1 — internal solver failure. The output goes to
stdout, or atomically to ``--out``.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from nastavnik.engines.matching.errors import MatchingInputError, SolverError
from nastavnik.engines.matching.io import (
    MODES,
    Mode,
    dumps,
    load_json,
    parse_optimal,
    parse_stable,
    result_document,
    write_atomic,
)
from nastavnik.engines.matching.model import Result
from nastavnik.engines.matching.optimal import solve_optimal
from nastavnik.engines.matching.stable import solve_stable

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


def build_parser(prog: str = "nastavnik match") -> argparse.ArgumentParser:
    """The argument parser of the command (shared with the Django wrapper)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Формирование пар наставник — наставляемый из файла JSON.",
    )
    parser.add_argument("input", metavar="INPUT.json", help="входной файл JSON")
    parser.add_argument(
        "--mode",
        choices=MODES,
        default="optimal",
        help="optimal — оптимальное назначение (по умолчанию); stable — устойчивое по выбору",
    )
    parser.add_argument("--out", metavar="OUTPUT.json", help="куда записать результат (иначе в stdout)")
    return parser


def main(
    argv: Sequence[str] | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; return the exit code instead of exiting."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    try:
        with redirect_stdout(out), redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        text = dumps(result_document(run(Path(args.input), args.input, args.mode), args.mode))
        _emit(text, args.out, out)
    except MatchingInputError as error:
        err.write(f"ошибка: {error}\n")
        return EXIT_BAD_INPUT
    except SolverError as error:
        err.write(f"внутренняя ошибка: {error}\n")
        return EXIT_INTERNAL
    return EXIT_OK


def run(path: Path, name: str, mode: Mode) -> Result:
    """Load, validate and solve one input file."""
    with _no_gc_pauses():
        return _run(path, name, mode)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Switch the cyclic garbage collector off while one file is solved.

    Reading a district file makes millions of objects that live until the end
    (dicts, strings, tuples); every few thousand new ones the collector would
    walk all of them again, which took half of the parse time. Nothing here
    makes reference cycles, so reference counting frees the rest as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(path: Path, name: str, mode: Mode) -> Result:
    document = load_json(path, name)
    if mode == "stable":
        stable = parse_stable(document)
        return solve_stable(stable.mentors, stable.mentees, stable.locked, stable.forbidden)
    optimal = parse_optimal(document)
    return solve_optimal(optimal.mentors, optimal.mentees, optimal.edges, optimal.locked, optimal.forbidden)


def _emit(text: str, out_path: str | None, stdout: TextIO) -> None:
    if out_path is None:
        stdout.write(text)
        return
    try:
        write_atomic(Path(out_path), text)
    except OSError as error:
        raise MatchingInputError(out_path, f"не удалось записать файл: {error.strerror or error}") from None


if __name__ == "__main__":
    sys.exit(main())
