"""Points and badges for taking part in a community: one transparent rule, shown on the page as it is here.

The rule is pure (counts in, points and badges out) so that the page, the leaderboard and the tests
read the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nastavnik.common.text import plural_ru

POINTS_PER_EVENT = 2  # attended an event of the community
POINTS_PER_MATERIAL = 3  # put a material into the community's bank
POINTS_PER_TRAINEE = 5  # trained a teacher (cascade training)

# Badges by total points, lowest first.
POINT_BADGES: tuple[tuple[int, str], ...] = (
    (10, "Активный участник"),
    (25, "Опора сообщества"),
    (50, "Лидер практики"),
)
TRAINER_BADGE = (3, "Каскадный тренер")  # trained at least three teachers
AUTHOR_BADGE = (3, "Автор банка материалов")  # at least three materials


@dataclass(frozen=True)
class Contribution:
    events: int = 0
    materials: int = 0
    trainees: int = 0


@dataclass(frozen=True)
class Standing:
    person_id: int
    name: str
    contribution: Contribution
    points: int
    badges: tuple[str, ...]


def points(c: Contribution) -> int:
    """Total points of one member: events × 2 + materials × 3 + trained teachers × 5."""
    return c.events * POINTS_PER_EVENT + c.materials * POINTS_PER_MATERIAL + c.trainees * POINTS_PER_TRAINEE


def badges(c: Contribution) -> tuple[str, ...]:
    """Badges earned: every points threshold reached, then the trainer and the author badges."""
    total = points(c)
    earned = [name for threshold, name in POINT_BADGES if total >= threshold]
    if c.trainees >= TRAINER_BADGE[0]:
        earned.append(TRAINER_BADGE[1])
    if c.materials >= AUTHOR_BADGE[0]:
        earned.append(AUTHOR_BADGE[1])
    return tuple(earned)


def leaderboard(rows: Iterable[tuple[int, str, Contribution]]) -> list[Standing]:
    """Members by points (most first), then by name; ties keep the same order on every call."""
    standings = [Standing(pid, name, c, points(c), badges(c)) for pid, name, c in rows]
    return sorted(standings, key=lambda s: (-s.points, s.name, s.person_id))


def rule_lines() -> list[str]:
    """The rule in Russian, as shown under «Как начисляются баллы»."""
    lines = [
        f"Посещение мероприятия сообщества — {_points(POINTS_PER_EVENT)}.",
        f"Материал в банке материалов сообщества — {_points(POINTS_PER_MATERIAL)}.",
        f"Каждый обученный педагог (каскадное обучение) — {_points(POINTS_PER_TRAINEE)}.",
    ]
    lines += [f"Значок «{name}» — от {_points(limit, 'балла', 'баллов', 'баллов')}." for limit, name in POINT_BADGES]
    count, name = TRAINER_BADGE
    teachers = plural_ru(count, "педагога", "педагогов", "педагогов")
    lines.append(f"Значок «{name}» — обучено не менее {count} {teachers}.")
    count, name = AUTHOR_BADGE
    items = plural_ru(count, "материала", "материалов", "материалов")
    lines.append(f"Значок «{name}» — не менее {count} {items} в банке.")
    return lines


def _points(count: int, one: str = "балл", few: str = "балла", many: str = "баллов") -> str:
    return f"{count} {plural_ru(count, one, few, many)}"
