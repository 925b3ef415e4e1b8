"""«Мои опросы»: a person's own open invitations and own results, nobody else's."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from nastavnik.people.models import Person
from nastavnik.surveys import engine
from nastavnik.surveys.models import Campaign, CampaignStatus, InstrumentVersion, Invitation, Response
from tests.clock import TODAY
from tests.conftest import World

URL = reverse("surveys:my")


def _campaign(world: World, title: str, code: str = "self-assessment", **extra: object) -> Campaign:
    fields: dict[str, object] = {
        "organisation": world.school,
        "version": InstrumentVersion.objects.get(instrument__code=code),
        "title": title,
        "opens_on": TODAY - datetime.timedelta(days=1),
        "closes_on": TODAY + datetime.timedelta(days=10),
        **extra,
    }
    return Campaign.objects.create(**fields)  # type: ignore[arg-type]


def _answered(campaign: Campaign, person: Person, answers: dict[str, object]) -> Invitation:
    invitation = Invitation.objects.create(campaign=campaign, person=person, answered_at=timezone.now())
    Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=None if campaign.anonymous else person,
        answers=answers,
        scores=engine.score(campaign.version.definition, answers),
    )
    return invitation


def test_a_student_sees_only_their_own_open_invitations(world: World) -> None:
    campaign = _campaign(world, "Самооценка 7 классов")
    mine = Invitation.objects.create(campaign=campaign, person=world.people["mentee"])
    theirs = Invitation.objects.create(campaign=campaign, person=world.people["teacher"])
    response = world.client_for("mentee").get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("surveys:answer", args=[mine.token]) in page
    assert theirs.token not in page


def test_closed_and_not_yet_open_campaigns_wait_for_nobody(world: World) -> None:
    closed = _campaign(world, "Закрытый опрос", status=CampaignStatus.CLOSED)
    later = _campaign(world, "Будущий опрос", opens_on=TODAY + datetime.timedelta(days=3))
    for campaign in (closed, later):
        Invitation.objects.create(campaign=campaign, person=world.people["mentee"])
    page = world.client_for("mentee").get(URL).content.decode()
    assert "Закрытый опрос" not in page and "Будущий опрос" not in page
    assert "Сейчас нет опросов" in page


def test_a_named_key_to_self_shows_the_students_own_feedback(world: World) -> None:
    campaign = _campaign(world, "Ключ к себе, 7 класс", code="key-to-self")
    _answered(campaign, world.people["mentee"], {f"q{n}": 3 for n in range(1, 22)})
    page = world.client_for("mentee").get(URL).content.decode()
    assert "Ключ к себе, 7 класс" in page
    assert "Понимание мастерства: 21 — средний уровень" in page
    assert "Проведи хотя бы один день рядом с мастером" in page  # the middle band's feedback text
    assert "Ключ к себе, 7 класс" not in world.client_for("teacher").get(URL).content.decode()


def test_an_anonymous_answer_shows_no_results(world: World) -> None:
    campaign = _campaign(world, "Анонимная самооценка", anonymous=True)
    _answered(campaign, world.people["mentee"], {f"q{n}": 4 for n in range(1, 16)})
    page = world.client_for("mentee").get(URL).content.decode()
    assert "Анонимная самооценка" in page and "ответ принят" in page
    assert "Вовлечённость" not in page


def test_an_account_without_a_person_gets_an_explanation(world: World) -> None:
    response = world.client_for("admin").get(URL)
    assert response.status_code == 200 and "не связана с участником" in response.content.decode()


def test_the_menu_offers_my_surveys_to_students_and_teachers(world: World) -> None:
    assert URL in world.client_for("mentee").get(reverse("home")).content.decode()
    assert URL in world.client_for("teacher").get(reverse("home")).content.decode()
    assert URL not in world.client_for("district").get(reverse("home")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(world: World) -> None:
    assert world.client_for("anonymous").get(URL).status_code == 302


# Source 000, «Ключ к себе»: the definition of each scale and its printed score ranges (whitespace folded).
KEY_TO_SELF_SOURCE = {
    "Понимание мастерства": (
        "Понимание мастерства - это представление о том, как и какие люди добиваются хорошего результата.",
        ("Больше 25 баллов", "13-24 балла", "Ниже 12 баллов"),
    ),
    "Оптимизм и благополучие": (
        "Оптимизм и благополучие - это ощущение человека, который верит в свой успех и знает, как его достичь.",
        ("Больше 22 баллов", "11-21 баллов", "Ниже 10 баллов"),
    ),
    "Ценность сообщества": (
        "Ценность сообщества - это признание важности круга общения в жизни человека.",
        ("Больше 22 баллов", "12-21 балла", "Ниже 11 баллов"),
    ),
    "Способность выбирать": (
        "Способность выбирать - умение видеть разные пути достижения своих целей.",
        ("Больше 17 баллов", "11-16 баллов", "Ниже 10 баллов"),
    ),
    "Жизнестойкость, упорство и воля": (
        "Жизнестойкость, упорство и воля - это способность человека преодолевать трудности и обстоятельства "
        "ради своей цели.",
        ("Больше 11 баллов", "4-10 баллов", "Ниже 3 баллов"),
    ),
}


def test_key_to_self_carries_each_scale_definition_and_range_from_the_source(db: None) -> None:
    version = InstrumentVersion.objects.filter(instrument__code="key-to-self").order_by("-number").first()
    assert version is not None
    scales = {s["name"]: s for s in version.definition["scoring"]["scales"]}
    assert set(scales) == set(KEY_TO_SELF_SOURCE)
    for name, (definition, ranges) in KEY_TO_SELF_SOURCE.items():
        assert scales[name]["definition"] == definition
        by_band = {b["band"]: b["range"] for b in scales[name]["bands"]}
        assert (by_band["high"], by_band["middle"], by_band["low"]) == ranges


def test_the_feedback_shows_the_definition_and_the_printed_range(world: World) -> None:
    campaign = _campaign(world, "Ключ к себе, 8 класс", code="key-to-self")
    _answered(campaign, world.people["mentee"], {f"q{n}": 3 for n in range(1, 22)})
    page = world.client_for("mentee").get(URL).content.decode()
    assert 'Понимание мастерства: 21 — средний уровень <small class="muted">(13-24 балла)</small>' in page
    assert KEY_TO_SELF_SOURCE["Понимание мастерства"][0] in page


def test_results_stored_without_definitions_are_explained_by_the_newest_version(world: World) -> None:
    campaign = _campaign(world, "Ключ к себе, прошлый год", code="key-to-self")
    invitation = _answered(campaign, world.people["mentee"], {f"q{n}": 3 for n in range(1, 22)})
    response = Response.objects.get(campaign=invitation.campaign)
    response.scores = [{k: v for k, v in s.items() if k not in {"definition", "range"}} for s in response.scores]
    response.save()
    page = world.client_for("mentee").get(URL).content.decode()
    assert "(13-24 балла)" in page and KEY_TO_SELF_SOURCE["Способность выбирать"][0] in page
