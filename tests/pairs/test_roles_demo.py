"""The demo shows the role pages working: a non-empty board of nudges, a mentor and a mentee with pairs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.demo import catalog
from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.diary import nudges
from nastavnik.pairs.models import MentorChangeRequest, Pair, PairMentee, PairStatus, RequestStatus
from nastavnik.people.models import Person


@pytest.fixture
def demo(db: None) -> None:
    call_command("demo-data", stdout=StringIO())


def _client(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_the_demo_board_has_something_in_each_pair_section(demo: None) -> None:
    today = timezone.localdate()
    school_pairs = Pair.objects.filter(programme__organisation__slug=catalog.SCHOOL1_SLUG)
    weeks = [nudges.quiet_weeks(p, today) for p in nudges.quiet_pairs(school_pairs, today)]
    assert 5 in weeks
    assert nudges.satisfaction_drops(school_pairs)
    assert nudges.plans_with_overdue(school_pairs, today).exists()
    (request,) = MentorChangeRequest.objects.filter(status=RequestStatus.OPEN)
    assert request.person.user is None  # not the demo mentee's own pair
    page = _client("curator").get(reverse("pairs:nudges")).content.decode()
    assert request.reason in page and "5 недель без встреч" in page


def test_the_demo_mentor_and_mentee_have_working_pairs(demo: None) -> None:
    today = timezone.localdate()
    mentor = Person.objects.get(user__username="mentor")
    assert Pair.objects.filter(mentor__person=mentor, status=PairStatus.ACTIVE).exists()
    mentee = Person.objects.get(user__username="mentee")
    member = PairMentee.objects.select_related("pair").get(mentee__person=mentee, is_current=True)
    own = Pair.objects.filter(pk=member.pair_id)
    # The demo mentee's pair is a healthy one: nothing about it on the curator's board.
    assert not nudges.quiet_pairs(own, today).exists() and not nudges.satisfaction_drops(own)
    page = _client("mentee").get(reverse("pairs:my_mentor")).content.decode()
    assert member.pair.mentor.person.full_name in page and "Оценить" in page
    page = _client("mentor").get(reverse("pairs:my_mentees")).content.decode()
    assert "Записать встречу" in page
    assert "Наставники моих детей" in _client("parent").get(reverse("pairs:my_mentor")).content.decode()
