"""Errors raised by the matching engines.

Every message is in Russian (it reaches curators through the command and the
UI) and starts with the path of the bad element in the input, e.g.
``locked[0]: неизвестный наставник «m9»`` — the same path whether the engine
was called from Python or from ``nastavnik match``.
"""

from __future__ import annotations


class MatchingError(Exception):
    """Base class of every error raised by the matching engines."""


class MatchingInputError(MatchingError, ValueError):
    """The input names an unknown id, breaks a capacity, contradicts itself…

    ``where`` is the path of the bad element (``mentors[3].capacity``),
    ``problem`` says what is wrong with it; ``str(error)`` joins both.
    """

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class SolverError(MatchingError, RuntimeError):
    """The flow solver refused a well-formed input (should never happen)."""


def quote(value: object) -> str:
    """Quote an id the Russian way for an error message: «m9»."""
    return f"«{value}»"
