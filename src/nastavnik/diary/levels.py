"""Mentor status levels (начальный → золотой → платиновый) by the configurable rule.

A mentor's figures are counted over every programme where the person was a mentor:
completed pairs, the average of the mentees' meeting ratings (1–5) over all their pairs'
meetings, and whether the latest mentor base entry says «Обучен». The level is the highest
one whose rule (MentorLevelRule, edited by the administrator) the figures meet; every
threshold is inclusive («не меньше»).

`apply_levels` only ever moves a level up: a level is a recognition already granted (it may
have been printed on a certificate), so a later dip in ratings or an edited rule does not
take it away automatically; the administrator can still lower it by hand in the admin.
Each move is recorded as a StatusChange with the figures that justified it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Avg, Count

from nastavnik.bases.models import MentorEntry, MentorLevelRule, StatusLevel, TrainingStatus
from nastavnik.common.text import plural_ru
from nastavnik.diary.models import StatusChange, StatusChangeKind
from nastavnik.people.models import Person

LEVEL_ORDER: tuple[str, ...] = (StatusLevel.INITIAL, StatusLevel.GOLD, StatusLevel.PLATINUM)
# Averages are compared with a little slack so that 4.5 computed from floats meets «не меньше 4,5».
EPSILON = 1e-9


def rank(level: str) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else 0


@dataclass(frozen=True)
class Figures:
    """What the rule looks at for one person."""

    completed_pairs: int
    average_rating: float | None
    ratings: int
    trained: bool

    def text(self) -> str:
        """«2 завершённые пары; средняя оценка встреч 4,33 (3 оценки); обучение пройдено»."""
        n = self.completed_pairs
        pairs = f"{n} {plural_ru(n, 'завершённая пара', 'завершённые пары', 'завершённых пар')}"
        if self.average_rating is None:
            rating = "оценок встреч нет"
        else:
            shown = f"{self.average_rating:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            counted = f"{self.ratings} {plural_ru(self.ratings, 'оценка', 'оценки', 'оценок')}"
            rating = f"средняя оценка встреч {shown} ({counted})"
        training = "обучение пройдено" if self.trained else "обучение не пройдено"
        return f"{pairs}; {rating}; {training}"


def meets(rule: MentorLevelRule, figures: Figures) -> bool:
    """Whether the figures satisfy one rule; every threshold is inclusive."""
    if figures.completed_pairs < rule.min_completed_pairs:
        return False
    minimum = rule.min_average_rating
    if minimum is not None and (figures.average_rating is None or figures.average_rating + EPSILON < minimum):
        return False
    return not (rule.requires_training and not figures.trained)


def level_for(figures: Figures, rules: Iterable[MentorLevelRule]) -> str:
    """The highest level whose rule the figures meet; «Начальный» when none (or no rule) applies."""
    best = StatusLevel.INITIAL.value
    for rule in rules:
        if rank(rule.level) > rank(best) and meets(rule, figures):
            best = rule.level
    return best


def figures_for(person: Person | int) -> Figures:
    from nastavnik.diary.models import MeetingRating
    from nastavnik.pairs.models import Pair, PairStatus

    person_id = person if isinstance(person, int) else person.pk
    completed = Pair.objects.filter(mentor__person_id=person_id, status=PairStatus.COMPLETED).count()
    ratings = MeetingRating.objects.filter(meeting__pair__mentor__person_id=person_id).aggregate(
        avg=Avg("score"), n=Count("id")
    )
    latest = (
        MentorEntry.objects.filter(person_id=person_id)
        .order_by("-programme__academic_year__start_year", "-id")
        .values_list("training_status", flat=True)
        .first()
    )
    average = ratings["avg"]
    return Figures(
        completed_pairs=completed,
        average_rating=float(average) if average is not None else None,
        ratings=int(ratings["n"] or 0),
        trained=latest == TrainingStatus.TRAINED,
    )


def rules() -> list[MentorLevelRule]:
    return sorted(MentorLevelRule.objects.all(), key=lambda rule: rank(rule.level))


def evaluate(person: Person | int) -> str:
    """The level a mentor has earned by the current rule."""
    return level_for(figures_for(person), rules())


def _entries(target: Any) -> list[MentorEntry]:
    from nastavnik.programmes.models import Programme

    if isinstance(target, Programme):
        return list(MentorEntry.objects.filter(programme=target).select_related("programme").order_by("id"))
    if isinstance(target, MentorEntry):
        return [target]
    return list(target)


@transaction.atomic
def apply_levels(
    target: Any,
    user: AbstractBaseUser | AnonymousUser | None,
) -> list[StatusChange]:
    """Raise the level of every mentor entry of a programme (or of the given entries) that earned more.

    Never lowers a level. Returns the recorded changes (one per entry moved).
    """
    entries: Sequence[MentorEntry] = _entries(target)
    current_rules = rules()
    by_person: dict[int, Figures] = {}
    changes = []
    by: Any = user if user is not None and user.is_authenticated else None
    for entry in entries:
        figures = by_person.get(entry.person_id)
        if figures is None:
            figures = by_person[entry.person_id] = figures_for(entry.person_id)
        new = level_for(figures, current_rules)
        old = entry.status_level
        if rank(new) <= rank(old):
            continue
        entry.status_level = new
        entry._history_user = by  # type: ignore[attr-defined]
        entry.save(update_fields=["status_level", "updated_at"])
        changes.append(
            StatusChange.objects.create(
                person_id=entry.person_id,
                programme_id=entry.programme_id,
                kind=StatusChangeKind.MENTOR_LEVEL,
                old_value=old,
                new_value=new,
                reason=f"{StatusLevel(old).label} → {StatusLevel(new).label}: {figures.text()}.",
                changed_by=by,
            )
        )
    return changes


def level_label(value: str) -> str:
    try:
        return str(StatusLevel(value).label)
    except ValueError:
        return value
