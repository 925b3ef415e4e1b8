"""Reminders: `send-survey-reminders` and the «Напомнить не ответившим» button."""

from __future__ import annotations

import datetime
import smtplib
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from nastavnik.surveys import reminders
from nastavnik.surveys.models import Campaign, CampaignStatus, InstrumentVersion, Invitation
from tests.clock import TODAY
from tests.conftest import World
from tests.factories import make_person

SITE = "https://nastavnik.example.org"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE + "/"
    settings.SURVEY_REMINDER_DAYS = 3


def _campaign(world: World, *, status: str = CampaignStatus.OPEN, closes_in: int = 10) -> Campaign:
    return Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка 9 классов",
        opens_on=TODAY - datetime.timedelta(days=5),
        closes_on=TODAY + datetime.timedelta(days=closes_in),
        status=status,
    )


def _invite(campaign: Campaign, person: Person, *, answered: bool = False) -> Invitation:
    return Invitation.objects.create(campaign=campaign, person=person, answered_at=timezone.now() if answered else None)


def _student(world: World, email: str, **kwargs: Any) -> Person:
    person = make_person(world.school, Role.STUDENT, **kwargs)
    person.email = email
    person.save()
    return person


def _run(*args: str) -> str:
    out = StringIO()
    call_command("send-survey-reminders", *args, stdout=out)
    return out.getvalue()


def test_a_second_run_sends_nothing_new(world: World, mailoutbox: list[Any]) -> None:
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))
    first = _run()
    second = _run()
    assert len(mailoutbox) == 1
    assert first.strip() == "Отправлено 1 напоминание по 1 опросу."
    assert second.startswith("Напоминать некому")
    invitation.refresh_from_db()
    assert invitation.reminded_at is not None


def test_the_mail_carries_the_personal_absolute_link(world: World, mailoutbox: list[Any]) -> None:
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))
    _run()
    mail = mailoutbox[0]
    link = SITE + reverse("surveys:answer", args=[invitation.token])
    assert mail.to == ["pupil@example.org"]
    assert "Самооценка 9 классов" in mail.subject
    assert link in mail.body and link in mail.alternatives[0][0]


def test_no_mail_to_who_answered_has_no_email_or_is_in_a_closed_campaign(world: World, mailoutbox: list[Any]) -> None:
    campaign = _campaign(world)
    _invite(campaign, _student(world, "answered@example.org"), answered=True)
    _invite(campaign, _student(world, ""))
    _invite(campaign, _student(world, "no-consent@example.org", consent=False))
    _invite(_campaign(world, status=CampaignStatus.CLOSED), _student(world, "closed@example.org"))
    _invite(_campaign(world, closes_in=-1), _student(world, "expired@example.org"))
    _invite(campaign, _student(world, "waiting@example.org"))
    _run()
    assert [m.to for m in mailoutbox] == [["waiting@example.org"]]


def test_a_reminder_repeats_only_after_the_set_number_of_days(world: World, mailoutbox: list[Any]) -> None:
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now - datetime.timedelta(days=2))
    _run()
    assert mailoutbox == []
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=now - datetime.timedelta(days=3))
    _run()
    assert len(mailoutbox) == 1


def test_the_interval_comes_from_the_setting(world: World, mailoutbox: list[Any], settings: Any) -> None:
    settings.SURVEY_REMINDER_DAYS = 1
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))
    Invitation.objects.filter(pk=invitation.pk).update(reminded_at=timezone.now() - datetime.timedelta(days=1))
    _run()
    _run()
    assert len(mailoutbox) == 1


def test_the_summary_uses_russian_plural_forms() -> None:
    def text(sent: int, campaigns: int) -> str:
        return reminders.summary(reminders.ReminderResult(sent=sent, campaigns=set(range(campaigns))))

    assert text(1, 1) == "Отправлено 1 напоминание по 1 опросу."
    assert text(3, 2) == "Отправлено 3 напоминания по 2 опросам."
    assert text(5, 5) == "Отправлено 5 напоминаний по 5 опросам."
    assert text(21, 21) == "Отправлено 21 напоминание по 21 опросу."
    assert text(12, 11) == "Отправлено 12 напоминаний по 11 опросам."
    assert "за последние 3 дня" in text(0, 0)


