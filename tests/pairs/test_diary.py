"""The meeting log: who writes it, what it refuses, its attachments and what the page costs."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nastavnik.bases.models import Admission
from nastavnik.common.uploads import validate_upload
from nastavnik.diary import log as diary
from nastavnik.diary.models import MeetingAttachment, MeetingRating, PairMeeting
from nastavnik.matching.models import Scheme
from nastavnik.orgs.models import Role
from nastavnik.pairs import lifecycle, services
from nastavnik.pairs.models import MeetingKind, Pair, PairStatus, PairTransition
from tests.conftest import World
from tests.factories import make_mentee_entry, make_mentor_entry, make_person
from tests.pairs.matrix_diary import active_pair, meeting_of

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _form(**overrides: Any) -> dict[str, Any]:
    data = {
        "held_on": (TODAY() - datetime.timedelta(days=2)).isoformat(),
        "kind": MeetingKind.REGULAR,
        "topic": "Разбор олимпиадных задач по информатике",
        "duration_minutes": "60",
        "format": "offline",
        "notes": "Договорились решить три задачи к пятнице.",
    }
    data.update(overrides)
    return data


def _add(client: Client, pair: Pair, **overrides: Any) -> Any:
    return client.post(reverse("pairs:meeting_add", args=[pair.pk]), _form(**overrides))


def _pair_in(world: World, status: str) -> Pair:
    """A pair of the world's mentor and mentee brought to `status` through the transition service."""
    world.mentor_entry.admission = Admission.ADMITTED
    world.mentor_entry.save(update_fields=["admission"])
    pair = services.propose(world.mentor_entry, [world.mentee_entry], Scheme.APPOINTMENT, None)
    if status == PairStatus.PROPOSED:
        return pair
    services.confirm(pair, None)
    Pair.objects.filter(pk=pair.pk).update(confirmed_at=timezone.now() - datetime.timedelta(days=30))
    pair.refresh_from_db()
    if status == PairStatus.CONFIRMED:
        return pair
    if status == PairStatus.DISSOLVED:
        return lifecycle.dissolve(pair, "Переезд семьи", None)
    lifecycle.move(pair, PairStatus.FIXED, None, "Приказ № 3")
    if status == PairStatus.FIXED:
        return pair
    lifecycle.activate(pair, None)
    if status == PairStatus.COMPLETED:
        PairMeeting.objects.create(
            pair=pair, held_on=TODAY(), kind=MeetingKind.FINAL, topic="Итоги", duration_minutes=45
        )
        lifecycle.complete(pair, None, "stop")
    return Pair.objects.get(pk=pair.pk)


def _other_pair(world: World) -> Pair:
    """The teacher mentors another mentee of the same school: a different pair."""
    mentor = make_mentor_entry(world.people["teacher"], world.programme, admission=Admission.ADMITTED)
    mentee = make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    pair = services.appoint(mentor, mentee, None)
    lifecycle.move(pair, PairStatus.FIXED, None, "Приказ № 3")
    return lifecycle.activate(pair, None)


# -- writing the log ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["mentor", "curator", "working_group", "director"])
def test_mentor_and_school_staff_log_a_meeting(world: World, role: str) -> None:
    pair = active_pair(world)
    response = _add(world.client_for(role), pair)
    assert response.status_code == 302 and response.url == reverse("pairs:diary", args=[pair.pk])
    meeting = pair.meetings.get()
    assert (meeting.topic, meeting.duration_minutes, meeting.format) == (
        "Разбор олимпиадных задач по информатике",
        60,
        "offline",
    )
    assert meeting.created_by == world.people[role].user


def test_mentee_and_coordinators_may_read_but_not_write(world: World) -> None:
    pair = active_pair(world)
    for role in ("mentee", "region", "district"):
        client = world.client_for(role)
        assert client.get(reverse("pairs:diary", args=[pair.pk])).status_code == 200
        assert _add(client, pair).status_code == 403
    assert not pair.meetings.exists()


def test_mentor_of_another_pair_and_other_curator_do_not_see_the_log(world: World) -> None:
    pair = active_pair(world)
    meeting = meeting_of(world)
    _other_pair(world)
    for role in ("teacher", "other_curator", "other_district", "parent"):
        client = world.client_for(role)
        assert client.get(reverse("pairs:diary", args=[pair.pk])).status_code == 404, role
        assert _add(client, pair).status_code == 404, role
        assert client.post(reverse("pairs:meeting_edit", args=[meeting.pk]), _form()).status_code == 404
        assert client.post(reverse("pairs:meeting_delete", args=[meeting.pk])).status_code == 404
    assert PairMeeting.objects.filter(pk=meeting.pk).exists()


