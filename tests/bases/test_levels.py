"""Mentor status levels: rule boundaries, never down, history, pages."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.bases.models import MentorEntry, MentorLevelRule, StatusLevel, TrainingStatus
from nastavnik.diary import levels
from nastavnik.diary.levels import Figures
from nastavnik.diary.models import MeetingRating, PairMeeting, StatusChange, StatusChangeKind
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import services
from nastavnik.pairs.models import Pair, PairStatus
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person

# The default rule (migration): gold — 2 pairs, 4.0, trained; platinum — 5 pairs, 4.5, trained.
GOLD = MentorLevelRule(level=StatusLevel.GOLD, min_completed_pairs=2, min_average_rating=4.0, requires_training=True)
PLATINUM = MentorLevelRule(
    level=StatusLevel.PLATINUM, min_completed_pairs=5, min_average_rating=4.5, requires_training=True
)
INITIAL = MentorLevelRule(level=StatusLevel.INITIAL, min_completed_pairs=0)
RULES = [INITIAL, GOLD, PLATINUM]


@pytest.mark.parametrize(
    ("pairs", "rating", "trained", "expected"),
    [
        (2, 4.0, True, StatusLevel.GOLD),  # exactly at every gold threshold
        (1, 4.0, True, StatusLevel.INITIAL),  # one pair short
        (2, 3.99, True, StatusLevel.INITIAL),  # rating just below
        (2, 4.0, False, StatusLevel.INITIAL),  # not trained
        (2, None, True, StatusLevel.INITIAL),  # no ratings at all
        (5, 4.5, True, StatusLevel.PLATINUM),  # exactly at every platinum threshold
        (4, 4.5, True, StatusLevel.GOLD),
        (5, 4.49, True, StatusLevel.GOLD),
        (5, 4.5, False, StatusLevel.INITIAL),
        (50, 5.0, True, StatusLevel.PLATINUM),
    ],
)
def test_rule_boundaries_are_inclusive(pairs: int, rating: float | None, trained: bool, expected: str) -> None:
    figures = Figures(completed_pairs=pairs, average_rating=rating, ratings=3 if rating else 0, trained=trained)
    assert levels.level_for(figures, RULES) == expected


def test_without_rules_everyone_stays_initial() -> None:
    assert levels.level_for(Figures(99, 5.0, 10, True), []) == StatusLevel.INITIAL


@given(
    pairs=st.integers(0, 20),
    more_pairs=st.integers(0, 5),
    rating=st.one_of(st.none(), st.floats(1, 5)),
    trained=st.booleans(),
)
def test_better_figures_never_give_a_lower_level(
    pairs: int, more_pairs: int, rating: float | None, trained: bool
) -> None:
    worse = Figures(pairs, rating, 1 if rating else 0, trained)
    better = Figures(pairs + more_pairs, 5.0 if rating is None else min(rating + 0.5, 5.0), 2, True)
    assert levels.rank(levels.level_for(better, RULES)) >= levels.rank(levels.level_for(worse, RULES))


def _completed_pairs(world: World, entry: MentorEntry, count: int, scores: list[int]) -> None:
    """`count` completed pairs of the mentor; the meeting ratings `scores` go on the first one."""
    for index in range(count):
        mentee = make_mentee_entry(make_person(world.school, Role.STUDENT), entry.programme)
        pair = services.propose(entry, [mentee], Scheme.APPOINTMENT, None)
        Pair.objects.filter(pk=pair.pk).update(status=PairStatus.COMPLETED)
        if index == 0:
            for n, score in enumerate(scores):
                meeting = PairMeeting.objects.create(pair=pair, held_on=datetime.date(2026, 3, n + 1), topic=f"№{n}")
                MeetingRating.objects.create(meeting=meeting, person=mentee.person, score=score)


def test_figures_count_completed_pairs_ratings_and_the_latest_training(world: World) -> None:
    entry = world.mentor_entry
    _completed_pairs(world, entry, 2, [4, 4, 5])
    services.propose(entry, [world.mentee_entry], Scheme.APPOINTMENT, None)  # not completed: not counted
    entry.training_status = TrainingStatus.TRAINED
    entry.save()
    figures = levels.figures_for(world.people["mentor"])
    assert (figures.completed_pairs, figures.ratings, figures.trained) == (2, 3, True)
    assert figures.average_rating == pytest.approx(13 / 3)
    assert figures.text() == "2 завершённые пары; средняя оценка встреч 4,33 (3 оценки); обучение пройдено"
    assert levels.evaluate(world.people["mentor"]) == StatusLevel.GOLD


def test_average_exactly_at_the_threshold_counts(world: World) -> None:
    entry = world.mentor_entry
    entry.training_status = TrainingStatus.TRAINED
    entry.save()
    _completed_pairs(world, entry, 5, [4, 5])  # 4.5 exactly
    assert levels.evaluate(world.people["mentor"]) == StatusLevel.PLATINUM


def test_apply_moves_up_records_history_and_never_moves_down(world: World) -> None:
    entry = world.mentor_entry
    entry.training_status = TrainingStatus.TRAINED
    entry.save()
    _completed_pairs(world, entry, 2, [4, 4])
    user = world.people["curator"].user
    changes = levels.apply_levels(world.programme, user)
    assert len(changes) == 1
    change = changes[0]
    assert (change.kind, change.old_value, change.new_value) == (
        StatusChangeKind.MENTOR_LEVEL,
        StatusLevel.INITIAL,
        StatusLevel.GOLD,
    )
    assert change.changed_by == user and change.programme == world.programme
    assert (
        change.reason
        == "Начальный → Золотой: 2 завершённые пары; средняя оценка встреч 4 (2 оценки); обучение пройдено."
    )
    assert MentorEntry.objects.get(pk=entry.pk).status_level == StatusLevel.GOLD
    # Nothing new: no second row.
    assert levels.apply_levels(world.programme, user) == []
    # The rule gets stricter and the training lapses: the level stays.
    MentorLevelRule.objects.filter(level=StatusLevel.GOLD).update(min_completed_pairs=10)
    MentorEntry.objects.filter(pk=entry.pk).update(training_status=TrainingStatus.NOT_TRAINED)
    assert levels.evaluate(world.people["mentor"]) == StatusLevel.INITIAL
    assert levels.apply_levels(world.programme, user) == []
    assert MentorEntry.objects.get(pk=entry.pk).status_level == StatusLevel.GOLD
    assert StatusChange.objects.filter(kind=StatusChangeKind.MENTOR_LEVEL).count() == 1


def test_a_platinum_mentor_is_not_lowered_to_gold(world: World) -> None:
    entry = world.mentor_entry
    entry.status_level, entry.training_status = StatusLevel.PLATINUM, TrainingStatus.TRAINED
    entry.save()
    _completed_pairs(world, entry, 2, [5])
    assert levels.evaluate(world.people["mentor"]) == StatusLevel.GOLD
    assert levels.apply_levels([entry], None) == []
    assert MentorEntry.objects.get(pk=entry.pk).status_level == StatusLevel.PLATINUM


def test_rules_page_shows_the_rule_read_only(world: World) -> None:
    page = world.client_for("curator").get(reverse("pairs:level_rules")).content.decode()
    assert "Золотой" in page and "Платиновый" in page and "4,5" in page
    assert "/admin/" not in page
    assert (
        "/admin/bases/mentorlevelrule/" in world.client_for("admin").get(reverse("pairs:level_rules")).content.decode()
    )


def test_history_page_shows_figures_and_changes(world: World) -> None:
    entry = world.mentor_entry
    entry.training_status = TrainingStatus.TRAINED
    entry.save()
    _completed_pairs(world, entry, 2, [5, 4])
    levels.apply_levels(world.programme, None)
    for role in ("curator", "mentor"):
        page = world.client_for(role).get(reverse("pairs:level_history", args=[entry.pk])).content.decode()
        assert "История статуса" in page and "Начальный → Золотой: 2 завершённые пары" in page
        assert "4,5" in page


def test_history_of_another_organisation_is_not_shown_to_this_curator(world: World) -> None:
    other = MentorEntry.objects.create(person=world.people["mentor"], programme=world.other_programme)
    StatusChange.objects.create(
        person=world.people["mentor"],
        programme=world.other_programme,
        kind=StatusChangeKind.MENTOR_LEVEL,
        old_value="initial",
        new_value="gold",
        reason="Тайная запись другой школы",
    )
    page = world.client_for("curator").get(reverse("pairs:level_history", args=[world.mentor_entry.pk]))
    assert "Тайная запись другой школы" not in page.content.decode()
    own = world.client_for("mentor").get(reverse("pairs:level_history", args=[other.pk]))
    assert "Тайная запись другой школы" in own.content.decode()


@pytest.mark.django_db(transaction=True)
def test_every_level_has_a_rule_after_a_flush_and_edits_are_kept() -> None:
    """A flushed database (as after a transactional test) gets the default rules back; edited values stay."""
    from django.core.management import call_command

    MentorLevelRule.objects.filter(level=StatusLevel.GOLD).update(min_completed_pairs=3)
    call_command("flush", "--noinput", verbosity=0)
    assert set(MentorLevelRule.objects.values_list("level", flat=True)) == set(StatusLevel.values)
    MentorLevelRule.objects.filter(level=StatusLevel.GOLD).update(min_completed_pairs=3)
    call_command("migrate", verbosity=0)
    assert MentorLevelRule.objects.get(level=StatusLevel.GOLD).min_completed_pairs == 3
