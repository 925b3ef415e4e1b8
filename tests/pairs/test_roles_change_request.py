"""A mentee asks for another mentor; the curator accepts or rejects the request with an answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle
from nastavnik.pairs.models import MentorChangeRequest, Pair, RequestStatus
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.pairs.matrix_roles import working_pair


@pytest.fixture
def pair(world: World) -> Pair:
    return working_pair(world)


def _ask(world: World, pair: Pair, reason: str = "Наставник не отвечает на сообщения", role: str = "mentee") -> int:
    return world.client_for(role).post(reverse("pairs:change_request", args=[pair.pk]), {"reason": reason}).status_code


def test_the_mentee_asks_and_the_reason_is_required(world: World, pair: Pair) -> None:
    client = world.client_for("mentee")
    url = reverse("pairs:change_request", args=[pair.pk])
    assert "Отправить запрос куратору" in client.get(url).content.decode()
    for blank in ("", "   \n "):
        response = client.post(url, {"reason": blank})
        assert response.status_code == 400
        assert "Напишите, почему вы просите другого наставника." in response.content.decode()
    assert not MentorChangeRequest.objects.exists()
    response = client.post(url, {"reason": "  Нам трудно договориться о встречах  "})
    assert response.status_code == 302 and response["Location"] == reverse("pairs:my_mentor")
    found = MentorChangeRequest.objects.get()
    assert (found.pair, found.person, found.reason, found.status) == (
        pair,
        world.people["mentee"],
        "Нам трудно договориться о встречах",
        RequestStatus.OPEN,
    )


def test_one_open_request_per_pair_and_person(world: World, pair: Pair) -> None:
    assert _ask(world, pair) == 302
    response = world.client_for("mentee").post(reverse("pairs:change_request", args=[pair.pk]), {"reason": "Ещё раз"})
    assert response.status_code == 400
    assert "уже на рассмотрении" in response.content.decode()
    assert MentorChangeRequest.objects.count() == 1
    # Once the curator answered, the mentee may ask again.
    MentorChangeRequest.objects.update(status=RequestStatus.REJECTED, answer="Попробуйте ещё месяц")
    assert _ask(world, pair, "Прошёл месяц, лучше не стало") == 302
    assert MentorChangeRequest.objects.filter(status=RequestStatus.OPEN).count() == 1


def test_only_the_pairs_mentee_may_ask(world: World, pair: Pair) -> None:
    # The mentor and the school's staff see the pair but may not ask in the mentee's name.
    for role in ("mentor", "curator", "director"):
        assert _ask(world, pair, role=role) == 403
    # Another mentee of the school, the parent and another school's curator do not see the pair at all.
    other = make_person(world.school, Role.STUDENT, username="other_mentee", grade=8)
    make_mentee_entry(other, world.programme)
    for role in ("other_mentee", "parent", "other_curator"):
        assert _ask(world, pair, role=role) == 404
    assert not MentorChangeRequest.objects.exists()


def test_no_request_for_a_pair_that_no_longer_works(world: World, pair: Pair) -> None:
    lifecycle.complete(pair, None, "stop", override_reason="Конец учебного года")
    assert _ask(world, pair) == 403
    assert not MentorChangeRequest.objects.exists()


@pytest.fixture
def open_request(world: World, pair: Pair) -> MentorChangeRequest:
    assert _ask(world, pair, "Хочу наставника, который готовит к олимпиаде") == 302
    return MentorChangeRequest.objects.get()


def _resolve(world: World, found: MentorChangeRequest, role: str = "curator", **data: str) -> Any:
    return world.client_for(role).post(reverse("pairs:change_request_resolve", args=[found.pk]), data)


def test_a_rejection_needs_an_answer_the_mentee_then_reads(world: World, open_request: MentorChangeRequest) -> None:
    response = _resolve(world, open_request, decision="reject", answer="  ")
    assert response.status_code == 400
    assert "Напишите наставляемому, почему запрос отклонён." in response.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.OPEN
    response = _resolve(world, open_request, decision="reject", answer="Давайте попробуем ещё месяц")
    assert response["Location"] == reverse("pairs:nudges")
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.REJECTED
    assert open_request.answer == "Давайте попробуем ещё месяц"
    assert open_request.resolved_by == User.objects.get(username="curator") and open_request.resolved_at
    page = world.client_for("mentee").get(reverse("pairs:my_mentor")).content.decode()
    assert "Давайте попробуем ещё месяц" in page and "Отклонён" in page


def test_accepting_sends_the_curator_to_the_pair(world: World, open_request: MentorChangeRequest) -> None:
    response = _resolve(world, open_request, decision="accept")
    assert response["Location"] == reverse("pairs:detail", args=[open_request.pair_id])
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.ACCEPTED
    # A second answer changes nothing.
    response = _resolve(world, open_request, decision="reject", answer="Передумал")
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert (open_request.status, open_request.answer) == (RequestStatus.ACCEPTED, "")


def test_only_the_programmes_staff_resolve(world: World, open_request: MentorChangeRequest) -> None:
    assert _resolve(world, open_request, "other_curator", decision="accept").status_code == 404
    assert _resolve(world, open_request, "mentor", decision="accept").status_code == 404
    for role in ("mentee", "region", "district"):
        assert _resolve(world, open_request, role, decision="accept").status_code == 403
    open_request.refresh_from_db()
    assert open_request.status == RequestStatus.OPEN


def test_an_outside_next_address_is_ignored(world: World, open_request: MentorChangeRequest) -> None:
    response = _resolve(world, open_request, decision="reject", answer="Нет", next="https://evil.example/")
    assert response["Location"] == reverse("pairs:nudges")
