"""The nudge rules at their boundaries and the mentors' reminders (stable keys, sent once)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.diary import nudges
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.reminders.sending import send_once
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person
from tests.pairs.matrix_roles import working_pair

START = datetime.date(2026, 9, 14)


def _meet(pair: Pair, day: datetime.date, *scores: tuple[Person, int]) -> PairMeeting:
    meeting = PairMeeting.objects.create(pair=pair, held_on=day, topic=f"Встреча {day:%d.%m}")
    for person, score in scores:
        MeetingRating.objects.create(meeting=meeting, person=person, score=score)
    return meeting


def _flagged(today: datetime.date) -> set[int]:
    return set(nudges.quiet_pairs(Pair.objects.all(), today).values_list("pk", flat=True))


def _second(w: World, grade: int = 8) -> tuple[MentorEntry, MenteeEntry]:
    mentor = make_mentor_entry(make_person(w.school, Role.TEACHER, experience_years=9), w.programme)
    mentee = make_mentee_entry(make_person(w.school, Role.STUDENT, grade=grade), w.programme)
    return mentor, mentee


# -- no meeting for N weeks ---------------------------------------------------------------


def test_a_pair_is_flagged_after_exactly_n_weeks_without_a_meeting(world: World) -> None:
    pair = working_pair(world, started_on=START)
    assert world.programme.nudge_weeks == 3
    assert pair.pk not in _flagged(START + datetime.timedelta(days=20))
    assert pair.pk in _flagged(START + datetime.timedelta(days=21))


def test_the_last_meeting_restarts_the_count_and_a_future_one_does_not(world: World) -> None:
    pair = working_pair(world, started_on=START)
    met = START + datetime.timedelta(days=10)
    _meet(pair, met)
    _meet(pair, met + datetime.timedelta(days=60))  # planned ahead, not held yet
    assert pair.pk not in _flagged(met + datetime.timedelta(days=20))
    assert pair.pk in _flagged(met + datetime.timedelta(days=21))
    row = nudges.quiet_pairs(Pair.objects.all(), met + datetime.timedelta(days=30)).get()
    assert row.last_met == met and nudges.quiet_weeks(row, met + datetime.timedelta(days=30)) == 4


def test_without_a_start_date_the_count_runs_from_confirmation(world: World) -> None:
    pair = working_pair(world)
    Pair.objects.filter(pk=pair.pk).update(
        started_on=None, confirmed_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 12, 0))
    )
    assert pair.pk not in _flagged(datetime.date(2026, 10, 21))
    assert pair.pk in _flagged(datetime.date(2026, 10, 22))


def test_the_threshold_is_the_programmes_and_zero_switches_it_off(world: World) -> None:
    pair = working_pair(world, started_on=START)
    day = START + datetime.timedelta(days=21)
    world.programme.nudge_weeks = 4
    world.programme.save()
    assert pair.pk not in _flagged(day)
    assert pair.pk in _flagged(day + datetime.timedelta(days=7))
    world.programme.nudge_weeks = 0
    world.programme.save()
    assert _flagged(day + datetime.timedelta(days=365)) == set()


def test_only_fixed_and_active_pairs_are_expected_to_meet(world: World) -> None:
    pair = working_pair(world, started_on=START)
    lifecycle.complete(pair, None, "stop", override_reason="Наставляемый перешёл в другую школу")
    assert _flagged(START + datetime.timedelta(days=100)) == set()


# -- satisfaction ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "dropped"),
    [
        ([], False),
        ([3], False),
        ([2], True),  # the latest mark is 2 or lower
        ([5, 5, 5, 1], True),
        ([5, 2, 3], True),  # the latest is 3, but 2.5 is far below the 5 before
        ([3, 3, 3], False),
        ([5, 5], False),  # two marks: nothing to compare with yet
        ([5, 5, 4, 4], True),  # 4 ≤ 5 − 1: exactly one point lower counts
        ([5, 5, 5, 4], False),  # 4.5 is only half a point lower
        ([5, 4, 4], True),
        ([4, 5, 3, 4], True),  # earlier 4.5, latest 3.5: exactly one point, in halves
        ([4, 5, 4, 4], False),
    ],
)
def test_satisfaction_drop_rule(scores: list[int], dropped: bool) -> None:
    assert (nudges.satisfaction_drop(scores) is not None) is dropped


@given(st.lists(st.integers(min_value=1, max_value=5), max_size=12))
def test_satisfaction_drop_matches_the_definition_in_exact_fractions(scores: list[int]) -> None:
    expected = bool(scores) and (
        scores[-1] <= 2
        or (len(scores) >= 3 and Fraction(sum(scores[-2:]), 2) <= Fraction(sum(scores[:-2]), len(scores) - 2) - 1)
    )
    assert (nudges.satisfaction_drop(scores) is not None) is expected


def test_drops_are_per_mentee_in_the_order_meetings_were_held(world: World) -> None:
    mentee = world.people["mentee"]
    pair = working_pair(world, started_on=START)
    days = [START + datetime.timedelta(days=7 * i) for i in range(4)]
    meetings = [_meet(pair, day) for day in days]
    # Rated out of order: the latest meeting got a 5, so the series in meeting order is 4, 4, 3, 5.
    for meeting, score in zip([meetings[3], meetings[0], meetings[1], meetings[2]], [5, 4, 4, 3], strict=True):
        MeetingRating.objects.create(meeting=meeting, person=mentee, score=score)
    assert nudges.satisfaction_drops(Pair.objects.all()) == []
    MeetingRating.objects.filter(meeting=meetings[3]).update(score=2)
    (drop,) = nudges.satisfaction_drops(Pair.objects.all())
    assert (drop.pair_id, drop.person_id, drop.last_score, drop.last_on) == (pair.pk, mentee.pk, 2, days[3])
    assert "2" in drop.reason


def test_in_a_group_each_mentee_is_judged_on_their_own_marks(world: World) -> None:
    other = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=7), world.programme)
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(admission="admitted", takes_group=True)
    group = services.propose(world.mentor_entry, [world.mentee_entry, other], "appointment", None)
    group = services.confirm(group, None)
    lifecycle.move(group, PairStatus.FIXED, None)
    lifecycle.activate(group, None, START)
    for week, (happy, unhappy) in enumerate([(5, 5), (5, 4), (4, 2)]):
        _meet(
            group, START + datetime.timedelta(days=7 * week), (world.people["mentee"], happy), (other.person, unhappy)
        )
    (drop,) = nudges.satisfaction_drops(Pair.objects.all())
    assert (drop.pair_id, drop.person_id) == (group.pk, other.person_id)


# -- overdue plan tasks ---------------------------------------------------------------------


def _plan(pair: Pair) -> IndividualPlan:
    return IndividualPlan.objects.create(member=pair.members.get(), goals="Подтянуть математику")


def test_a_task_is_overdue_the_day_after_its_deadline_while_open(world: World) -> None:
    pair = working_pair(world, started_on=START)
    plan = _plan(pair)
    due = START + datetime.timedelta(days=30)
    for status in TaskStatus.values:
        PlanTask.objects.create(plan=plan, title=f"Задача {status}", due_on=due, status=status)
    assert nudges.overdue_tasks(Pair.objects.all(), due).count() == 0
    overdue = nudges.overdue_tasks(Pair.objects.all(), due + datetime.timedelta(days=1))
    assert sorted(overdue.values_list("status", flat=True)) == sorted([TaskStatus.TODO, TaskStatus.IN_PROGRESS])
    (row,) = nudges.plans_with_overdue(Pair.objects.all(), due + datetime.timedelta(days=1))
    assert (row.overdue, row.oldest_due) == (2, due)


# -- reminders to mentors -------------------------------------------------------------------


@pytest.fixture
def reminders_world(world: World) -> tuple[World, Pair, PlanTask]:
    Person.objects.filter(pk=world.people["mentor"].pk).update(email="mentor@school.example")
    pair = working_pair(world, started_on=START)
    task = PlanTask.objects.create(
        plan=_plan(pair), title="Решить вариант ОГЭ", due_on=START + datetime.timedelta(days=7)
    )
    return world, pair, task


def test_reminders_have_stable_keys_and_russian_text(
    reminders_world: tuple[World, Pair, PlanTask], settings: pytest.FixtureRequest
) -> None:
    settings.SITE_URL = "https://nastavnik.example"  # type: ignore[attr-defined]
    _, pair, task = reminders_world
    today = START + datetime.timedelta(days=35)  # Monday 19.10.2026, ISO week 43
    first = nudges.mentor_reminders(today)
    assert [r.key for r in first] == [
        f"nudge:no-meeting:{pair.pk}:2026-W43",
        f"nudge:plan-task:{task.pk}:due:2026-09-21",
    ]
    assert nudges.mentor_reminders(today) == first
    # The same ISO week gives the same key; the next week a new reminder.
    assert nudges.mentor_reminders(today + datetime.timedelta(days=6))[0].key == first[0].key
    assert nudges.mentor_reminders(today + datetime.timedelta(days=7))[0].key.endswith(":2026-W44")
    quiet, overdue = first
    assert quiet.recipient == overdue.recipient == "mentor@school.example"
    assert "5 недель" in quiet.subject and "нет встреч" in quiet.subject
    assert f"https://nastavnik.example/pairs/{pair.pk}/diary/add/" in quiet.body
    assert "Решить вариант ОГЭ" in overdue.body and "21.09.2026" in overdue.body
    assert f"https://nastavnik.example/pairs/plans/{pair.members.get().pk}/" in overdue.body


def test_a_moved_deadline_is_a_new_reminder_and_a_done_task_none(
    reminders_world: tuple[World, Pair, PlanTask],
) -> None:
    _, _, task = reminders_world
    today = START + datetime.timedelta(days=35)
    task.due_on = START + datetime.timedelta(days=14)
    task.save()
    assert f"nudge:plan-task:{task.pk}:due:2026-09-28" in [r.key for r in nudges.mentor_reminders(today)]
    task.status = TaskStatus.DONE
    task.save()
    assert not any(r.key.startswith("nudge:plan-task") for r in nudges.mentor_reminders(today))


def test_send_once_sends_each_reminder_once(reminders_world: tuple[World, Pair, PlanTask]) -> None:
    today = START + datetime.timedelta(days=35)
    mail.outbox.clear()
    sent = [send_once(r.key, r.recipient, r.subject, r.body) for r in nudges.mentor_reminders(today)]
    assert sent == [True, True] and len(mail.outbox) == 2
    again = [send_once(r.key, r.recipient, r.subject, r.body) for r in nudges.mentor_reminders(today)]
    assert again == [False, False] and len(mail.outbox) == 2


def test_the_login_email_is_used_and_a_mentor_without_one_gets_nothing(world: World) -> None:
    pair = working_pair(world, started_on=START)
    today = START + datetime.timedelta(days=35)
    assert nudges.mentor_reminders(today) == []
    user = world.people["mentor"].user
    assert user is not None
    user.email = "savina@example.org"
    user.save()
    (reminder,) = nudges.mentor_reminders(today)
    assert reminder.recipient == "savina@example.org" and str(pair.pk) in reminder.key


def test_reminder_queries_do_not_grow_with_pairs(
    world: World, django_assert_max_num_queries: pytest.FixtureRequest
) -> None:
    Person.objects.filter(pk=world.people["mentor"].pk).update(email="mentor@school.example")
    for grade in range(5, 10):
        mentor, mentee = _second(world, grade)
        Person.objects.filter(pk=mentor.person_id).update(email=f"m{grade}@school.example")
        pair = working_pair(world, mentor=mentor, mentee=mentee, started_on=START)
        PlanTask.objects.create(plan=_plan(pair), title="Задача", due_on=START)
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        reminders = nudges.mentor_reminders(START + datetime.timedelta(days=35))
    assert len(reminders) == 10
