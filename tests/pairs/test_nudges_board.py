"""The curator's board of nudges: what it flags, whose programmes, filters, pages, the threshold form."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nastavnik.bases.models import MentorEntry
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting, PlanTask
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import MentorChangeRequest, Pair
from nastavnik.programmes.models import Programme, RoadmapItem
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person, make_programme
from tests.pairs.matrix_roles import working_pair


def _ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _pair(world: World, programme: Programme | None = None, started_days_ago: int = 70) -> Pair:
    programme = programme or world.programme
    school = programme.organisation
    mentor = make_mentor_entry(make_person(school, Role.TEACHER), programme)
    mentee = make_mentee_entry(make_person(school, Role.STUDENT, grade=7), programme)
    return working_pair(world, mentor=mentor, mentee=mentee, started_on=_ago(started_days_ago))


def _meet(pair: Pair, days_ago: int, score: int | None = None) -> None:
    meeting = PairMeeting.objects.create(pair=pair, held_on=_ago(days_ago), topic="Встреча")
    if score is not None:
        MeetingRating.objects.create(meeting=meeting, person=pair.members.get().mentee.person, score=score)


def _overdue_plan(pair: Pair) -> None:
    plan = IndividualPlan.objects.create(member=pair.members.get())
    PlanTask.objects.create(plan=plan, title="Просроченная задача", due_on=_ago(3))


def _board(world: World, role: str = "curator", query: str = "") -> str:
    response = world.client_for(role).get(reverse("pairs:nudges") + query)
    assert response.status_code == 200
    return response.content.decode()


def _name(pair: Pair) -> str:
    return pair.mentor.person.full_name


def test_the_board_flags_every_kind_of_trouble(world: World) -> None:
    quiet = _pair(world)
    _meet(quiet, 35, 5)
    healthy = _pair(world)
    _meet(healthy, 5, 5)
    dropping = _pair(world)
    for days, score in ((40, 5), (30, 5), (20, 4), (10, 4)):
        _meet(dropping, days, score)
    planned = _pair(world)
    _meet(planned, 2)
    _overdue_plan(planned)
    MentorChangeRequest.objects.create(
        pair=planned, person=planned.members.get().mentee.person, reason="Хочу другого наставника по физике"
    )
    RoadmapItem.objects.create(
        programme=world.programme, title="Педсовет по итогам четверти", starts_on=_ago(20), due_on=_ago(10)
    )
    page = _board(world)
    assert "1 пара без встреч" in page and "1 план с просроченными задачами" in page
    assert "1 снижение оценок" in page and "1 запрос на смену наставника" in page
    assert "1 просроченное мероприятие" in page
    assert _name(quiet) in page and "5 недель без встреч" in page
    assert _name(healthy) not in page
    assert "средняя двух последних оценок 4,0, до них — 5,0" in page
    assert reverse("pairs:plan", args=[planned.members.get().pk]) in page
    assert "Хочу другого наставника по физике" in page
    assert "Педсовет по итогам четверти" in page
    assert reverse("programmes:roadmap", args=[world.programme.pk]) in page


def test_another_schools_curator_sees_none_of_it(world: World) -> None:
    quiet = _pair(world)
    MentorChangeRequest.objects.create(pair=quiet, person=quiet.members.get().mentee.person, reason="Секрет")
    page = _board(world, "other_curator")
    assert _name(quiet) not in page and "Секрет" not in page
    assert "0 пар без встреч" in page


def test_filter_by_programme(world: World) -> None:
    second = make_programme(world.school)
    second.title = "Молодой специалист"
    second.save()
    first_pair = _pair(world)
    second_pair = _pair(world, second)
    page = _board(world)
    assert _name(first_pair) in page and _name(second_pair) in page and "2 пары без встреч" in page
    page = _board(world, query=f"?programme={second.pk}")
    assert _name(second_pair) in page and _name(first_pair) not in page
    # A programme of another school or nonsense is ignored, never an error.
    for bad in (str(world.other_programme.pk), "abc", "1;drop"):
        assert "2 пары без встреч" in _board(world, query=f"?programme={bad}")


def test_sections_are_paginated_separately(world: World) -> None:
    MentorEntry.objects.all().update(capacity=30)
    pairs = [_pair(world) for _ in range(12)]
    page = _board(world)
    assert "12 пар без встреч" in page and "Страница 1 из 2" in page
    shown = [p for p in pairs if _name(p) in page]
    assert len(shown) == 10
    page = _board(world, query="?quiet_page=2")
    assert len([p for p in pairs if _name(p) in page]) == 2
    assert "Страница 2 из 2" in _board(world, query="?quiet_page=999")


def _count(world: World) -> int:
    client = world.client_for("curator")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("pairs:nudges")).status_code == 200
    return len(captured.captured_queries)


def _trouble(world: World, n: int) -> None:
    for _ in range(n):
        quiet = _pair(world)
        _overdue_plan(quiet)
        dropping = _pair(world)
        for days, score in ((20, 5), (10, 1)):
            _meet(dropping, days, score)
        MentorChangeRequest.objects.create(pair=dropping, person=dropping.members.get().mentee.person, reason="Нет")
        RoadmapItem.objects.create(programme=world.programme, title="Мероприятие", starts_on=_ago(9), due_on=_ago(8))


def test_board_queries_do_not_grow_with_the_data(world: World, django_assert_max_num_queries: Any) -> None:
    _trouble(world, 2)
    before = _count(world)
    _trouble(world, 7)
    assert _count(world) == before
    client = world.client_for("curator")
    with django_assert_max_num_queries(25):
        client.get(reverse("pairs:nudges"))


# -- the threshold ----------------------------------------------------------------------------


def test_the_curator_changes_the_threshold_with_russian_errors(world: World) -> None:
    client = world.client_for("curator")
    url = reverse("pairs:nudge_settings", args=[world.programme.pk])
    assert "Недель без встреч до напоминания" in client.get(url).content.decode()
    for bad, message in (("27", "Не больше 26 недель"), ("-1", "не может быть отрицательным"), ("abc", "целое число")):
        response = client.post(url, {"nudge_weeks": bad})
        assert response.status_code == 400 and message in response.content.decode()
    world.programme.refresh_from_db()
    assert world.programme.nudge_weeks == 3
    response = client.post(url, {"nudge_weeks": "5"})
    assert response["Location"] == f"{reverse('pairs:nudges')}?programme={world.programme.pk}"
    world.programme.refresh_from_db()
    assert world.programme.nudge_weeks == 5
    # With 5 weeks a pair quiet for 4 is no longer flagged.
    pair = _pair(world)
    _meet(pair, 28)
    assert _name(pair) not in _board(world)
