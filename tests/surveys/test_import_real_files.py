"""Survey answer import with files that look like real Google Forms / Google Sheets / Yandex Forms exports.

The fixtures and the script that writes them are in tests/surveys/fixtures/ (make_form_exports.py).
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from nastavnik.surveys import import_writing, services
from nastavnik.surveys.import_cells import normalise_class, parse_time
from nastavnik.surveys.import_reading import cell_value
from nastavnik.surveys.models import AnswerImport, Campaign, ImportedResponse, InstrumentVersion, Invitation, Response
from tests.conftest import World
from tests.factories import make_person
from tests.surveys.fixtures.make_form_exports import PUPILS, google_header, points

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MOSCOW = datetime.timezone(datetime.timedelta(hours=3))
# Lines of yandex_forms.xlsx: 2–7 good, 8 and 9 «Куликов» of 7А and 8Б, 10 half empty, 11 not invited.
KULIKOV_LINES = (8, 9)
HALF_EMPTY, NOT_INVITED = 10, 11


# -- helpers ---------------------------------------------------------------------------------------


def _pupils(world: World) -> dict[tuple[str, str], Person]:
    """The invited pupils of the fixtures (made before the campaign, which invites every pupil)."""
    people = {}
    for last, first, grade, letter in PUPILS:
        person = make_person(world.school, Role.STUDENT, grade=grade, class_letter=letter)
        person.last_name, person.first_name, person.middle_name = last, first, ""
        person.save()
        people[(last, first)] = person
    return people


def _campaign(world: World) -> Campaign:
    fields = {
        "organisation": world.school,
        "version": InstrumentVersion.objects.get(instrument__code="key-to-self"),
        "title": "Ключ к себе, осень 2026",
        "anonymous": False,
        "opens_on": datetime.date(2026, 11, 20),
        "closes_on": datetime.date(2026, 12, 20),
    }
    people = services.audience_people(world.school, services.Audience.STUDENTS)
    campaign, _ = services.create_campaign(fields, people, world.people["curator"].user)  # type: ignore[arg-type]
    return campaign


def _checked(client: Client, campaign: Campaign, name: str, content: bytes = b"", **changes: str) -> AnswerImport:
    """Upload a fixture (or `content`), keep the suggested mapping (plus `changes`), return the checked batch."""
    upload = SimpleUploadedFile(name, content or (FIXTURES / name).read_bytes())
    response = client.post(reverse("surveys:import_upload", kwargs={"pk": campaign.pk}), {"file": upload})
    assert response.status_code == 302
    batch = AnswerImport.objects.latest("id")
    url = reverse("surveys:import_map", kwargs={"pk": batch.pk})
    form = client.get(url).context["form"]
    data = {**{field: form[field].value() or "" for field in form.fields}, **changes}
    assert client.post(url, data).status_code == 302
    batch.refresh_from_db()
    return batch


def _commit(client: Client, batch: AnswerImport, *, skip: bool = False) -> str:
    url = reverse("surveys:import_commit", kwargs={"pk": batch.pk})
    page = client.post(url, {"skip_invalid": "1" if skip else "0"}, follow=True)
    assert page.status_code == 200
    batch.refresh_from_db()
    return page.content.decode()


def _errors(batch: AnswerImport) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in batch.errors:
        found.setdefault(error["line"], []).append(error["message"])
    return found


# -- a re-download of the same form ------------------------------------------------------------------


def test_a_google_sheets_re_download_with_five_new_rows_adds_exactly_those_five(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    first = _checked(curator, campaign, "google_forms.csv")
    assert (first.summary["ready"], first.summary["errors"], first.summary["linked"]) == (33, 0, 33)
    assert "Загружено в базу: 33 ответа." in _commit(curator, first)

    again = _checked(curator, campaign, "google_sheets.xlsx")
    assert (again.summary["duplicates"], again.summary["ready"], again.errors) == (33, 5, [])
    assert "Загружено в базу: 5 ответов." in _commit(curator, again)

    assert Response.objects.filter(campaign=campaign).count() == 38
    assert Invitation.objects.filter(campaign=campaign, answered_at__isnull=False).count() == 38
    results = curator.get(reverse("surveys:results", kwargs={"pk": campaign.pk}))
    assert results.context["total"] == 38
    assert not ImportedResponse.objects.filter(batch__campaign=campaign, fingerprint="").exists()


def test_the_same_re_download_uploaded_twice_adds_nothing_the_second_time(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    _commit(curator, _checked(curator, campaign, "google_sheets.xlsx"))
    again = _checked(curator, campaign, "google_forms.csv")
    assert (again.summary["duplicates"], again.summary["ready"], again.errors) == (33, 0, [])
    assert "В файле нет новых ответов" in _commit(curator, again)
    assert Response.objects.filter(campaign=campaign).count() == 38


def test_a_submission_time_is_the_same_moment_from_text_and_from_a_date_cell() -> None:
    moment = datetime.datetime(2026, 11, 23, 14, 5, 33, tzinfo=MOSCOW)
    # How openpyxl may read 14:05:33 back from a spreadsheet's fraction of a day.
    cell = cell_value(datetime.datetime(2026, 11, 23, 14, 5, 32, 999_999))
    for text in ["23.11.2026 14:05:33", "2026/11/23 2:05:33 PM GMT+3", "2026/11/23 11:05:33 AM GMT", cell]:
        assert parse_time(text) == moment, text
    assert parse_time("2026/11/23 2:05:33 PM GMT+5") == moment - datetime.timedelta(hours=2)


# -- the bad rows of a Yandex Forms file ---------------------------------------------------------------


def test_a_half_empty_row_and_a_person_not_invited_make_only_their_rows_invalid(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    batch = _checked(world.client_for("curator"), campaign, "yandex_forms.xlsx")
    errors = _errors(batch)
    assert set(errors) == {HALF_EMPTY, NOT_INVITED}
    assert len(errors[HALF_EMPTY]) == 18 and all("это обязательный вопрос" in e for e in errors[HALF_EMPTY])
    assert errors[NOT_INVITED] == [
        "строка 11, участник (столбец C): «Незнакомова Ольга» нет среди приглашённых в этот опрос"
    ]
    assert batch.summary["ready"] == 8


def test_without_skip_the_whole_yandex_file_is_refused_and_nothing_is_written(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "yandex_forms.xlsx")
    preview = curator.get(reverse("surveys:import_preview", kwargs={"pk": batch.pk})).content.decode()
    assert "загрузить корректные строки, пропустить ошибочные (загрузка: 8 ответов; пропуск: 2 строки)" in preview
    assert reverse("surveys:import_skipped", kwargs={"pk": batch.pk}) in preview
    assert "В файле есть ошибки" in _commit(curator, batch)
    assert not Response.objects.filter(campaign=campaign).exists()
    assert batch.status == "checked"


def test_with_skip_the_correct_rows_load_and_the_skipped_ones_download_with_reasons(world: World) -> None:
    people = _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "yandex_forms.xlsx")
    page = _commit(curator, batch, skip=True)
    assert "Загружено в базу: 8 ответов. Пропущено строк с ошибками: 2." in page
    stored = Response.objects.filter(campaign=campaign)
    assert stored.count() == 8
    assert stored.filter(person=people[("Куликов", "Пётр")], class_name="8Б").exists()
    # «Время создания» as text (even rows of the file) and as a date cell (odd rows) both count.
    first = stored.get(person=people[PUPILS[0][:2]])
    second = stored.get(person=people[PUPILS[1][:2]])
    assert first.submitted_at == datetime.datetime(2026, 11, 25, 10, 0, tzinfo=MOSCOW)
    assert second.submitted_at == datetime.datetime(2026, 11, 25, 10, 9, 1, tzinfo=MOSCOW)

    download = curator.get(reverse("surveys:import_skipped", kwargs={"pk": batch.pk}))
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Строка файла", "Почему пропущена", "ID", "Время создания", "Ваше ФИО")
    assert [(row[0], row[4]) for row in rows[1:]] == [
        (HALF_EMPTY, PUPILS[6][0] + " " + PUPILS[6][1]),
        (11, "Незнакомова Ольга"),
    ]
    assert "нет среди приглашённых" in str(rows[2][1])


def test_the_yandex_file_again_after_a_skip_commit_adds_nothing(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    _commit(curator, _checked(curator, campaign, "yandex_forms.xlsx"), skip=True)
    again = _checked(curator, campaign, "yandex_forms.xlsx")
    assert (again.summary["duplicates"], again.summary["ready"], set(_errors(again))) == (8, 0, {10, 11})


# -- two invited Куликовы ------------------------------------------------------------------------------


def test_two_invited_kulikovs_are_told_apart_by_the_class_column(world: World) -> None:
    people = _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "yandex_forms.xlsx")
    assert batch.mapping["klass"] == 3  # «Класс» is suggested from the header
    assert not set(KULIKOV_LINES) & set(_errors(batch))
    _commit(curator, batch, skip=True)
    ivan, petr = people[("Куликов", "Иван")], people[("Куликов", "Пётр")]
    assert set(Response.objects.filter(person__last_name="Куликов").values_list("person_id", flat=True)) == {
        ivan.pk,
        petr.pk,
    }


def test_without_the_class_column_an_ambiguous_name_lists_the_candidates(world: World) -> None:
    _pupils(world)
    campaign = _campaign(world)
    batch = _checked(world.client_for("curator"), campaign, "yandex_forms.xlsx", klass="")
    errors = _errors(batch)
    assert errors[8] == [
        "строка 8, участник (столбец C): в опрос приглашены несколько человек с именем «Куликов»: "
        "Куликов Иван (7А), Куликов Пётр (8Б). Выберите при сопоставлении столбец «Класс» "
        "или укажите в файле ФИО полностью"
    ]
    assert 9 in errors and batch.summary["ready"] == 6


def test_a_surname_alone_finds_the_one_invited_person_with_it(world: World) -> None:
    _pupils(world)
    morozov = make_person(world.school, Role.STUDENT, grade=9, class_letter="В")
    morozov.last_name, morozov.first_name, morozov.middle_name = "Морозов", "Лев", "Андреевич"
    morozov.save()
    campaign = _campaign(world)
    row = ["24.11.2026 08:30:00", "  морозов ", "Да", *(str(point) for point in points(0))]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([google_header(), row])
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "Ключ к себе (Ответы).csv", buffer.getvalue().encode())
    _commit(curator, batch)
    assert Response.objects.get(campaign=campaign).person == morozov


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7А", (7, "А")),
        ("7 а", (7, "А")),
        ("7-А", (7, "А")),
        ("7 «А»", (7, "А")),
        ("7А класс", (7, "А")),
        ("9-й Б", (9, "Б")),
        ("10a", (10, "А")),
        ("11 В кл.", (11, "В")),
        ("седьмой", None),
        ("15А", None),
    ],
)
def test_classes_are_normalised(text: str, expected: tuple[int, str] | None) -> None:
    assert normalise_class(text) == expected


# -- an answer by link during the commit -------------------------------------------------------------


def _answer_by_link_meanwhile(campaign: Campaign, person: Person) -> None:
    """A response by the personal link that lands after the commit's re-check (the invitation not yet marked)."""
    Response.objects.create(campaign=campaign, version=campaign.version, person=person, answers={}, refused=True)


def test_an_answer_by_link_during_an_all_or_nothing_commit_is_a_row_error_and_nothing_is_written(
    world: World,
) -> None:
    people = _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "google_forms.csv")
    _answer_by_link_meanwhile(campaign, people[PUPILS[2][:2]])
    assert "В файле есть ошибки" in _commit(curator, batch)
    assert Response.objects.filter(campaign=campaign).count() == 1
    assert _errors(batch) == {4: [import_writing.ANSWERED_MEANWHILE.format(line=4)]}
    assert batch.status == "checked"


def test_an_answer_by_link_during_a_skip_commit_skips_only_that_row(world: World) -> None:
    people = _pupils(world)
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "google_forms.csv")
    _answer_by_link_meanwhile(campaign, people[PUPILS[2][:2]])
    assert "Загружено в базу: 32 ответа. Пропущено строк с ошибками: 1." in _commit(curator, batch, skip=True)
    assert Response.objects.filter(campaign=campaign).count() == 33
    assert ImportedResponse.objects.filter(batch=batch).count() == 32
    assert batch.summary["error_lines"] == [4]