def test_mentor_edits_and_deletes_an_entry(world: World) -> None:
    meeting = meeting_of(world)
    client = world.client_for("mentor")
    response = client.post(reverse("pairs:meeting_edit", args=[meeting.pk]), _form(topic="Новая тема", format="online"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.topic, meeting.format) == ("Новая тема", "online")
    assert client.post(reverse("pairs:meeting_delete", args=[meeting.pk])).status_code == 302
    assert not PairMeeting.objects.filter(pk=meeting.pk).exists()


def test_mentee_cannot_edit_or_delete(world: World) -> None:
    meeting = meeting_of(world)
    client = world.client_for("mentee")
    assert client.get(reverse("pairs:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("pairs:meeting_delete", args=[meeting.pk])).status_code == 403
    assert PairMeeting.objects.filter(pk=meeting.pk).exists()


# -- refusals --------------------------------------------------------------------------------


def test_a_future_date_is_refused_with_a_field_error(world: World) -> None:
    pair = active_pair(world)
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = _add(world.client_for("mentor"), pair, held_on=tomorrow.isoformat())
    assert response.status_code == 400
    assert "Встреча не может быть позже сегодняшнего дня" in response.content.decode()
    assert not pair.meetings.exists()


def test_a_date_before_the_confirmation_is_refused(world: World) -> None:
    pair = active_pair(world)
    confirmed = timezone.localdate(pair.confirmed_at)
    response = _add(world.client_for("mentor"), pair, held_on=(confirmed - datetime.timedelta(days=1)).isoformat())
    assert response.status_code == 400
    assert f"Пара подтверждена {confirmed:%d.%m.%Y}" in response.content.decode()
    # The day of the confirmation itself is fine.
    assert _add(world.client_for("mentor"), pair, held_on=confirmed.isoformat()).status_code == 302


@pytest.mark.parametrize(
    ("minutes", "message"),
    [("4", "не меньше 5 минут"), ("601", "не больше 600 минут"), ("час", "целое число минут"), ("", "Укажите")],
)
def test_a_bad_duration_is_refused(world: World, minutes: str, message: str) -> None:
    pair = active_pair(world)
    response = _add(world.client_for("mentor"), pair, duration_minutes=minutes)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_duration_bounds_are_accepted(world: World) -> None:
    pair = active_pair(world)
    client = world.client_for("mentor")
    assert _add(client, pair, duration_minutes="5").status_code == 302
    assert _add(client, pair, duration_minutes="600").status_code == 302
    assert sorted(pair.meetings.values_list("duration_minutes", flat=True)) == [5, 600]


def test_only_one_final_meeting_per_pair(world: World) -> None:
    pair = active_pair(world)
    client = world.client_for("mentor")
    assert _add(client, pair, kind=MeetingKind.FINAL).status_code == 302
    response = _add(client, pair, kind=MeetingKind.FINAL)
    assert response.status_code == 400
    assert "Итоговая встреча у этой пары уже записана" in response.content.decode()
    # Editing the final meeting itself keeps its type.
    final = pair.meetings.get(kind=MeetingKind.FINAL)
    response = client.post(reverse("pairs:meeting_edit", args=[final.pk]), _form(kind=MeetingKind.FINAL, topic="Итог"))
    assert response.status_code == 302
    with pytest.raises(diary.PairError, match="Итоговая встреча у пары уже записана"):
        diary.save_meeting(
            pair, {**_form(kind=MeetingKind.FINAL), "held_on": TODAY(), "duration_minutes": 45}, [], None
        )


@pytest.mark.parametrize("status", [PairStatus.PROPOSED, PairStatus.CONFIRMED, PairStatus.DISSOLVED])
def test_log_is_closed_before_the_order_and_after_the_end(world: World, status: str) -> None:
    pair = _pair_in(world, status)
    client = world.client_for("curator")
    response = client.get(reverse("pairs:meeting_add", args=[pair.pk]))
    assert response.status_code == 302
    response = client.get(response.url)
    assert f"Пара в статусе «{PairStatus(status).label}»" in response.content.decode()
    assert _add(client, pair).status_code == 302
    assert not pair.meetings.exists()
    data = {**_form(), "held_on": TODAY(), "duration_minutes": 45}
    with pytest.raises(diary.PairError, match="Пара в статусе"):
        diary.save_meeting(pair, data, [], None)


def test_a_completed_pair_log_is_read_only(world: World) -> None:
    pair = _pair_in(world, PairStatus.COMPLETED)
    meeting = pair.meetings.get()
    client = world.client_for("mentor")
    page = client.get(reverse("pairs:diary", args=[pair.pk])).content.decode()
    assert "дневник закрыт" in page and "Записать встречу" not in page
    assert client.post(reverse("pairs:meeting_delete", args=[meeting.pk])).status_code == 302
    assert PairMeeting.objects.filter(pk=meeting.pk).exists()


def test_first_meeting_of_a_fixed_pair_starts_its_work(world: World) -> None:
    pair = _pair_in(world, PairStatus.FIXED)
    held_on = TODAY() - datetime.timedelta(days=3)
    response = _add(world.client_for("mentor"), pair, held_on=held_on.isoformat(), kind=MeetingKind.INTRO)
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE and pair.started_on == held_on
    last = PairTransition.objects.filter(pair=pair).order_by("-at", "-id").first()
    assert last is not None and (last.from_status, last.to_status) == (PairStatus.FIXED, PairStatus.ACTIVE)
    assert last.by == world.people["mentor"].user


def test_the_form_suggests_the_next_meeting_type_of_the_method(world: World) -> None:
    pair = active_pair(world)
    client = world.client_for("mentor")
    url = reverse("pairs:meeting_add", args=[pair.pk])
    assert client.get(url).context["form"]["kind"].initial == MeetingKind.INTRO
    meeting_of(world, kind=MeetingKind.INTRO)
    meeting_of(world, kind=MeetingKind.TRIAL)
    assert client.get(url).context["form"]["kind"].initial == MeetingKind.PLANNING


# -- attachments -------------------------------------------------------------------------------


def _upload(name: str, content: bytes = b"%PDF-1.4 plan", content_type: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_attachments_are_saved_and_downloaded_only_through_the_checked_view(world: World) -> None:
    pair = active_pair(world)
    client = world.client_for("mentor")
    files = [_upload("План Дианы.pdf"), _upload("фото.jpg", b"\xff\xd8\xff jpeg", "image/jpeg")]
    response = client.post(reverse("pairs:meeting_add", args=[pair.pk]), {**_form(), "attachments": files})
    assert response.status_code == 302
    attachments = list(MeetingAttachment.objects.order_by("id"))
    assert [a.name for a in attachments] == ["План Дианы.pdf", "фото.jpg"]
    # Stored under a random name: nothing personal in the storage path.
    assert "Диан" not in attachments[0].file.name and attachments[0].file.name.endswith(".pdf")
    page = world.client_for("mentee").get(reverse("pairs:diary", args=[pair.pk])).content.decode()
    assert reverse("pairs:attachment", args=[attachments[0].pk]) in page
    assert "/media/" not in page
    download = world.client_for("mentee").get(reverse("pairs:attachment", args=[attachments[0].pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 plan"  # type: ignore[attr-defined]
    assert "attachment" in download["Content-Disposition"]
    assert "filename*=utf-8''%D0%9F%D0%BB%D0%B0%D0%BD" in download["Content-Disposition"]


def test_download_is_refused_to_outsiders_and_anonymous(world: World) -> None:
    pair = active_pair(world)
    _add(world.client_for("mentor"), pair)
    meeting = pair.meetings.get()
    attachment = diary.add_attachment(meeting, _upload("отчёт.pdf"), None)
    url = reverse("pairs:attachment", args=[attachment.pk])
    _other_pair(world)
    for role in ("other_curator", "other_district", "teacher", "parent"):
        assert world.client_for(role).get(url).status_code == 404, role
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("login"))
    assert world.client_for("curator").get(reverse("pairs:attachment", args=[attachment.pk + 100])).status_code == 404


def test_a_missing_file_is_404_not_500(world: World) -> None:
    attachment = MeetingAttachment.objects.create(meeting=meeting_of(world), file="meetings/none.pdf", name="x.pdf")
    assert world.client_for("curator").get(reverse("pairs:attachment", args=[attachment.pk])).status_code == 404


def test_too_large_and_wrong_type_files_are_refused_in_russian(world: World, settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    pair = active_pair(world)
    client = world.client_for("mentor")
    big = _upload("фото.png", b"x" * (1024 * 1024 + 1), "image/png")
    response = client.post(reverse("pairs:meeting_add", args=[pair.pk]), {**_form(), "attachments": [big]})
    assert response.status_code == 400
    assert "Файл больше 1 МБ" in response.content.decode()
    bad = _upload("setup.exe", b"MZ", "application/octet-stream")
    response = client.post(reverse("pairs:meeting_add", args=[pair.pk]), {**_form(), "attachments": [bad]})
    assert response.status_code == 400
    assert "Этот тип файла не принимается: .exe. Можно: pdf, docx" in response.content.decode()
    assert not pair.meetings.exists() and not MeetingAttachment.objects.exists()


def test_validate_upload_messages(settings: Any) -> None:
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    settings.ATTACHMENT_EXTENSIONS = ["pdf", "docx"]
    validate_upload(_upload("Отчёт.PDF"))
    with pytest.raises(ValidationError, match="Файл больше 10 МБ"):
        validate_upload(_upload("a.pdf", b"0" * (10 * 1024 * 1024 + 1)))
    with pytest.raises(ValidationError, match=r"не принимается: \.exe\. Можно: pdf, docx\."):
        validate_upload(_upload("a.exe"))
    with pytest.raises(ValidationError, match="без расширения"):
        validate_upload(_upload("README"))
    with pytest.raises(ValidationError, match="Файл пустой"):
        validate_upload(_upload("a.pdf", b""))
    with pytest.raises(ValidationError, match="Файл не выбран"):
        validate_upload(None)


def test_deleting_an_attachment_or_a_meeting_removes_the_files(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    meeting = meeting_of(world)
    first = diary.add_attachment(meeting, _upload("a.pdf"), None)
    second = diary.add_attachment(meeting, _upload("b.pdf"), None)
    storage, first_name, second_name = first.file.storage, first.file.name, second.file.name
    assert storage.exists(first_name) and storage.exists(second_name)
    client = world.client_for("mentee")
    assert client.post(reverse("pairs:attachment_delete", args=[first.pk])).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("mentor").post(reverse("pairs:attachment_delete", args=[first.pk]))
    assert response.status_code == 302 and not storage.exists(first_name)
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("curator").post(reverse("pairs:meeting_delete", args=[meeting.pk]))
    assert not storage.exists(second_name) and not MeetingAttachment.objects.exists()


# -- the log page ------------------------------------------------------------------------------


def test_log_lists_newest_first_with_totals_and_ratings(world: World) -> None:
    pair = active_pair(world)
    older = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=14), topic="Знакомство", duration_minutes=30)
    newer = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=7), topic="Планирование", duration_minutes=60)
    meeting_of(world, held_on=TODAY() - datetime.timedelta(days=1), topic="Решаем задачи", duration_minutes=45)
    mentee = world.people["mentee"]
    MeetingRating.objects.create(meeting=older, person=mentee, score=5, comment="Было интересно")
    MeetingRating.objects.create(meeting=newer, person=mentee, score=4)
    page = world.client_for("curator").get(reverse("pairs:diary", args=[pair.pk])).content.decode()
    assert page.index("Решаем задачи") < page.index("Планирование") < page.index("Знакомство")
    assert "3 встречи, 2,2 ч" in page
    assert "4,5 из 5" in page and "«Было интересно»" in page


def test_log_page_queries_stay_bounded(world: World, django_assert_max_num_queries: Any) -> None:
    pair = active_pair(world)
    mentee = world.people["mentee"]
    for day in range(30):
        meeting = meeting_of(world, held_on=TODAY() - datetime.timedelta(days=day), topic=f"Встреча {day}")
        MeetingRating.objects.create(meeting=meeting, person=mentee, score=1 + day % 5, comment="ок")
        MeetingAttachment.objects.create(meeting=meeting, file=f"meetings/x{day}.pdf", name=f"x{day}.pdf", size=10)
    client = world.client_for("mentee")
    client.get(reverse("pairs:diary", args=[pair.pk]))  # warm the session
    with django_assert_max_num_queries(14):
        response = client.get(reverse("pairs:diary", args=[pair.pk]))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 10
    with django_assert_max_num_queries(14):
        response = client.get(reverse("pairs:diary", args=[pair.pk]) + "?page=3")
    assert "Страница 3 из 3" in response.content.decode()


def test_the_cards_of_the_pair_page_cost_a_fixed_number_of_queries(
    world: World, rf: Any, django_assert_max_num_queries: Any
) -> None:
    from django.template.loader import render_to_string

    from nastavnik.diary import cards

    pair = active_pair(world)
    for day in range(12):
        meeting_of(world, held_on=TODAY() - datetime.timedelta(days=day), topic=f"Тема {day}")
    plan = diary.ensure_plan(pair.members.get())
    for n in range(8):
        plan.tasks.create(title=f"Задача {n}", due_on=TODAY() - datetime.timedelta(days=n - 3))
    request = rf.get("/")
    request.user = world.people["mentee"].user
    loaded = Pair.objects.select_related("mentor__person", "programme__organisation").get(pk=pair.pk)
    user = world.people["mentee"].user
    with django_assert_max_num_queries(12):
        context = {"pair": loaded, "d": cards.diary_card(user, loaded), "p": cards.plans_card(user, loaded)}
        diary_html = render_to_string("pairs/includes/diary_card.html", context, request=request)
        plan_html = render_to_string("pairs/includes/plan_card.html", context, request=request)
    assert "12 встреч" in diary_html and "Оценить встречу" in diary_html and "Весь дневник" in diary_html
    assert "Записать встречу" not in diary_html
    assert "выполнено 0 из 8 задач" in plan_html and "просрочено: 4" in plan_html
