"""`nastavnik send-reminders`: due dates to the responsible, overdue items to the curator, never twice."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes import roadmap
from nastavnik.programmes.models import ItemStatus, Programme, ProgrammeStatus, RoadmapItem
from nastavnik.reminders.models import SentReminder
from nastavnik.reminders.sending import Reminder
from tests.conftest import World

# 2026/2027: the October items of the club roadmap are due on 31.10.2026.
TODAY = "2026-10-29"


@pytest.fixture
def club(world: World) -> Programme:
    programme = world.programme
    programme.academic_year, _ = AcademicYear.objects.get_or_create(start_year=2026)
    programme.curator = world.people["curator"]
    programme.save()
    for role in ("curator", "director", "teacher"):
        person = world.people[role]
        person.email = f"{role}@school.example.org"
        person.save()
    roadmap.instantiate(programme, "club-roadmap-001")
    return programme


def run(*args: str) -> str:
    out = StringIO()
    call_command("send-reminders", *args, stdout=out)
    return out.getvalue()


def test_responsible_get_one_letter_about_items_due_soon_and_only_once(world: World, club: Programme) -> None:
    output = run("--today", TODAY)
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["curator@school.example.org"]
    october = club.roadmap.filter(due_on=datetime.date(2026, 10, 31))
    assert october.count() == 11
    assert letter.subject == "Скоро срок: 11 мероприятий дорожной карты до 31.10.2026"
    assert "Информирование педагогов школы о реализации клуба наставничества" in letter.body
    assert f"http://127.0.0.1:8000/programmes/items/{october.first().pk}/" in letter.body  # type: ignore[union-attr]
    assert letter.body.startswith(f"Здравствуйте, {world.people['curator'].first_name} ")
    assert "Отправлено 1 письмо:" in output
    assert "ответственным о приближении срока: 1 письмо (11 мероприятий)" in output
    assert SentReminder.objects.filter(key__startswith="roadmap:").count() == 11

    second = run("--today", TODAY)
    assert len(mail.outbox) == 1
    assert "Новых напоминаний нет" in second


def test_days_limit_and_default_setting(world: World, club: Programme, settings: Any) -> None:
    run("--today", "2026-10-20", "--days", "3")
    assert mail.outbox == []
    settings.REMINDER_DAYS_BEFORE = 11
    run("--today", "2026-10-20")
    assert len(mail.outbox) == 1


def test_overdue_items_go_to_the_curator_once_per_due_date(world: World, club: Programme) -> None:
    club.roadmap.filter(due_on=datetime.date(2026, 10, 31)).exclude(template_n=1).update(status=ItemStatus.DONE)
    output = run("--today", "2026-11-02", "--days", "0")
    assert len(mail.outbox) == 1
    letter = mail.outbox[0]
    assert letter.to == ["curator@school.example.org"]
    assert letter.subject == "Просрочено 1 мероприятие дорожной карты"
    assert "срок 31.10.2026" in letter.body
    assert "кураторам о просроченных: 1 письмо (1 мероприятие)" in output
    run("--today", "2026-11-03", "--days", "0")
    assert len(mail.outbox) == 1
    # The curator moves the date; the new date is reminded about once more when it passes.
    RoadmapItem.objects.filter(programme=club, template_n=1).update(due_on=datetime.date(2026, 11, 5))
    run("--today", "2026-11-06", "--days", "0")
    assert len(mail.outbox) == 2
    run("--today", "2026-11-07", "--days", "0")
    assert len(mail.outbox) == 2


def test_each_responsible_person_gets_their_own_items(world: World, club: Programme) -> None:
    item = club.roadmap.get(template_n=1)
    item.responsible = world.people["teacher"]
    item.save()
    run("--today", TODAY)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["curator@school.example.org", "teacher@school.example.org"]
    teacher = next(m for m in mail.outbox if m.to == ["teacher@school.example.org"])
    assert teacher.subject == "Скоро срок: 1 мероприятие дорожной карты до 31.10.2026"
    assert item.title in teacher.body
    assert "Формирование базы наставляемых" not in teacher.body


def test_people_without_email_are_counted_not_mailed(world: World, club: Programme) -> None:
    curator = world.people["curator"]
    curator.email = ""
    curator.save()
    output = run("--today", TODAY)
    assert mail.outbox == []
    assert "Не отправлено 1 человеку: в карточке не указан e-mail." in output
    # The address of the login works as well.
    assert curator.user is not None
    curator.user.email = "login@school.example.org"
    curator.user.save()
    run("--today", TODAY)
    assert [m.to for m in mail.outbox] == [["login@school.example.org"]]


def test_finished_programmes_and_closed_items_are_left_alone(world: World, club: Programme) -> None:
    club.status = ProgrammeStatus.FINISHED
    club.save()
    run("--today", "2027-07-01")
    assert mail.outbox == []


def test_mentor_reminders_are_sent_once(world: World, club: Programme, monkeypatch: pytest.MonkeyPatch) -> None:
    from nastavnik.diary import nudges

    reminder = Reminder("nudge:test:1", "mentor@school.example.org", "Нет встреч 3 недели", "Договоритесь о встрече.")
    monkeypatch.setattr(nudges, "mentor_reminders", lambda today: [reminder])
    output = run("--today", "2026-09-10")
    assert [m.subject for m in mail.outbox] == ["Нет встреч 3 недели"]
    assert "наставникам: 1 письмо." in output
    run("--today", "2026-09-10")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--today", "29.10.2026"), "Неверная дата --today «29.10.2026»"),
        (("--today", "2026-02-30"), "Неверная дата --today"),
        (("--days", "три"), "Неверное число дней --days «три»"),
        (("--days", "-1"), "Неверное число дней --days"),
        (("--days", "1000"), "от 0 до 366"),
    ],
)
def test_bad_arguments_exit_with_code_2(db: None, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as error:
        run(*args)
    assert error.value.returncode == 2
    assert message in str(error.value)


def test_summary_uses_russian_plurals() -> None:
    from nastavnik.programmes.reminders import Summary

    summary = Summary(due_letters=2, due_items=5, overdue_letters=1, overdue_items=21, mentor_letters=0)
    text = summary.text(datetime.date(2026, 10, 29), 1)
    assert "за 1 день" in text
    assert "Отправлено 3 письма:" in text
    assert "2 письма (5 мероприятий)" in text and "1 письмо (21 мероприятие)" in text
    assert "наставникам: 0 писем." in text
