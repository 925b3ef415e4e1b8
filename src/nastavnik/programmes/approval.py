"""What a programme needs before the director may approve it."""

from __future__ import annotations

from nastavnik.common.text import plural_ru
from nastavnik.programmes.models import Programme

MIN_NUDGE_WEEKS = 1


def approval_problems(programme: Programme) -> list[str]:
    """Russian reasons that keep the programme from approval; empty when it is ready."""
    problems = []
    if not programme.forms.exists():
        problems.append("не выбрана ни одна форма наставничества")
    if programme.nudge_weeks < MIN_NUDGE_WEEKS:
        weeks = plural_ru(MIN_NUDGE_WEEKS, "недели", "недель", "недель")
        problems.append(f"порог напоминания о паре без встреч должен быть не меньше {MIN_NUDGE_WEEKS} {weeks}")
    return problems


def approval_refusal(programme: Programme) -> str:
    """One message for the director, or '' when the programme may be approved."""
    problems = approval_problems(programme)
    if not problems:
        return ""
    return "Программу нельзя утвердить: " + "; ".join(problems) + ". Исправьте паспорт программы."
