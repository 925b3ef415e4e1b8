"""Matching engines: optimal assignment, stable matching, speed meetings.

Pure Python (numpy and OR-Tools), no Django: the web app and the
``nastavnik match`` command call the same functions.
"""

from __future__ import annotations

from nastavnik.engines.matching.errors import MatchingError, MatchingInputError, SolverError
from nastavnik.engines.matching.model import Edge, Link, Mentor, Pair, Result
from nastavnik.engines.matching.optimal import solve_optimal
from nastavnik.engines.matching.speed_meeting import Round, Schedule, render_text, schedule
from nastavnik.engines.matching.stable import StableMentee, StableMentor, solve_stable

__all__ = [
    "Edge",
    "Link",
    "MatchingError",
    "MatchingInputError",
    "Mentor",
    "Pair",
    "Result",
    "Round",
    "Schedule",
    "SolverError",
    "StableMentee",
    "StableMentor",
    "render_text",
    "schedule",
    "solve_optimal",
    "solve_stable",
]
