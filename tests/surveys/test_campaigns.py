from __future__ import annotations

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.orgs.models import Role
from nastavnik.surveys.models import Campaign, InstrumentVersion, Invitation, Response
from tests.conftest import World
from tests.factories import make_person, years_ago

KEY_TO_SELF_ANSWERS = {f"q{n}": "3" for n in range(1, 22)}


def _version(code: str) -> InstrumentVersion:
    return InstrumentVersion.objects.get(instrument__code=code)


def _campaign(world: World, code: str = "key-to-self", **extra: object) -> Campaign:
    today = datetime.date.today()
    data = {
        "organisation": world.school.pk,
        "version": _version(code).pk,
        "title": "Диагностика 10 классов",
        "audience": "students",
        "opens_on": (today - datetime.timedelta(days=1)).isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
        **extra,
    }
    response = world.client_for("curator").post(reverse("surveys:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Campaign.objects.latest("id")


def _consent_question(version: InstrumentVersion) -> str | None:
    return next((q["id"] for q in version.questions() if q["type"] == "consent"), None)


def _key_answers(version: InstrumentVersion, values: dict[str, str] | None = None) -> dict[str, str]:
    answers = {f"q_{key}": value for key, value in (values or KEY_TO_SELF_ANSWERS).items()}
    consent = _consent_question(version)
    if consent:
        answers[f"q_{consent}"] = "yes"
    return answers


def test_every_instrument_file_is_loaded_after_migrate(db: None) -> None:
    codes = set(InstrumentVersion.objects.values_list("instrument__code", flat=True))
    assert {"key-to-self", "bingo-growth-workshops", "learning-by-doing", "liked-ask-suggest"} <= codes
    assert len(codes) >= 16


def test_invitations_skip_people_without_consent_and_under_age(world: World) -> None:
    young = make_person(world.school, Role.STUDENT)
    young.birth_date = years_ago(12)
    young.save()
    no_consent = make_person(world.school, Role.STUDENT, consent=False)
    campaign = _campaign(world)
    invited = set(campaign.invitations.values_list("person_id", flat=True))
    assert world.people["mentee"].pk in invited
    assert young.pk not in invited and no_consent.pk not in invited


def test_a_student_answers_key_to_self_by_token_and_sees_feedback(world: World, client: object) -> None:
    campaign = _campaign(world)
    invitation = campaign.invitations.get(person=world.people["mentee"])
    url = reverse("surveys:answer", args=[invitation.token])
    response = client.post(url, _key_answers(campaign.version))  # type: ignore[attr-defined]
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ваши результаты" in page
    stored = Response.objects.get(campaign=campaign)
    scores = {s["slug"]: (s["score"], s["band"]) for s in stored.scores}
    # All answers 3: mastery = 8×3 − 3 = 21 (middle); resilience = 5×3 − 3×3 = 6 (middle).
    assert scores["mastery"] == (21, "middle")
    assert scores["resilience"] == (6, "middle")
    assert stored.person == world.people["mentee"]
    again = client.get(url)  # type: ignore[attr-defined]
    assert "Вы уже ответили" in again.content.decode()


def test_out_of_range_answers_show_errors_and_store_nothing(world: World, client: object) -> None:
    campaign = _campaign(world)
    invitation = campaign.invitations.get(person=world.people["mentee"])
    answers = _key_answers(campaign.version, {**KEY_TO_SELF_ANSWERS, "q7": "9"})
    answers.pop("q_q3")
    response = client.post(reverse("surveys:answer", args=[invitation.token]), answers)  # type: ignore[attr-defined]
    assert response.status_code == 400
    page = response.content.decode()
    assert "Это обязательный вопрос" in page
    assert not Response.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_a_consent_no_stores_only_the_refusal(world: World, client: object) -> None:
    campaign = _campaign(world)
    consent = _consent_question(campaign.version)
    assert consent is not None
    invitation = campaign.invitations.get(person=world.people["mentee"])
    client.post(reverse("surveys:answer", args=[invitation.token]), {f"q_{consent}": "no", "q_q1": "4"})  # type: ignore[attr-defined]
    stored = Response.objects.get()
    assert stored.refused and stored.answers == {} and stored.scores == []


def test_an_anonymous_campaign_leaks_no_identity(world: World, client: object) -> None:
    campaign = _campaign(world, anonymous="on")
    invitation = campaign.invitations.get(person=world.people["mentee"])
    client.post(reverse("surveys:answer", args=[invitation.token]), _key_answers(campaign.version))  # type: ignore[attr-defined]
    stored = Response.objects.get()
    assert stored.person is None
    assert (stored.submitted_at.hour, stored.submitted_at.minute) == (0, 0)
    name = world.people["mentee"].last_name
    curator = world.client_for("curator")
    assert name not in curator.get(reverse("surveys:results", args=[campaign.pk])).content.decode()
    rows = list(
        load_workbook(io.BytesIO(curator.get(reverse("surveys:export", args=[campaign.pk])).content)).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 2 and "Участник" not in rows[0] and "Дата" not in rows[0]
    assert all(name not in str(cell) for row in rows for cell in row)


def test_once_a_year_instruments_do_not_invite_who_already_answered(world: World, client: object) -> None:
    first = _campaign(world)
    invitation = first.invitations.get(person=world.people["mentee"])
    client.post(reverse("surveys:answer", args=[invitation.token]), _key_answers(first.version))  # type: ignore[attr-defined]
    second = _campaign(world)
    assert not Invitation.objects.filter(campaign=second, person=world.people["mentee"]).exists()


def _liked_answers(version: InstrumentVersion) -> dict[str, str]:
    answers = {"q_liked": "Понятная схема."}
    consent = _consent_question(version)
    if consent:
        answers[f"q_{consent}"] = "yes"
    return answers


def test_liked_ask_suggest_is_once_a_year_by_default_as_000_says(world: World, client: object) -> None:
    first = _campaign(world, "liked-ask-suggest")
    assert first.once_per_year is None and first.yearly_limit
    invitation = first.invitations.get(person=world.people["mentee"])
    answer = client.post(reverse("surveys:answer", args=[invitation.token]), _liked_answers(first.version))  # type: ignore[attr-defined]
    assert answer.status_code == 200 and Invitation.objects.get(pk=invitation.pk).answered_at is not None
    second = _campaign(world, "liked-ask-suggest")
    assert not Invitation.objects.filter(campaign=second, person=world.people["mentee"]).exists()


def test_the_curator_lifts_the_yearly_limit_for_one_campaign(world: World, client: object) -> None:
    first = _campaign(world, "liked-ask-suggest")
    invitation = first.invitations.get(person=world.people["mentee"])
    client.post(reverse("surveys:answer", args=[invitation.token]), _liked_answers(first.version))  # type: ignore[attr-defined]
    again = _campaign(world, "liked-ask-suggest", yearly="repeat")
    assert again.once_per_year is False and not again.yearly_limit
    assert Invitation.objects.filter(campaign=again, person=world.people["mentee"]).exists()
    strict = _campaign(world, "self-assessment", yearly="once")
    assert strict.once_per_year is True and strict.yearly_limit


def test_results_show_band_counts_and_the_export_has_scores(world: World, client: object) -> None:
    campaign = _campaign(world)
    invitation = campaign.invitations.get(person=world.people["mentee"])
    client.post(reverse("surveys:answer", args=[invitation.token]), _key_answers(campaign.version))  # type: ignore[attr-defined]
    curator = world.client_for("curator")
    page = curator.get(reverse("surveys:results", args=[campaign.pk])).content.decode()
    assert "Понимание мастерства" in page and world.people["mentee"].full_name in page
    rows = list(
        load_workbook(io.BytesIO(curator.get(reverse("surveys:export", args=[campaign.pk])).content)).active.iter_rows(
            values_only=True
        )
    )
    assert rows[1][1] == world.people["mentee"].full_name
    assert "21 (средний)" in rows[1]


def test_a_closed_campaign_refuses_answers(world: World, client: object) -> None:
    campaign = _campaign(world)
    campaign.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    campaign.save()
    invitation = campaign.invitations.first()
    assert invitation is not None
    assert client.get(reverse("surveys:answer", args=[invitation.token])).status_code == 403  # type: ignore[attr-defined]
    assert client.get(reverse("surveys:answer", args=["no-such-token"])).status_code == 404  # type: ignore[attr-defined]


def test_campaign_dates_are_validated(world: World) -> None:
    today = datetime.date.today()
    response = world.client_for("curator").post(
        reverse("surveys:create"),
        {
            "organisation": world.school.pk,
            "version": _version("key-to-self").pk,
            "title": "x",
            "audience": "students",
            "opens_on": today.isoformat(),
            "closes_on": (today - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert "не может закончиться раньше" in response.content.decode()
    assert not Campaign.objects.exists()


def test_the_qr_sheet_has_one_code_per_invited_person(world: World) -> None:
    campaign = _campaign(world)
    page = world.client_for("curator").get(reverse("surveys:qr_sheet", args=[campaign.pk])).content.decode()
    assert page.count("<svg") == campaign.invitations.count() > 0


def test_scales_without_bands_export_and_show_plain_scores(world: World, client: object) -> None:
    version = _version("self-assessment")
    campaign = _campaign(world, "self-assessment")
    invitation = campaign.invitations.get(person=world.people["mentee"])
    answers = {f"q_{q['id']}": str(q.get("min", 1) + 1) for q in version.questions() if q["type"] == "scale"}
    assert client.post(reverse("surveys:answer", args=[invitation.token]), answers).status_code == 200  # type: ignore[attr-defined]
    curator = world.client_for("curator")
    export = curator.get(reverse("surveys:export", args=[campaign.pk]))
    assert export.status_code == 200
    page = curator.get(reverse("surveys:results", args=[campaign.pk])).content.decode()
    assert "низкий" not in page


def test_an_audience_of_mentees_can_be_narrowed_to_one_form(world: World) -> None:
    from nastavnik.programmes.models import MentoringFormat

    student_form = MentoringFormat.objects.get(code="student_student")
    teacher_form = MentoringFormat.objects.get(code="teacher_teacher")
    base = {"audience": "mentees", "programme": world.programme.pk}
    same = _campaign(world, "mentee-satisfaction", mentoring_form=student_form.pk, **base)
    assert list(same.invitations.values_list("person_id", flat=True)) == [world.people["mentee"].pk]
    other = _campaign(world, "mentee-satisfaction", mentoring_form=teacher_form.pk, **base)
    assert other.invitations.count() == 0


def test_results_of_a_programme_campaign_filter_by_form(world: World, client: object) -> None:
    from nastavnik.programmes.models import MentoringFormat

    campaign = _campaign(world, "mentee-satisfaction", audience="mentees", programme=world.programme.pk)
    version = campaign.version
    invitation = campaign.invitations.get(person=world.people["mentee"])
    answers = {f"q_{q['id']}": str(q["max"]) for q in version.questions() if q["type"] == "scale"}
    answers.update(
        {f"q_{q['id']}": q["options"][0]["value"] for q in version.questions() if q["type"] in {"single", "consent"}}
    )
    assert client.post(reverse("surveys:answer", args=[invitation.token]), answers).status_code == 200  # type: ignore[attr-defined]
    url = reverse("surveys:results", args=[campaign.pk])
    curator = world.client_for("curator")
    own_form = MentoringFormat.objects.get(code="student_student").pk
    other_form = MentoringFormat.objects.get(code="teacher_teacher").pk
    assert curator.get(url, {"form": own_form}).context["total"] == 1
    assert curator.get(url, {"form": other_form}).context["total"] == 0


def test_the_campaign_list_filters_by_organisation_and_hides_others(world: World) -> None:
    own = _campaign(world)
    today = datetime.date.today()
    other = Campaign.objects.create(
        organisation=world.other_school, version=_version("key-to-self"), title="Чужой", opens_on=today, closes_on=today
    )
    region = world.client_for("region")
    listed = {c.pk for c in region.get(reverse("surveys:list")).context["object_list"]}
    assert {own.pk, other.pk} <= listed
    narrowed = {
        c.pk for c in region.get(reverse("surveys:list"), {"organisation": world.school.pk}).context["object_list"]
    }
    assert narrowed == {own.pk}
    curator_sees = {c.pk for c in world.client_for("curator").get(reverse("surveys:list")).context["object_list"]}
    assert other.pk not in curator_sees
