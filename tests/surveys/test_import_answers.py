"""Import of answers collected in Yandex Forms / Google Forms: upload → mapping → preview → commit."""

from __future__ import annotations

import csv
import datetime
import io
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from nastavnik.surveys import engine, importing, services
from nastavnik.surveys.forms_import import ASSUME_YES
from nastavnik.surveys.models import (
    AnswerImport,
    AnswerImportStatus,
    Campaign,
    ImportedResponse,
    InstrumentVersion,
    Invitation,
    Response,
)
from tests.conftest import World
from tests.factories import make_person

GOOGLE_TIME = "Отметка времени"
ALL_FOURS = {f"q{n}": "4" for n in range(1, 22)} | {"q4": "1", "q5": "1", "q19": "1"}
ALL_THREES_AS_LABELS = dict.fromkeys((f"q{n}" for n in range(1, 22)), "скорее да, чем нет")


# -- helpers ---------------------------------------------------------------------------------------


def _campaign(world: World, code: str = "key-to-self", *, anonymous: bool = False) -> Campaign:
    today = datetime.date.today()
    fields = {
        "organisation": world.school,
        "version": InstrumentVersion.objects.get(instrument__code=code),
        "title": "Ключ к себе, 9 классы",
        "anonymous": anonymous,
        "opens_on": today - datetime.timedelta(days=30),
        "closes_on": today + datetime.timedelta(days=10),
    }
    people = services.audience_people(world.school, services.Audience.STUDENTS)
    campaign, _ = services.create_campaign(fields, people, world.people["curator"].user)  # type: ignore[arg-type]
    return campaign


def _students(world: World, count: int) -> list[Person]:
    """Pupils of 15 with consent: invited to «Ключ к себе» (14+)."""
    pupils = []
    for last, first in [("Лебедева", "Мария"), ("Орлов", "Артём"), ("Фёдорова", "Алёна")][:count]:
        person = make_person(world.school, Role.STUDENT, grade=9, class_letter="Б")
        person.last_name, person.first_name, person.middle_name = last, first, ""
        person.save()
        pupils.append(person)
    return pupils


def _texts(code: str = "key-to-self") -> dict[str, str]:
    version = InstrumentVersion.objects.get(instrument__code=code)
    return {q["id"]: q["text"] for q in version.questions()}


def _key_header(*, respondent: str | None = "Ваше ФИО", consent: bool = True) -> list[str]:
    texts = _texts()
    header = [GOOGLE_TIME]
    if respondent:
        header.append(respondent)
    if consent:
        header.append(texts["consent"])
    return header + [texts[f"q{n}"] for n in range(1, 22)]


def _key_row(when: str, who: str | None, answers: dict[str, str], consent: str | None = "Да") -> list[str]:
    row = [when]
    if who is not None:
        row.append(who)
    if consent is not None:
        row.append(consent)
    return row + [answers[f"q{n}"] for n in range(1, 22)]


