"""Workshop letters follow the topics chosen on «Мои уведомления»: a workshop's meetings go under the
workshop's topic, shifts under «Основная»; a person who never chose gets every topic."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from nastavnik.orgs.models import AcademicYear
from nastavnik.people.models import Person
from nastavnik.reminders import topics
from nastavnik.workshops import services
from nastavnik.workshops.models import CatalogueWorkshop, MemberKind, Workshop, WorkshopMember
from nastavnik.workshops.models_events import Shift
from nastavnik.workshops.reminders import send_all, workshop_topic
from tests.conftest import World
from tests.workshops.matrix_workshops import make_workshop

TODAY = datetime.date(2026, 12, 7)


def _with_email(world: World, *names: str) -> None:
    for name in names:
        Person.objects.filter(pk=world.people[name].pk).update(email=f"{name}@example.org")
        world.people[name].refresh_from_db()


def _meeting(world: World, workshop: Workshop | None = None) -> Workshop:
    workshop = workshop or make_workshop(world)
    WorkshopMember.objects.get_or_create(
        workshop=workshop,
        person=world.people["mentor"],
        academic_year=AcademicYear.current(),
        defaults={"kind": MemberKind.TEACHER},
    )
    services.log_meeting(workshop, TODAY - datetime.timedelta(days=2), "Пишем сценарий", [world.people["mentee"]])
    return workshop


def _recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_a_person_who_never_chose_gets_the_news_of_his_workshop(world: World) -> None:
    _with_email(world, "teacher", "mentor", "mentee")
    _meeting(world)
    summary = send_all(TODAY, 7)
    assert summary.meetings == 3
    assert _recipients() == ["mentee@example.org", "mentor@example.org", "teacher@example.org"]
    letters = {m.to[0]: m.body for m in mail.outbox}
    assert "Вы отмечены среди присутствовавших." in letters["mentee@example.org"]
    assert "Вас на встрече не отметили." in letters["mentor@example.org"]
    assert mail.outbox[0].subject == "Мастерская «Театр историй»: встреча 05.12.2026"


def test_the_page_offers_the_own_workshop_and_unticking_it_stops_its_letters(world: World) -> None:
    _with_email(world, "teacher", "mentor", "mentee")
    workshop = _meeting(world)
    own = workshop_topic(workshop)
    assert own == f"workshop-own-{workshop.pk}"
    client = world.client_for("mentor")
    page = client.get(reverse("workshops:notifications")).content.decode()
    assert f'value="{own}"' in page and "Театр историй" in page
    # The mentor unticks his workshop, the pupil keeps it, the master never chose.
    client.post(reverse("workshops:notifications"), {"topics": [topics.MAIN]})
    world.client_for("mentee").post(reverse("workshops:notifications"), {"topics": [topics.MAIN, own]})
    assert topics.chosen("mentor@example.org") == [topics.MAIN]
    send_all(TODAY, 7)
    assert _recipients() == ["mentee@example.org", "teacher@example.org"]


def test_an_unfollowed_letter_is_sent_after_the_topic_is_ticked_again(world: World) -> None:
    _with_email(world, "mentor")
    workshop = _meeting(world)
    topics.choose("mentor@example.org", [])
    send_all(TODAY, 7)
    assert _recipients() == []
    topics.choose("mentor@example.org", [workshop_topic(workshop)])
    send_all(TODAY, 7)
    send_all(TODAY, 7)  # and only once
    assert _recipients() == ["mentor@example.org"]


def test_a_workshop_of_the_source_uses_the_source_topic(world: World) -> None:
    _with_email(world, "teacher", "mentor")
    smm = CatalogueWorkshop.objects.get(code="smm")
    workshop = services.open_workshop(
        Workshop(organisation=world.school, catalogue=smm, name=smm.name, master=world.people["teacher"]),
        AcademicYear.current(),
    )
    _meeting(world, workshop)
    assert workshop_topic(workshop) == "workshop-smm"
    topics.choose("teacher@example.org", ["workshop-story-theatre"])
    topics.choose("mentor@example.org", ["workshop-smm"])
    send_all(TODAY, 7)
    assert _recipients() == ["mentor@example.org"]


def test_shift_letters_are_of_the_main_topic(world: World) -> None:
    _with_email(world, "teacher", "mentor", "mentee")
    shift = Shift.objects.create(
        organisation=world.school,
        academic_year=AcademicYear.current(),
        code="optimism",
        starts_on=TODAY + datetime.timedelta(days=5),
        ends_on=TODAY + datetime.timedelta(days=9),
    )
    shift.participants.set([world.people["teacher"], world.people["mentor"], world.people["mentee"]])
    topics.choose("teacher@example.org", [topics.MANAGEMENT])  # left «Основная» out
    topics.choose("mentor@example.org", [topics.MAIN])
    summary = send_all(TODAY, 7)
    assert (summary.meetings, summary.shifts) == (0, 2)
    assert _recipients() == ["mentee@example.org", "mentor@example.org"]
    assert mail.outbox[0].subject == "Смена «Оптимизм» начинается 12.12.2026"
    assert summary.text() == "Отправлено 2 письма: о встречах мастерских — 0, о сменах — 2."


def test_meetings_outside_the_window_are_not_news(world: World) -> None:
    _with_email(world, "teacher")
    workshop = make_workshop(world)
    services.log_meeting(workshop, TODAY - datetime.timedelta(days=8), "Давняя встреча", [])
    services.log_meeting(workshop, TODAY + datetime.timedelta(days=1), "Ошибочная дата", [])
    assert send_all(TODAY, 7).meetings == 0


def test_the_command_sends_once_and_reports(world: World) -> None:
    _with_email(world, "teacher", "mentor", "mentee")
    _meeting(world)
    out = io.StringIO()
    call_command("send-workshop-reminders", "--today", "2026-12-07", stdout=out)
    assert out.getvalue().strip() == "Отправлено 3 письма: о встречах мастерских — 3, о сменах — 0."
    again = io.StringIO()
    call_command("send-workshop-reminders", "--today", "2026-12-07", stdout=again)
    assert again.getvalue().strip() == "Отправлено 0 писем: о встречах мастерских — 0, о сменах — 0."
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--today", "07.12.2026"], "Неверная дата --today «07.12.2026»"),
        (["--days", "много"], "Неверное число дней --days «много»"),
        (["--days", "61"], "Неверное число дней --days «61»"),
        (["--days"], "после --days нужно указать значение"),
        (["--weeks", "2"], "неизвестные параметры: --weeks"),
    ],
)
def test_bad_arguments_exit_2_and_send_nothing(world: World, arguments: list[str], message: str) -> None:
    _with_email(world, "teacher")
    _meeting(world)
    with pytest.raises(CommandError) as error:
        call_command("send-workshop-reminders", *arguments)
    assert error.value.returncode == 2
    assert message in str(error.value)
    assert mail.outbox == []
