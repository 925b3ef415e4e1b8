"""Anonymous campaigns: staff see counts, classes of 5 answers or more, and an export without order or time."""

from __future__ import annotations

import csv
import datetime
import io
import smtplib
from collections import Counter

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.orgs.models import Role
from nastavnik.surveys import engine, reminders
from nastavnik.surveys.anonymity import HIDDEN, MIN_GROUP, shown_classes
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.conftest import World
from tests.factories import make_person

OPENS_ON = datetime.date(2026, 10, 1)
CLOSES_ON = datetime.date(2026, 10, 31)
MOMENT = datetime.datetime(2026, 10, 5, 9, 0, tzinfo=datetime.UTC)


def _campaign(world: World, *, anonymous: bool = True) -> Campaign:
    return Campaign.objects.create(
        organisation=world.school,
        version=InstrumentVersion.objects.get(instrument__code="self-assessment"),
        title="Самооценка 9 классов",
        anonymous=anonymous,
        opens_on=OPENS_ON,
        closes_on=CLOSES_ON,
    )


def _answer(campaign: Campaign, class_name: str, value: int, minute: int = 0) -> Response:
    """An anonymous answer sheet with every item = value (scored by the engine), as the answer page stores it."""
    answers = {q["id"]: value for q in campaign.version.questions()}
    return Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        answers=answers,
        scores=engine.score(campaign.version.definition, answers),
        class_name=class_name,
        submitted_at=MOMENT + datetime.timedelta(minutes=minute),
    )


def _answers(campaign: Campaign, sizes: dict[str, int]) -> None:
    minute = 0
    for class_name, size in sizes.items():
        for index in range(size):
            minute += 1
            _answer(campaign, class_name, 1 + index % 5, minute)


def _xlsx_rows(response: object) -> list[tuple[object, ...]]:
    workbook = load_workbook(io.BytesIO(response.content))  # type: ignore[attr-defined]
    return list(workbook.active.iter_rows(values_only=True))


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ({"9А": 5, "9Б": 5}, {"9А", "9Б"}),
        ({"9А": 5, "9Б": 2, "9В": 3}, {"9А"}),  # the 5 hidden answers together are a group of 5
        ({"9А": 5, "9Б": 5, "9В": 2}, set()),  # total − 9А − 9Б would give 9В's 2 answers away
        ({"9А": 4}, set()),
        ({"9А": 6, "": 1}, set()),  # one answer without a class (a teacher) is a group of 1
        ({"": 7}, set()),
    ],
)
def test_classes_are_shown_only_for_groups_of_five_and_a_large_enough_rest(
    counts: dict[str, int], shown: set[str]
) -> None:
    assert MIN_GROUP == 5
    assert shown_classes(Counter(counts), anonymous=True) == shown


def test_a_named_campaign_shows_every_class() -> None:
    assert shown_classes(Counter({"9А": 1, "9Б": 2, "": 1}), anonymous=False) == {"9А", "9Б"}


def test_the_campaign_page_counts_answers_but_does_not_say_who_answered(world: World) -> None:
    campaign = _campaign(world)
    answered = Invitation.objects.create(campaign=campaign, person=world.people["mentee"], answered_at=MOMENT)
    waiting = Invitation.objects.create(campaign=campaign, person=make_person(world.school, Role.STUDENT))
    page = world.client_for("curator").get(reverse("surveys:detail", args=[campaign.pk])).content.decode()
    assert "Ответили 1 из 2" in page
    # The links are still listed (they are handed out), but nothing tells the two rows apart.
    assert answered.token in page and waiting.token in page
    assert "ждём" not in page and "ответил<" not in page


def test_the_results_of_an_anonymous_campaign_have_no_per_respondent_rows(world: World) -> None:
    campaign = _campaign(world)
    _answers(campaign, {"9А": 6})
    reply = world.client_for("curator").get(reverse("surveys:results", args=[campaign.pk]))
    page = reply.content.decode()
    assert reply.context["total"] == 6
    assert "Результаты участников" not in page and "участник 1" not in page
    assert list(reply.context["object_list"]) == []


def test_a_class_with_fewer_than_five_answers_is_neither_offered_nor_shown(world: World) -> None:
    campaign = _campaign(world)
    _answers(campaign, {"9А": 5, "9Б": 2, "9В": 3})
    curator = world.client_for("curator")
    url = reverse("surveys:results", args=[campaign.pk])
    assert curator.get(url).context["classes"] == ["9А"]
    assert curator.get(url, {"class": "9А"}).context["total"] == 5
    small = curator.get(url, {"class": "9б"})
    assert small.status_code == 200
    assert f"Класс 9Б: {HIDDEN}" in small.content.decode()
    assert small.context["total"] == 0 and small.context["scales"] == []
    assert all(item.answered == 0 for item in small.context["questions"])


def test_the_anonymous_export_has_no_respondent_time_or_submission_order(world: World) -> None:
    campaign = _campaign(world)
    for minute, value in enumerate([5, 3, 1, 4, 2], start=1):  # arrival order differs from content order
        _answer(campaign, "9А", value, minute)
    _answers(campaign, {"9Б": 2, "9В": 3})
    Response.objects.create(campaign=campaign, version=campaign.version, refused=True, class_name="9А")
    rows = _xlsx_rows(world.client_for("curator").get(reverse("surveys:export", args=[campaign.pk])))
    header, body = rows[0], rows[1:]
    assert header[0] == "Класс"
    assert not {"№", "Участник", "Дата"} & set(header)
    assert len(body) == 10  # the refusal holds no answers and is left out
    assert body == sorted(body, key=lambda row: [str(cell) for cell in row])
    assert [row[1] for row in body if row[0] == "9А"] == [1, 2, 3, 4, 5]
    assert Counter(row[0] for row in body) == {"9А": 5, HIDDEN: 5}
    assert not any(isinstance(cell, datetime.datetime) or "10.2026" in str(cell) for row in body for cell in row)


def test_the_anonymous_csv_export_has_the_same_rows(world: World) -> None:
    campaign = _campaign(world)
    for minute, value in enumerate([4, 2, 5, 1, 3], start=1):
        _answer(campaign, "9А", value, minute)
    reply = world.client_for("curator").get(reverse("surveys:export_csv", args=[campaign.pk]))
    table = list(csv.reader(io.StringIO(reply.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][0] == "Класс" and "Участник" not in table[0] and "Дата" not in table[0]
    assert [row[1] for row in table[1:]] == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("name", ["surveys:export", "surveys:export_csv"])
def test_exporting_a_hidden_class_is_refused_in_russian(world: World, name: str) -> None:
    campaign = _campaign(world)
    _answers(campaign, {"9А": 5, "9Б": 2, "9В": 3})
    reply = world.client_for("curator").get(reverse(name, args=[campaign.pk]), {"class": "9Б"})
    assert reply.status_code == 400
    assert f"Класс 9Б: {HIDDEN}" in reply.content.decode()


def test_a_failed_reminder_of_an_anonymous_campaign_does_not_show_the_address(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = _campaign(world)
    person = make_person(world.school, Role.STUDENT)
    person.email = "silent.pupil@example.org"
    person.save()
    Invitation.objects.create(campaign=campaign, person=person)

    def refuse(self: object, fail_silently: bool = False) -> int:
        raise smtplib.SMTPRecipientsRefused({person.email: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    result = reminders.send_reminders(now=MOMENT, campaign=campaign)
    text = reminders.summary(result)
    assert len(result.failed) == 1
    assert "Не удалось отправить 1 напоминание" in text
    assert person.email not in text and "адреса не показываются" in text