def _csv(rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    """As Google Forms writes it: commas, quotes where needed, UTF-8 without BOM."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client: Client, campaign: Campaign, name: str, content: bytes) -> Any:
    url = reverse("surveys:import_upload", kwargs={"pk": campaign.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def _uploaded(client: Client, campaign: Campaign, name: str, content: bytes) -> AnswerImport:
    response = _upload(client, campaign, name, content)
    assert response.status_code == 302, response.context["form"].errors if response.context else response.status_code
    return AnswerImport.objects.latest("id")


def _suggested(client: Client, batch: AnswerImport) -> dict[str, str]:
    page = client.get(reverse("surveys:import_map", kwargs={"pk": batch.pk}))
    assert page.status_code == 200
    form = page.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


def _map(client: Client, batch: AnswerImport, **changes: str) -> Any:
    data = {**_suggested(client, batch), **changes}
    return client.post(reverse("surveys:import_map", kwargs={"pk": batch.pk}), data)


def _checked(client: Client, campaign: Campaign, name: str, content: bytes, **changes: str) -> AnswerImport:
    """Upload and map with the suggested columns (plus `changes`): the batch after the preview check."""
    batch = _uploaded(client, campaign, name, content)
    response = _map(client, batch, **changes)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    batch.refresh_from_db()
    return batch


def _commit(client: Client, batch: AnswerImport) -> Any:
    return client.post(reverse("surveys:import_commit", kwargs={"pk": batch.pk}), follow=True)


def _preview(client: Client, batch: AnswerImport) -> str:
    return client.get(reverse("surveys:import_preview", kwargs={"pk": batch.pk})).content.decode()


def _scores(response: Response) -> dict[str, tuple[int, str]]:
    return {s["slug"]: (s["score"], s["band"]) for s in response.scores}


# -- the happy paths -----------------------------------------------------------------------------


def test_a_google_forms_csv_with_labels_imports_and_scores_key_to_self(world: World) -> None:
    maria, artyom, alyona = _students(world, 3)
    campaign = _campaign(world)
    content = _csv(
        [
            _key_header(),
            _key_row("15.10.2025 09:12:45", "Лебедева Мария", ALL_FOURS),
            _key_row("15.10.2025 09:20:01", "Артём Орлов", ALL_THREES_AS_LABELS),
            _key_row("15.10.2025 10:02:10", "ФЕДОРОВА АЛЕНА", ALL_THREES_AS_LABELS, consent="Нет"),
        ]
    )
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "Ключ к себе (Ответы) - Ответы на форму (1).csv", content)
    assert batch.errors == []
    assert batch.summary["ready"] == 3 and batch.summary["refused"] == 1 and batch.summary["linked"] == 3
    assert "Загрузить 3 ответа в базу" in _preview(curator, batch)

    page = _commit(curator, batch).content.decode()
    assert "Загружено в базу: 3 ответа." in page

    stored = {r.person_id: r for r in Response.objects.filter(campaign=campaign)}
    # Hand-scored: all 4 but q4 = q5 = q19 = 1 → mastery 8×4 − 1 = 31, optimism 7×4 − 1 = 27,
    # community 1 + 6×4 = 25, choice 5×4 = 20, resilience 5×4 − 3 = 17: every scale high.
    assert _scores(stored[maria.pk]) == {
        "mastery": (31, "high"),
        "optimism": (27, "high"),
        "community": (25, "high"),
        "choice": (20, "high"),
        "resilience": (17, "high"),
    }
    # All «скорее да, чем нет» = 3: mastery 8×3 − 3 = 21, resilience 5×3 − 3×3 = 6, all middle.
    assert _scores(stored[artyom.pk])["mastery"] == (21, "middle")
    assert _scores(stored[artyom.pk])["resilience"] == (6, "middle")
    assert stored[artyom.pk].answers["q1"] == 3 and stored[artyom.pk].class_name == "9Б"
    assert stored[alyona.pk].refused and stored[alyona.pk].answers == {} and stored[alyona.pk].scores == []
    when = timezone.localtime(stored[maria.pk].submitted_at)
    assert (when.date(), when.hour, when.minute) == (datetime.date(2025, 10, 15), 9, 12)
    answered = Invitation.objects.filter(campaign=campaign, answered_at__isnull=False)
    assert set(answered.values_list("person_id", flat=True)) == {maria.pk, artyom.pk, alyona.pk}
    batch.refresh_from_db()
    assert batch.status == AnswerImportStatus.COMMITTED and batch.rows == []
    assert ImportedResponse.objects.filter(batch=batch).count() == 3


def test_a_yandex_forms_xlsx_with_numbers_and_dates_imports(world: World) -> None:
    (maria,) = _students(world, 1)
    maria.email = "Maria.Lebedeva@example.ru"
    maria.save()
    campaign = _campaign(world)
    texts = _texts()
    # Yandex: an ID, the creation time as a real date cell, numbers as numbers, a «*» after required questions.
    header = ["ID", "Время создания", "E-mail", f"{texts['consent']} *"] + [f"{texts[f'q{n}']} *" for n in range(1, 22)]
    row = [1234567, datetime.datetime(2025, 10, 16, 11, 30), "maria.lebedeva@example.ru", "Да"]
    row += [4.0 if n not in (4, 5, 19) else 1 for n in range(1, 22)]
    batch = _checked(world.client_for("curator"), campaign, "Ответы.xlsx", _xlsx([header, row]))
    assert batch.mapping["respondent"] == 2 and batch.mapping["time"] == 1 and len(batch.mapping["questions"]) == 22
    assert batch.errors == []
    _commit(world.client_for("curator"), batch)
    stored = Response.objects.get(campaign=campaign)
    assert stored.person == maria
    assert _scores(stored)["mastery"] == (31, "high")
    assert timezone.localtime(stored.submitted_at).hour == 11


def test_a_cp1251_csv_saved_by_excel_reads_the_same(world: World) -> None:
    _students(world, 1)
    campaign = _campaign(world)
    content = _csv([_key_header(), _key_row("15.10.2025 9:12", "Лебедева Мария", ALL_FOURS)], ";", "cp1251")
    batch = _checked(world.client_for("curator"), campaign, "ответы.csv", content)
    assert batch.errors == [] and batch.summary["ready"] == 1


def test_an_anonymous_campaign_stores_no_person_and_no_identity(world: World) -> None:
    (maria,) = _students(world, 1)
    campaign = _campaign(world, anonymous=True)
    content = _csv(
        [
            [*_key_header(respondent="Адрес электронной почты")],
            _key_row("15.10.2025 09:12:45", "maria@example.ru", ALL_FOURS),
        ]
    )
    curator = world.client_for("curator")
    batch = _uploaded(curator, campaign, "ответы.csv", content)
    assert "maria@example.ru" not in str(batch.rows)  # not stored, not even until the commit
    assert batch.columns[1] == "Адрес электронной почты (не сохранён: опрос анонимный)"
    assert "respondent" not in _suggested(curator, batch)
    assert _map(curator, batch, respondent="1").status_code == 302  # a forged field is ignored
    batch.refresh_from_db()
    assert batch.mapping["respondent"] is None
    _commit(curator, batch)
    stored = Response.objects.get(campaign=campaign)
    assert stored.person is None and stored.class_name == ""
    assert (stored.submitted_at.hour, stored.submitted_at.minute) == (0, 0)
    assert not Invitation.objects.filter(person=maria, answered_at__isnull=False).exists()


def test_a_form_without_the_consent_question_may_count_everyone_as_agreeing(world: World) -> None:
    _students(world, 1)
    campaign = _campaign(world)
    content = _csv([_key_header(consent=False), _key_row("15.10.2025 09:12", "Лебедева Мария", ALL_FOURS, None)])
    curator = world.client_for("curator")
    batch = _uploaded(curator, campaign, "ответы.csv", content)
    refused = _map(curator, batch)
    assert refused.status_code == 400
    assert "Это обязательный вопрос анкеты" in refused.content.decode()
    assert _map(curator, batch, q_consent=ASSUME_YES).status_code == 302
    batch.refresh_from_db()
    assert batch.summary["ready"] == 1 and batch.mapping["consent"] == ["consent"]


# -- all or nothing ---------------------------------------------------------------------------------


def test_a_bad_row_blocks_the_whole_file_and_names_row_and_question(world: World) -> None:
    _students(world, 2)
    campaign = _campaign(world)
    texts = _texts()
    content = _csv(
        [
            _key_header(),
            _key_row("15.10.2025 09:12:45", "Лебедева Мария", ALL_FOURS),
            _key_row("15.10.2025 09:13:00", "Орлов Артём", {**ALL_FOURS, "q7": "5", "q8": ""}),
            _key_row("15.10.2025 09:14:00", "Незнакомцев Пётр", ALL_FOURS),
        ]
    )
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "ответы.csv", content)
    messages = [e["message"] for e in batch.errors]
    assert f"строка 3, вопрос «{importing.short(texts['q7'], 80)}» (столбец J): ответ должен быть от 1 до 4" in messages
    assert f"строка 3, вопрос «{importing.short(texts['q8'], 80)}» (столбец K): это обязательный вопрос" in messages
    assert "строка 4, участник (столбец B): «Незнакомцев Пётр» нет среди приглашённых в этот опрос" in messages
    assert batch.summary["error_rows"] == 2
    page = _preview(curator, batch)
    assert "В базу ничего не загружено" in page and "3 ошибки" in page
    # All or nothing is the choice already made; loading the correct rows only is the other one.
    assert 'name="skip_invalid" value="0" checked' in page
    assert "В файле есть ошибки" in _commit(curator, batch).content.decode()
    assert not Response.objects.exists()
    assert not Invitation.objects.filter(answered_at__isnull=False).exists()


def test_the_commit_checks_again_and_writes_nothing_when_someone_answered_meanwhile(world: World) -> None:
    maria, _ = _students(world, 2)
    campaign = _campaign(world)
    content = _csv(
        [
            _key_header(),
            _key_row("15.10.2025 09:12:45", "Орлов Артём", ALL_FOURS),
            _key_row("15.10.2025 09:13:00", "Лебедева Мария", ALL_FOURS),
        ]
    )
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "ответы.csv", content)
    assert batch.errors == []
    invitation = Invitation.objects.get(campaign=campaign, person=maria)
    answers = {f"q{n}": 2 for n in range(1, 22)} | {"consent": "yes"}
    services.store_response(invitation, engine.check(campaign.version.definition, answers))
    assert "В файле есть ошибки" in _commit(curator, batch).content.decode()
    assert Response.objects.filter(campaign=campaign).count() == 1  # only the answer by link
    batch.refresh_from_db()
    assert batch.status == AnswerImportStatus.CHECKED
    assert batch.errors[0]["message"].startswith("строка 3, участник (столбец B): Лебедева Мария уже ответил(а)")


def test_the_same_person_twice_in_a_file_is_an_error(world: World) -> None:
    _students(world, 1)
    campaign = _campaign(world)
    rows = [_key_row(f"15.10.2025 09:1{i}:00", "Лебедева Мария", ALL_FOURS) for i in range(2)]
    batch = _checked(world.client_for("curator"), campaign, "ответы.csv", _csv([_key_header(), *rows]))
    assert [e["message"] for e in batch.errors] == [
        "строка 3, участник (столбец B): Лебедева Мария уже ответил(а) в строке 2"
    ]


# -- duplicates --------------------------------------------------------------------------------------


def test_a_second_commit_and_a_re_upload_create_nothing_twice(world: World) -> None:
    _students(world, 2)
    campaign = _campaign(world, anonymous=True)
    rows = [
        _key_row("15.10.2025 09:12:45", None, ALL_FOURS),
        _key_row("15.10.2025 09:20:01", None, ALL_THREES_AS_LABELS),
    ]
    content = _csv([_key_header(respondent=None), *rows])
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "ответы.csv", content)
    _commit(curator, batch)
    assert "уже загружены в базу" in _commit(curator, batch).content.decode()
    assert Response.objects.filter(campaign=campaign).count() == 2

    again = _checked(curator, campaign, "ответы.csv", content)
    assert again.summary["duplicates"] == 2 and again.summary["ready"] == 0
    page = _preview(curator, again)
    assert "2 строки — пропускаются" in page and "В файле нет новых ответов" in page
    assert "все строки уже загружены" in _commit(curator, again).content.decode()

    # A later export of the same form: the old rows and one new answer.
    later = _csv([_key_header(respondent=None), *rows, _key_row("16.10.2025 08:00:00", None, ALL_FOURS)])
    newer = _checked(curator, campaign, "ответы-2.csv", later)
    assert (newer.summary["duplicates"], newer.summary["ready"]) == (2, 1)
    _commit(curator, newer)
    assert Response.objects.filter(campaign=campaign).count() == 3


def test_identical_answers_of_two_pupils_in_one_file_are_two_answers(world: World) -> None:
    campaign = _campaign(world, anonymous=True)
    rows = [_key_row("15.10.2025", None, ALL_FOURS)] * 2
    curator = world.client_for("curator")
    batch = _checked(curator, campaign, "ответы.csv", _csv([_key_header(respondent=None), *rows]))
    _commit(curator, batch)
    assert Response.objects.filter(campaign=campaign).count() == 2


# -- files that are not exports ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("ответы.xlsx", os.urandom(2048), "Файл не похож на таблицу Excel (.xlsx) или CSV"),
        ("ответы.csv", b"\x00\x01\x02" * 50, "Файл не похож на таблицу Excel (.xlsx) или CSV"),
        ("ответы.csv", b"", "Файл пустой"),
        ("ответы.xlsx", _xlsx([]), "Файл пустой"),
        ("ответы.csv", "Отметка времени,Вопрос\r\n".encode(), "Под строкой заголовков нет ни одной строки с ответами"),
        ("ответы.pdf", b"%PDF-1.4", "Загрузите таблицу в формате .xlsx (Excel) или .csv"),
        ("ответы.xls", b"\xd0\xcf\x11\xe0", "Старый формат Excel (.xls) не поддерживается"),
    ],
)
def test_junk_files_are_refused_with_a_russian_message(world: World, name: str, content: bytes, message: str) -> None:
    campaign = _campaign(world)
    response = _upload(world.client_for("curator"), campaign, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AnswerImport.objects.exists()


def test_a_file_over_the_limit_is_refused(world: World, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    response = _upload(world.client_for("curator"), _campaign(world), "ответы.csv", b"a,b\r\n" * 1000)
    assert response.status_code == 400 and "Файл больше 1 КБ" in response.content.decode()


def test_an_instrument_with_a_required_sentence_stems_question_cannot_be_imported(world: World) -> None:
    campaign = _campaign(world, "winter-meeting-feedback")
    curator = world.client_for("curator")
    page = curator.get(reverse("surveys:import_upload", kwargs={"pk": campaign.pk})).content.decode()
    assert "Ответы на эту анкету нельзя загрузить из формы" in page
    response = _upload(curator, campaign, "ответы.csv", _csv([["Отметка времени"], ["15.10.2025"]]))
    assert response.status_code == 400 and not AnswerImport.objects.exists()


def test_an_optional_table_question_is_shown_as_not_mappable(world: World) -> None:
    campaign = _campaign(world, "bingo-growth-workshops")
    curator = world.client_for("curator")
    batch = _uploaded(curator, campaign, "ответы.csv", _csv([["Отметка времени"], ["15.10.2025"]]))
    page = curator.get(reverse("surveys:import_map", kwargs={"pk": batch.pk})).content.decode()
    assert "нельзя загрузить из формы" in page


def test_a_junk_mapping_post_is_a_form_error_not_a_500(world: World) -> None:
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _uploaded(curator, campaign, "ответы.csv", _csv([_key_header(), _key_row("1", "x", ALL_FOURS)]))
    response = _map(curator, batch, q_q1="999", time="abc")
    assert response.status_code == 400
    assert "Выберите корректный вариант" in response.content.decode()


def test_one_column_for_two_questions_is_a_form_error(world: World) -> None:
    campaign = _campaign(world)
    curator = world.client_for("curator")
    batch = _uploaded(curator, campaign, "ответы.csv", _csv([_key_header(), _key_row("1", "x", ALL_FOURS)]))
    response = _map(curator, batch, q_q2=_suggested(curator, batch)["q_q1"])
    assert response.status_code == 400
    assert "уже выбран для «У меня есть дела и увлечения" in response.content.decode()


# -- access -----------------------------------------------------------------------------------------


def test_another_organisations_curator_cannot_commit_a_checked_batch(world: World) -> None:
    _students(world, 1)
    campaign = _campaign(world)
    content = _csv([_key_header(), _key_row("15.10.2025 09:12", "Лебедева Мария", ALL_FOURS)])
    batch = _checked(world.client_for("curator"), campaign, "ответы.csv", content)
    outsider = world.client_for("other_curator")
    assert outsider.post(reverse("surveys:import_commit", kwargs={"pk": batch.pk})).status_code == 404
    assert (
        world.client_for("teacher").get(reverse("surveys:import_preview", kwargs={"pk": batch.pk})).status_code == 403
    )
    assert not Response.objects.exists()


def test_the_campaign_page_links_to_the_import_for_managers_only(world: World) -> None:
    campaign = _campaign(world)
    url = reverse("surveys:import_upload", kwargs={"pk": campaign.pk})
    detail = reverse("surveys:detail", kwargs={"pk": campaign.pk})
    assert url in world.client_for("curator").get(detail).content.decode()
    assert url not in world.client_for("district").get(detail).content.decode()


def test_the_commit_needs_post(world: World) -> None:
    campaign = _campaign(world)
    batch = AnswerImport.objects.create(campaign=campaign, filename="x.csv")
    url = reverse("surveys:import_commit", kwargs={"pk": batch.pk})
    assert world.client_for("curator").get(url).status_code == 405


# -- the pieces, table-driven --------------------------------------------------------------------------


def _question(code: str, qid: str) -> Any:
    return engine.instrument(InstrumentVersion.objects.get(instrument__code=code).definition).question(qid)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Организация учебного процесса", ["teaching_process_difficulties"]),
        # A label with commas is matched whole, whatever the separator.
        (
            "Взаимодействие с обучающимися, коллегами, родителями, Методика преподавания предмета",
            ["interaction_difficulties", "subject_methodology"],
        ),
        (
            "методика преподавания предмета; взаимодействие с обучающимися, коллегами, родителями",
            ["subject_methodology", "interaction_difficulties"],
        ),
        # «Другое»: whatever is not a label, commas and all.
        (
            "Цифровые инструменты и ИКТ-компетенции, работа с детьми с ОВЗ, инклюзия",
            ["digital_skills", {"other": "работа с детьми с ОВЗ, инклюзия"}],
        ),
        ("Другое: наставничество в кружке", [{"other": "наставничество в кружке"}]),
    ],
)
def test_multiple_choice_cells_become_option_values(db: None, cell: str, expected: list[Any]) -> None:
    convert = importing.CONVERTERS["multiple"](_question("mentee-intake", "problems_teacher"))
    assert convert(cell) == expected


def test_an_unknown_label_of_a_question_without_other_is_a_row_error(db: None) -> None:
    convert = importing.CONVERTERS["single"](_question("mentee-intake", "role"))
    assert convert("ПЕДАГОГ") == "teacher"
    with pytest.raises(ValueError, match="нет такого варианта ответа: «родитель»"):
        convert("родитель")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("3", 3), ("3 — скорее да, чем нет", 3), ("4 - согласен", 4), ("скорее нет, чем да", 2), ("2.0", 2), ("5", 5)],
)
def test_scale_cells_become_integers(db: None, cell: str, expected: int) -> None:
    assert importing.CONVERTERS["scale"](_question("key-to-self", "q1"))(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("Да", "yes"), ("да, согласен", "yes"), ("НЕТ", "no"), ("yes", "yes")],
)
def test_consent_cells(db: None, cell: str, expected: str) -> None:
    assert importing.CONVERTERS["consent"](_question("key-to-self", "consent"))(cell) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.10.2025 09:12:45", datetime.datetime(2025, 10, 15, 9, 12, 45)),
        ("15.10.2025", datetime.datetime(2025, 10, 15)),
        ("2025-10-15 09:12:45.123", datetime.datetime(2025, 10, 15, 9, 12, 45)),
        ("2025/10/15 9:12:45 PM GMT+3", datetime.datetime(2025, 10, 15, 21, 12, 45)),
        ("10/15/2025 12:05:00 AM", datetime.datetime(2025, 10, 15, 0, 5)),
    ],
)
def test_answer_times_of_both_services_are_read(text: str, expected: datetime.datetime) -> None:
    assert timezone.localtime(importing.parse_time(text)).replace(tzinfo=None) == expected


@pytest.mark.parametrize("text", ["вчера", "32.10.2025", "15.10.2025 что-то", "15.10.2099"])
def test_unreadable_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        importing.parse_time(text)


def test_columns_are_suggested_by_question_text_then_prefix_then_contains(world: World) -> None:
    campaign = _campaign(world)
    texts = _texts()
    columns = [
        "Отметка времени",
        "ФИО",
        texts["q1"].upper().replace("Е", "Ё"),  # case and ё do not matter
        texts["q2"][:40],  # a shortened header
        f"2. {texts['q3']}",  # a numbered header
        "q4",  # a hand-made table
        "Да",
    ]
    mapping = importing.suggest(campaign, columns)
    assert mapping.time == 0 and mapping.respondent == 1
    assert {k: v for k, v in mapping.questions.items() if k in {"q1", "q2", "q3", "q4"}} == {
        "q1": 2,
        "q2": 3,
        "q3": 4,
        "q4": 5,
    }
    assert 6 not in mapping.questions.values()
