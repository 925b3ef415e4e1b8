"""A person is never on both sides of a pair, and a banned pair («не ставить в пару») never forms."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nastavnik.bases.models import Admission, MenteeEntry, MentorEntry
from nastavnik.matching.models import ConstraintKind, MatchingConstraint, Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import matching, meetings, services
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person


def _peer_mentor_with_request(world: World) -> tuple[MentorEntry, MenteeEntry]:
    """An admitted peer mentor who also asked for a mentor herself, in the same form."""
    person = make_person(world.school, Role.STUDENT, grade=10)
    mentor = make_mentor_entry(person, world.programme, admission=Admission.ADMITTED, capacity=2)
    return mentor, make_mentee_entry(person, world.programme)


def _old_proposal(mentor: MentorEntry, mentee: MenteeEntry) -> Pair:
    """A proposal stored before the rule existed (bypassing the service)."""
    pair = Pair.objects.create(programme=mentor.programme, mentor=mentor, scheme=Scheme.QUESTIONNAIRE)
    PairMentee.objects.create(pair=pair, mentee=mentee)
    return pair


def _ban(world: World, mentor: MentorEntry, mentee: MenteeEntry) -> None:
    MatchingConstraint.objects.create(
        programme=world.programme, mentor=mentor, mentee=mentee, kind=ConstraintKind.FORBID, reason="Родственники"
    )


def test_the_service_refuses_to_propose_a_person_to_herself(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    with pytest.raises(services.PairError, match="не может быть наставником самому себе"):
        services.propose(mentor, [mentee], Scheme.APPOINTMENT, None)
    assert not Pair.objects.filter(mentor=mentor).exists()


def test_confirming_an_old_self_proposal_is_refused_and_changes_nothing(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    pair = _old_proposal(mentor, mentee)
    with pytest.raises(services.PairError, match="не может быть наставником самому себе"):
        services.confirm(pair, None)
    pair.refresh_from_db()
    mentor.refresh_from_db()
    assert (pair.status, mentor.load) == (PairStatus.PROPOSED, 0)


def test_confirming_a_banned_pair_is_refused(world: World) -> None:
    mentor, _ = _peer_mentor_with_request(world)
    pair = _old_proposal(mentor, world.mentee_entry)
    _ban(world, mentor, world.mentee_entry)
    with pytest.raises(services.PairError, match="не ставить в пару"):
        services.confirm(pair, None)
    assert Pair.objects.get(pk=pair.pk).status == PairStatus.PROPOSED


def test_questionnaire_matching_never_pairs_a_person_with_herself(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    MentorEntry.objects.filter(pk=world.mentor_entry.pk).update(admission=Admission.REJECTED)
    run = matching.run_questionnaire(mentee.programme_form, "max_matched", world.people["curator"].user)
    assert not PairMentee.objects.filter(pair__run=run, mentee=mentee).exists()
    assert PairMentee.objects.filter(pair__run=run, pair__mentor=mentor, mentee=world.mentee_entry).exists()


def test_the_appointment_page_offers_neither_herself_nor_a_banned_mentor(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    client = world.client_for("curator")
    offered = f'name="mentor" value="{mentor.pk}"'
    assert offered in client.get(reverse("pairs:appoint", args=[world.mentee_entry.pk])).content.decode()
    assert offered not in client.get(reverse("pairs:appoint", args=[mentee.pk])).content.decode()
    _ban(world, mentor, world.mentee_entry)
    assert offered not in client.get(reverse("pairs:appoint", args=[world.mentee_entry.pk])).content.decode()


def test_a_tampered_appointment_post_for_herself_creates_no_pair(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    client = world.client_for("curator")
    response = client.post(reverse("pairs:appoint", args=[mentee.pk]), {"mentor": str(mentor.pk)})
    assert response.status_code == 302
    assert not Pair.objects.filter(mentor=mentor).exists()


def test_the_group_meeting_forbids_a_person_with_herself(world: World) -> None:
    mentor, mentee = _peer_mentor_with_request(world)
    fields = {"title": "Встреча", "date": datetime.date(2026, 10, 1)}
    meeting = meetings.create_meeting(mentee.programme_form, fields, [mentor], [mentee], None)
    data = meetings.stable_input(meeting)
    assert (str(mentor.pk), str(mentee.pk)) in {(link.mentor, link.mentee) for link in data.forbidden}


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    roles=st.lists(st.sampled_from(["mentor", "mentee", "both"]), min_size=1, max_size=6),
    capacities=st.lists(st.integers(min_value=1, max_value=3), min_size=6, max_size=6),
)
def test_no_proposal_ever_has_the_same_person_on_both_sides(
    world: World, roles: list[str], capacities: list[int]
) -> None:
    with transaction.atomic():
        for role, capacity in zip(roles, capacities, strict=False):
            person = make_person(world.school, Role.STUDENT, grade=9)
            if role in {"mentor", "both"}:
                make_mentor_entry(person, world.programme, admission=Admission.ADMITTED, capacity=capacity)
            if role in {"mentee", "both"}:
                make_mentee_entry(person, world.programme)
        form = world.programme.forms.get()
        run = matching.run_questionnaire(form, "max_matched", world.people["curator"].user)
        rows = PairMentee.objects.filter(pair__run=run).values_list("pair__mentor__person_id", "mentee__person_id")
        assert all(mentor_person != mentee_person for mentor_person, mentee_person in rows)
        transaction.set_rollback(True)
