"""«Мои наставляемые», «Мой наставник» (and a parent's view of it), the director's page: each shows only
the user's own pairs, with bounded queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import MentorChangeRequest, OrderStatus, Pair, PairOrder
from nastavnik.people.models import GuardianLink, Person
from nastavnik.programmes.models import ProgrammeStatus, RoadmapItem
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person, make_programme
from tests.pairs.matrix_roles import working_pair


def _page(world: World, role: str, name: str) -> str:
    response = world.client_for(role).get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _other_pair(world: World, *, student_mentor: bool = False, grade: int = 8) -> Pair:
    """A pair of the same school with a mentor and a mentee who are not the world's."""
    role = Role.STUDENT if student_mentor else Role.TEACHER
    mentor_person = make_person(world.school, role, grade=11) if student_mentor else make_person(world.school, role)
    mentor = make_mentor_entry(mentor_person, world.programme)
    mentee = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=grade), world.programme)
    return working_pair(world, mentor=mentor, mentee=mentee)


def _meet(pair: Pair, days_ago: int, topic: str) -> PairMeeting:
    return PairMeeting.objects.create(
        pair=pair, held_on=timezone.localdate() - datetime.timedelta(days=days_ago), topic=topic
    )


# -- «Мои наставляемые» -------------------------------------------------------------------


def test_the_mentor_sees_own_pairs_with_progress_and_buttons(world: World) -> None:
    pair = working_pair(world)
    other = _other_pair(world)
    _meet(pair, 3, "Разбор контрольной")
    member = pair.members.get()
    plan = IndividualPlan.objects.create(member=member, goals="Подтянуть алгебру")
    today = timezone.localdate()
    PlanTask.objects.create(plan=plan, title="Решить вариант", due_on=today, status=TaskStatus.DONE)
    PlanTask.objects.create(plan=plan, title="Повторить формулы", due_on=today - datetime.timedelta(days=2))
    PlanTask.objects.create(plan=plan, title="Лишняя", status=TaskStatus.CANCELLED)
    page = _page(world, "mentor", "pairs:my_mentees")
    assert world.people["mentee"].full_name in page
    assert other.members.get().mentee.person.full_name not in page
    assert f"Последняя встреча: {today - datetime.timedelta(days=3):%d.%m.%Y}" in page
    assert "выполнено 1 из 2" in page and "1 задача просрочена" in page
    assert reverse("pairs:meeting_add", args=[pair.pk]) in page
    assert reverse("pairs:diary", args=[pair.pk]) in page
    assert reverse("pairs:plan", args=[member.pk]) in page
    assert reverse("pairs:diary", args=[other.pk]) not in page


def test_the_mentor_sees_own_roadmap_items_of_the_next_month(world: World) -> None:
    today = timezone.localdate()

    def item(title: str, person: Person, starts_in: int) -> None:
        start = today + datetime.timedelta(days=starts_in)
        RoadmapItem.objects.create(
            programme=world.programme,
            title=title,
            starts_on=start,
            due_on=start + datetime.timedelta(days=5),
            responsible=person,
        )

    item("Мастер-класс для наставляемых", world.people["mentor"], 10)
    item("Отчёт за полугодие", world.people["mentor"], 45)
    item("Чужое мероприятие", world.people["curator"], 5)
    item("Просроченная консультация", world.people["mentor"], -20)
    page = _page(world, "mentor", "pairs:my_mentees")
    assert "Мастер-класс для наставляемых" in page and "Просроченная консультация" in page
    assert "Отчёт за полугодие" not in page and "Чужое мероприятие" not in page
    assert "просрочено" in page


def test_a_confirmed_pair_waits_for_the_order_without_a_meeting_button(world: World) -> None:
    from nastavnik.pairs import services

    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(admission=Admission.ADMITTED)
    world.mentor_entry.refresh_from_db()
    pair = services.appoint(world.mentor_entry, world.mentee_entry, None)
    page = _page(world, "mentor", "pairs:my_mentees")
    assert "ждёт приказа о закреплении" in page
    assert reverse("pairs:meeting_add", args=[pair.pk]) not in page


def test_someone_who_mentors_nobody_is_told_so(world: World) -> None:
    _other_pair(world)
    assert "Сейчас у вас нет наставляемых" in _page(world, "teacher", "pairs:my_mentees")


# -- «Мой наставник» ----------------------------------------------------------------------


def test_the_mentee_sees_the_mentor_meetings_to_rate_and_the_plan(world: World) -> None:
    pair = working_pair(world)
    Person.objects.filter(pk=world.people["mentor"].pk).update(email="mentor@school.example", phone="+7 900 000-00-00")
    rated = _meet(pair, 10, "Знакомство")
    unrated = _meet(pair, 2, "Планирование")
    MeetingRating.objects.create(meeting=rated, person=world.people["mentee"], score=4)
    other = _other_pair(world)
    page = _page(world, "mentee", "pairs:my_mentor")
    assert world.people["mentor"].full_name in page
    # A teacher mentor's work contacts are shown.
    assert "mentor@school.example" in page and "+7 900 000-00-00" in page
    assert "моя оценка: 4" in page
    assert reverse("pairs:meeting_rate", args=[unrated.pk]) in page
    assert reverse("pairs:meeting_rate", args=[rated.pk]) not in page
    assert reverse("pairs:plan", args=[pair.members.get().pk]) in page
    assert reverse("pairs:change_request", args=[pair.pk]) in page
    assert other.mentor.person.full_name not in page