def test_a_refused_mail_gives_the_invitation_back(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))

    def refuse(self: object, fail_silently: bool = False) -> int:
        raise smtplib.SMTPRecipientsRefused({"pupil@example.org": (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with pytest.raises(CommandError) as error:
        _run()
    assert error.value.returncode == 1 and "pupil@example.org" in str(error.value)
    invitation.refresh_from_db()
    assert invitation.reminded_at is None


def test_an_unknown_campaign_is_named_and_exits_2(world: World) -> None:
    with pytest.raises(CommandError) as error:
        _run("--campaign", "999999")
    assert error.value.returncode == 2 and "999999" in str(error.value)


def test_one_campaign_only_and_a_dry_run(world: World, mailoutbox: list[Any]) -> None:
    first, second = _campaign(world), _campaign(world)
    _invite(first, _student(world, "first@example.org"))
    _invite(second, _student(world, "second@example.org"))
    assert _run("--dry-run").strip() == "Пора напомнить: 2 людям."
    assert mailoutbox == []
    _run("--campaign", str(first.pk))
    assert [m.to for m in mailoutbox] == [["first@example.org"]]


def test_the_button_reminds_this_campaign_once(world: World, mailoutbox: list[Any]) -> None:
    campaign = _campaign(world)
    _invite(campaign, _student(world, "pupil@example.org"))
    _invite(campaign, _student(world, ""))
    _invite(_campaign(world), _student(world, "other@example.org"))
    curator = world.client_for("curator")
    page = curator.get(reverse("surveys:detail", args=[campaign.pk])).content.decode()
    assert "Напомнить не ответившим" in page
    response = curator.post(reverse("surveys:remind", args=[campaign.pk]), follow=True)
    text = response.content.decode()
    assert "Отправлено 1 напоминание по 1 опросу." in text and "Без e-mail не ответили: 1" in text
    curator.post(reverse("surveys:remind", args=[campaign.pk]))
    assert [m.to for m in mailoutbox] == [["pupil@example.org"]]


def test_the_button_is_a_post_for_managers_only(world: World, mailoutbox: list[Any]) -> None:
    campaign = _campaign(world)
    _invite(campaign, _student(world, "pupil@example.org"))
    url = reverse("surveys:remind", args=[campaign.pk])
    assert world.client_for("curator").get(url).status_code == 405
    assert world.client_for("district").post(url).status_code == 403
    assert world.client_for("other_curator").post(url).status_code == 404
    assert (
        "Напомнить не ответившим"
        not in world.client_for("district").get(reverse("surveys:detail", args=[campaign.pk])).content.decode()
    )
    assert mailoutbox == []


def test_the_button_on_a_closed_campaign_sends_nothing(world: World, mailoutbox: list[Any]) -> None:
    campaign = _campaign(world, status=CampaignStatus.CLOSED)
    _invite(campaign, _student(world, "pupil@example.org"))
    response = world.client_for("curator").post(reverse("surveys:remind", args=[campaign.pk]), follow=True)
    assert "Опрос не идёт" in response.content.decode() and mailoutbox == []


def test_an_unreachable_mail_server_marks_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    invitation = _invite(_campaign(world), _student(world, "pupil@example.org"))

    def down(self: object) -> None:
        raise ConnectionRefusedError("connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", down, raising=False)
    with pytest.raises(CommandError) as error:
        _run()
    assert error.value.returncode == 1 and "Почтовый сервер недоступен" in str(error.value)
    response = world.client_for("curator").post(reverse("surveys:remind", args=[invitation.campaign_id]), follow=True)
    assert "Напоминания не отправлены" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.reminded_at is None
