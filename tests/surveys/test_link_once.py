"""A personal link accepts one answer, even when several requests by it arrive at once."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from nastavnik.surveys import engine, services
from nastavnik.surveys.answering import parse_answers
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.conftest import World, build_world

# Wide enough to be open whatever day the suite runs (the answer page checks today's date itself).
OPENS_ON = datetime.date(2000, 1, 1)
CLOSES_ON = datetime.date(2999, 12, 31)
MOMENT = datetime.datetime(2026, 10, 5, 14, 30, tzinfo=datetime.UTC)


def _campaign(world: World, *, anonymous: bool = False) -> Campaign:
    return Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка",
        anonymous=anonymous,
        opens_on=OPENS_ON,
        closes_on=CLOSES_ON,
    )


def _form(version: InstrumentVersion) -> dict[str, str]:
    """A complete answer sheet as the answer page posts it: every scale question at its minimum + 1."""
    return {f"q_{q['id']}": str(q.get("min", 1) + 1) for q in version.questions() if q["type"] == "scale"}


def _checked(version: InstrumentVersion) -> engine.Checked:
    post = QueryDict(mutable=True)
    post.update(_form(version))
    checked = engine.check(version.definition, parse_answers(version.definition, post))
    assert not checked.errors
    return checked


@pytest.mark.parametrize("anonymous", [False, True])
def test_a_second_answer_by_a_stale_invitation_is_refused_and_writes_nothing(world: World, anonymous: bool) -> None:
    campaign = _campaign(world, anonymous=anonymous)
    invitation = Invitation.objects.create(campaign=campaign, person=world.people["mentee"])
    # Both requests loaded the invitation before either saved: both see it unanswered.
    first, second = Invitation.objects.get(pk=invitation.pk), Invitation.objects.get(pk=invitation.pk)
    services.store_response(first, _checked(campaign.version), now=MOMENT)
    with pytest.raises(services.AlreadyAnswered):
        services.store_response(second, _checked(campaign.version), now=MOMENT + datetime.timedelta(minutes=1))
    assert Response.objects.filter(campaign=campaign).count() == 1
    invitation.refresh_from_db()
    expected = MOMENT.replace(hour=0, minute=0) if anonymous else MOMENT
    assert invitation.answered_at == expected


def test_posting_again_by_a_used_link_shows_answer_already_taken(world: World, client: Client) -> None:
    campaign = _campaign(world)
    invitation = Invitation.objects.create(campaign=campaign, person=world.people["mentee"])
    url = reverse("surveys:answer", args=[invitation.token])
    assert client.post(url, _form(campaign.version)).status_code == 200
    again = client.post(url, _form(campaign.version))
    assert again.status_code == 409
    assert "Ответ уже принят" in again.content.decode()
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_the_database_refuses_a_second_named_response_of_one_person(world: World) -> None:
    campaign = _campaign(world)
    person = world.people["mentee"]
    Response.objects.create(campaign=campaign, version=campaign.version, person=person, submitted_at=MOMENT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(campaign=campaign, version=campaign.version, person=person, submitted_at=MOMENT)
    # Anonymous answers have no person: any number of them is allowed.
    for _ in range(2):
        Response.objects.create(campaign=campaign, version=campaign.version, person=None, submitted_at=MOMENT)
    assert Response.objects.filter(campaign=campaign).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="parallel transactions need PostgreSQL")
@pytest.mark.parametrize("anonymous", [False, True])
def test_parallel_answers_by_one_link_store_exactly_one(anonymous: bool) -> None:
    world = build_world()
    campaign = _campaign(world, anonymous=anonymous)
    invitation = Invitation.objects.create(campaign=campaign, person=world.people["mentee"])
    url = reverse("surveys:answer", args=[invitation.token])
    form = _form(campaign.version)
    threads_count = 8
    barrier = threading.Barrier(threads_count)
    outcomes: list[tuple[int, str]] = []

    def post() -> None:
        try:
            client = Client(raise_request_exception=False)
            barrier.wait()
            reply = client.post(url, form)
            outcomes.append((reply.status_code, reply.content.decode()))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _ in outcomes) == [200] + [409] * (threads_count - 1)
    assert all("Ответ уже принят" in page for status, page in outcomes if status == 409)
    assert Response.objects.filter(campaign=campaign).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).answered_at is not None
