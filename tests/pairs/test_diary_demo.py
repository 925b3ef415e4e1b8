"""The demo shows the meeting log, the ratings and the plans working right after `make demo`."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from nastavnik.demo.accounts import DEMO_PASSWORD
from nastavnik.demo.diaries import THEMES, theme_for
from nastavnik.diary import log as diary
from nastavnik.diary.models import MeetingAttachment, MeetingRating, PairMeeting
from nastavnik.pairs.models import MeetingKind, Pair, PairStatus


@pytest.fixture
def demo(db: None, settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo-data", stdout=StringIO())


def _client(username: str) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_working_pairs_have_logs_in_the_order_of_the_method(demo: None) -> None:
    today = datetime.date.today()
    active = Pair.objects.filter(status=PairStatus.ACTIVE).annotate(n=Count("meetings")).filter(n__gt=0)
    assert active.count() >= 2
    for pair in active:
        meetings = list(pair.meetings.order_by("held_on", "id"))
        assert meetings[0].kind == MeetingKind.INTRO
        assert all(m.held_on <= today for m in meetings)
        confirmed = diary.confirmed_on(pair)
        assert confirmed is None or meetings[0].held_on >= confirmed
        assert all(5 <= m.duration_minutes <= 600 for m in meetings)
        assert not pair.meetings.filter(kind=MeetingKind.FINAL).exists()


def test_pairs_completed_last_year_have_one_final_meeting_and_finished_plans(demo: None) -> None:
    completed = Pair.objects.filter(status=PairStatus.COMPLETED)
    assert completed.exists()
    for pair in completed:
        assert pair.meetings.filter(kind=MeetingKind.FINAL).count() == 1
        last = pair.meetings.order_by("-held_on", "-id").first()
        assert last is not None and last.kind == MeetingKind.FINAL
        for member in pair.members.all():
            assert not member.plan.tasks.exclude(status="done").exists()


def test_the_demo_mentee_has_a_meeting_to_rate_and_a_rated_one(demo: None) -> None:
    client = _client("mentee")
    person = client.get(reverse("home")).wsgi_request.user.person  # type: ignore[attr-defined]
    pair = Pair.objects.filter(members__mentee__person=person, status=PairStatus.ACTIVE).get()
    rated = MeetingRating.objects.filter(meeting__pair=pair, person=person)
    assert rated.exists()
    unrated = pair.meetings.exclude(ratings__person=person)
    assert unrated.exists()
    page = client.get(reverse("pairs:diary", args=[pair.pk])).content.decode()
    assert reverse("pairs:meeting_rate", args=[unrated.first().pk]) in page  # type: ignore[union-attr]
    assert client.get(reverse("pairs:meeting_rate", args=[unrated.first().pk])).status_code == 200  # type: ignore[union-attr]


def test_plans_have_done_and_overdue_tasks_and_the_attachments_download(demo: None) -> None:
    pairs = Pair.objects.filter(status=PairStatus.ACTIVE)
    assert diary.overdue_tasks(pairs).exists()
    progress = [p for pair in pairs for p in diary.plan_progress(list(pair.members.all()))]
    assert any(p.done for p in progress)
    attachment = MeetingAttachment.objects.filter(meeting__pair__status=PairStatus.ACTIVE).first()
    assert attachment is not None
    response = _client("curator").get(reverse("pairs:attachment", args=[attachment.pk]))
    assert response.status_code == 200
    assert "План работы" in b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    assert _client("curator2").get(reverse("pairs:attachment", args=[attachment.pk])).status_code == 404


def test_curator_reads_a_demo_log(demo: None) -> None:
    meeting = PairMeeting.objects.filter(
        pair__status=PairStatus.ACTIVE, kind=MeetingKind.PLANNING, topic__startswith="Составляем план"
    ).first()
    assert meeting is not None
    page = _client("curator").get(reverse("pairs:diary", args=[meeting.pair_id])).content.decode()
    assert "Составляем план по запросу" in page and "Встреча-знакомство" in page


def test_topics_follow_the_request() -> None:
    assert theme_for("Подготовиться к олимпиаде по информатике") is THEMES["informatics"]
    assert theme_for("Научиться спокойно решать споры с одноклассниками") is THEMES["conflict"]
    assert theme_for("Что-то совсем другое") is THEMES["general"]