def test_a_peer_mentors_contacts_are_not_shown_the_curators_are(world: World) -> None:
    peer = make_person(world.school, Role.STUDENT, grade=11)
    Person.objects.filter(pk=peer.pk).update(email="peer@mail.example", phone="+7 999 111-22-33")
    world.programme.curator = world.people["curator"]
    world.programme.save()
    Person.objects.filter(pk=world.people["curator"].pk).update(email="curator@school.example")
    working_pair(world, mentor=make_mentor_entry(peer, world.programme))
    page = _page(world, "mentee", "pairs:my_mentor")
    assert peer.full_name in page
    assert "peer@mail.example" not in page and "+7 999 111-22-33" not in page
    assert "через куратора" in page and "curator@school.example" in page


def test_an_open_request_replaces_the_button(world: World) -> None:
    pair = working_pair(world)
    MentorChangeRequest.objects.create(pair=pair, person=world.people["mentee"], reason="Не сложилось")
    page = _page(world, "mentee", "pairs:my_mentor")
    assert "на рассмотрении" in page
    assert reverse("pairs:change_request", args=[pair.pk]) not in page


def test_a_parent_reads_own_childs_pair_only(world: World) -> None:
    pair = working_pair(world)
    _meet(pair, 5, "Знакомство")
    stranger = _other_pair(world)
    page = _page(world, "parent", "pairs:my_mentor")
    assert "Наставники моих детей" in page and world.people["mentee"].full_name in page
    assert world.people["mentor"].full_name in page and "1 встреча" in page
    # Read-only: nothing to rate or ask for.
    assert "Оценить" not in page and reverse("pairs:change_request", args=[pair.pk]) not in page
    assert stranger.mentor.person.full_name not in page
    # Another parent sees only their own child.
    other_parent = make_person(world.school, Role.PARENT, username="other_parent")
    GuardianLink.objects.create(guardian=other_parent, child=stranger.members.get().mentee.person)
    page = _page(world, "other_parent", "pairs:my_mentor")
    assert stranger.mentor.person.full_name in page and world.people["mentor"].full_name not in page


def test_nobody_without_a_mentor_sees_one(world: World) -> None:
    _other_pair(world)
    assert "Сейчас у вас нет наставника" in _page(world, "mentee", "pairs:my_mentor")


# -- the director -------------------------------------------------------------------------


def test_the_director_sees_approvals_of_own_organisation(world: World) -> None:
    draft = make_programme(world.school)
    draft.title, draft.status = "Наставничество для молодых педагогов", ProgrammeStatus.DRAFT
    draft.save()
    foreign = make_programme(world.other_school)
    foreign.title, foreign.status = "Чужая программа", ProgrammeStatus.DRAFT
    foreign.save()
    pair = working_pair(world)
    order = PairOrder.objects.create(programme=world.programme, number="7-од", status=OrderStatus.DRAFT)
    applicant = make_mentor_entry(make_person(world.school, Role.TEACHER), world.programme)
    MentorChangeRequest.objects.create(pair=pair, person=world.people["mentee"], reason="Не сложилось")
    _meet(pair, 0, "Сегодняшняя встреча")
    page = _page(world, "director", "pairs:director")
    assert "Наставничество для молодых педагогов" in page and "Чужая программа" not in page
    assert reverse("programmes:detail", args=[draft.pk]) in page
    assert reverse("pairs:order", args=[order.pk]) in page
    assert applicant.person.full_name in page and reverse("bases:mentor_detail", args=[applicant.pk]) in page
    assert "1 запрос на смену наставника" in page and "1 программа на утверждение" in page
    assert "Встреч пар в этом месяце" in page


def _count(world: World, role: str, name: str) -> int:
    client = world.client_for(role)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured.captured_queries)


def _grow(world: World, n: int) -> None:
    """More pairs for the world's mentor (capacity raised), meetings, ratings, plans and requests."""
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(capacity=30)
    world.mentor_entry.refresh_from_db()
    for i in range(n):
        mentee = make_mentee_entry(make_person(world.school, Role.STUDENT, grade=5 + i % 4), world.programme)
        pair = working_pair(world, mentee=mentee)
        meeting = _meet(pair, 3 + i, f"Встреча {i}")
        MeetingRating.objects.create(meeting=meeting, person=mentee.person, score=4)
        plan = IndividualPlan.objects.create(member=pair.members.get())
        PlanTask.objects.create(plan=plan, title="Задача", due_on=timezone.localdate())
        MentorChangeRequest.objects.create(pair=pair, person=mentee.person, reason="Причина")


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("mentor", "pairs:my_mentees"),
        ("mentee", "pairs:my_mentor"),
        ("parent", "pairs:my_mentor"),
        ("director", "pairs:director"),
    ],
)
def test_role_pages_queries_do_not_grow_with_the_data(
    world: World, role: str, name: str, django_assert_max_num_queries: Any
) -> None:
    pair = working_pair(world)
    _meet(pair, 1, "Первая")
    _grow(world, 2)
    before = _count(world, role, name)
    _grow(world, 6)
    assert _count(world, role, name) == before
    client = world.client_for(role)
    with django_assert_max_num_queries(18):
        client.get(reverse(name))
