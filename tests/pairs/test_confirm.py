from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from nastavnik.bases.models import Admission, MenteeStatus, MentorEntry
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import services
from nastavnik.pairs.models import PairMentee, PairStatus
from tests.conftest import World, build_world
from tests.factories import make_mentee_entry, make_person


def _admitted(world: World, capacity: int = 1) -> MentorEntry:
    entry = world.mentor_entry
    entry.admission, entry.capacity = Admission.ADMITTED, capacity
    entry.save()
    return entry


def _mentee(world: World) -> object:
    return make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)


def test_confirming_takes_a_seat_and_marks_the_mentee_matched(world: World) -> None:
    mentor = _admitted(world, capacity=2)
    pair = services.propose(mentor, [world.mentee_entry], Scheme.QUESTIONNAIRE, None, score=7.5)
    services.confirm(pair, world.people["curator"].user)
    mentor.refresh_from_db()
    world.mentee_entry.refresh_from_db()
    pair.refresh_from_db()
    assert (mentor.load, world.mentee_entry.status, pair.status) == (1, MenteeStatus.MATCHED, PairStatus.CONFIRMED)
    assert pair.confirmed_by == world.people["curator"].user


def test_a_full_mentor_refuses_another_confirmation(world: World) -> None:
    mentor = _admitted(world, capacity=1)
    services.appoint(mentor, world.mentee_entry, None)
    second = services.propose(mentor, [_mentee(world)], Scheme.QUESTIONNAIRE, None)  # type: ignore[list-item]
    with pytest.raises(services.PairError, match="нет свободных мест: занято 1 из 1"):
        services.confirm(second, None)
    second.refresh_from_db()
    assert second.status == PairStatus.PROPOSED
    assert MentorEntry.objects.get(pk=mentor.pk).load == 1


def test_a_group_takes_as_many_seats_as_it_has_mentees(world: World) -> None:
    mentor = _admitted(world, capacity=3)
    group = services.propose(mentor, [world.mentee_entry, _mentee(world), _mentee(world)], Scheme.APPOINTMENT, None)  # type: ignore[list-item]
    services.confirm(group, None)
    assert group.members.count() == 3 and MentorEntry.objects.get(pk=mentor.pk).load == 3
    assert MentorEntry.objects.get(pk=mentor.pk).free_seats == 0


def test_a_mentee_cannot_be_confirmed_twice(world: World) -> None:
    mentor = _admitted(world, capacity=3)
    first = services.propose(mentor, [world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    second = services.propose(mentor, [world.mentee_entry], Scheme.QUESTIONNAIRE, None)
    services.confirm(first, None)
    with pytest.raises(services.PairError, match="уже не ждёт наставника"):
        services.confirm(second, None)


def test_a_mentor_not_admitted_cannot_get_a_pair(world: World) -> None:
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, None)
    with pytest.raises(services.PairError, match="не допущен"):
        services.confirm(pair, None)


def test_the_database_itself_refuses_a_load_above_capacity(world: World) -> None:
    mentor = _admitted(world, capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorEntry.objects.filter(pk=mentor.pk).update(load=2)


def test_the_database_refuses_a_second_current_pair_for_a_mentee(world: World) -> None:
    mentor = _admitted(world, capacity=3)
    services.appoint(mentor, world.mentee_entry, None)
    extra = services.propose(mentor, [world.mentee_entry], Scheme.APPOINTMENT, None)
    with pytest.raises(IntegrityError), transaction.atomic():
        PairMentee.objects.filter(pair=extra).update(is_current=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL")
def test_two_curators_confirming_at_once_never_exceed_a_capacity() -> None:
    world = build_world()
    mentor = _admitted(world, capacity=1)
    pairs = [services.propose(mentor, [_mentee(world)], Scheme.QUESTIONNAIRE, None) for _ in range(6)]  # type: ignore[list-item]
    barrier = threading.Barrier(len(pairs))
    outcomes: list[str] = []

    def confirm(pair_id: int) -> None:
        from nastavnik.pairs.models import Pair

        try:
            barrier.wait()
            services.confirm(Pair.objects.get(pk=pair_id), None)
            outcomes.append("ok")
        except services.PairError:
            outcomes.append("full")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(p.pk,)) for p in pairs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full"] * 5 + ["ok"]
    assert MentorEntry.objects.get(pk=mentor.pk).load == 1
    assert PairMentee.objects.filter(is_current=True, pair__mentor=mentor).count() == 1


def test_dissolving_frees_the_seat_and_gives_the_mentee_priority(world: World) -> None:
    mentor = _admitted(world, capacity=1)
    pair = services.appoint(mentor, world.mentee_entry, None)
    with pytest.raises(services.PairError, match="Укажите причину"):
        services.dissolve(pair, "  ", None)
    services.dissolve(pair, "Наставник переехал в другой город", None)
    mentor.refresh_from_db()
    world.mentee_entry.refresh_from_db()
    assert mentor.load == 0
    assert (world.mentee_entry.status, world.mentee_entry.priority) == (MenteeStatus.WAITING, True)
    assert not PairMentee.objects.filter(is_current=True).exists()
    again = services.appoint(mentor, world.mentee_entry, None)  # the seat and the mentee are free again
    world.mentee_entry.refresh_from_db()
    assert again.status == PairStatus.CONFIRMED and world.mentee_entry.priority is False


def test_a_prioritised_mentee_wins_the_last_seat_in_the_next_run(world: World) -> None:
    from nastavnik.pairs.matching import run_questionnaire
    from nastavnik.programmes.models import ProblemCategory

    mentor = _admitted(world, capacity=1)
    problem = ProblemCategory.objects.filter(audience="student").first()
    mentor.capabilities.set([problem])
    others = [_mentee(world) for _ in range(3)]
    for entry in [world.mentee_entry, *others]:
        entry.problems.set([problem])  # type: ignore[attr-defined]
    late = others[-1]
    late.priority = True  # type: ignore[attr-defined]
    late.save()  # type: ignore[attr-defined]
    run = run_questionnaire(world.programme.forms.get(), "max_matched", world.people["curator"].user)
    chosen = [m.mentee_id for pair in run.pairs.all() for m in pair.members.all()]
    assert chosen == [late.pk]  # type: ignore[attr-defined]
