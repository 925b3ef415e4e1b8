"""Erasure clears stored import data: people-import rows, sheets and skipped rows, survey answer imports,
and class-teacher names typed as text; other people's rows stay."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.privacy.erase import anonymous_name, erase_person
from nastavnik.surveys.models import AnswerImport, Campaign
from tests.conftest import World
from tests.imports.helpers import STUDENT_HEADER, upload_batch, xlsx_bytes
from tests.privacy.people import BIRTH, DAY, FIRST_NAME, LAST_NAME, PHONE, subject

pytestmark = pytest.mark.django_db

NEEDLES = [LAST_NAME, BIRTH.isoformat(), BIRTH.strftime("%d.%m.%Y")]
OTHER = ["Кудрявцев", "Пётр", "Ильич", "01.03.2011", "9А"]


def _stored(*objects: object) -> str:
    fields = ("rows", "source", "errors", "warnings", "summary")
    values = [getattr(stored, name, None) for stored in objects for name in fields]
    return json.dumps(values, ensure_ascii=False, default=str)


def test_the_persons_rows_leave_every_stored_import(world: World) -> None:
    s = subject(world)
    person, client = s.person, world.client_for("curator")
    # A checked file waiting for the commit: the person's row has an error (an impossible class).
    header = [*STUDENT_HEADER, "Телефон"]
    mine = [LAST_NAME, FIRST_NAME, "Игоревна", BIRTH.strftime("%d.%m.%Y"), "99Щ", PHONE]
    waiting = upload_batch(client, world.school, "9А.xlsx", xlsx_bytes([header, mine, [*OTHER, ""]]))
    assert waiting.errors and LAST_NAME in _stored(waiting)
    # A committed file whose skipped rows (for the «skipped rows» XLSX) hold the person's row.
    skipped = ImportBatch.objects.create(
        organisation=world.school,
        kind="students",
        filename="старый.xlsx",
        status=ImportStatus.COMMITTED,
        rows=[{"line": 3, "cells": mine, "data": {"last_name": LAST_NAME, "first_name": FIRST_NAME,
               "birth_date": BIRTH.isoformat()}, "error": True}],
        errors=[{"line": 3, "column": "Класс", "message": f"строка 3: {LAST_NAME} {FIRST_NAME} — класс «99Щ»"}],
    )  # fmt: skip
    # A survey answer import whose respondent column names the person (short form) with their class.
    campaign = Campaign.objects.get(organisation=world.school, title="Самооценка")
    answers = AnswerImport.objects.create(
        campaign=campaign,
        filename="ответы.csv",
        columns=["Отметка времени", "ФИО", "Класс"],
        rows=[[2, ["05.10.2026 10:00", f"{LAST_NAME} Я. И.", "7А"]], [3, ["05.10.2026 11:00", "Кудрявцев П.", "9А"]]],
        errors=[{"line": 2, "message": f"строка 2: «{LAST_NAME} Я. И.» нет среди приглашённых"}],
    )

    erase_person(person, "Заявление родителя", User.objects.get(username="director"), DAY)

    for stored in (waiting, skipped, answers):
        stored.refresh_from_db()
        text = _stored(stored)
        assert not [needle for needle in NEEDLES if needle in text], text
    assert anonymous_name(person.pk) in _stored(waiting)
    # Other people's rows are untouched.
    assert "Кудрявцев" in _stored(waiting) and "Кудрявцев П." in _stored(answers)
    kept = [row for row in waiting.rows if row["data"]["last_name"] == "Кудрявцев"]
    assert kept and kept[0]["cells"][:2] == ["Кудрявцев", "Пётр"]
    # The skipped-rows XLSX is built from the scrubbed rows.
    response = client.get(reverse("imports:skipped", kwargs={"pk": waiting.pk}))
    assert response.status_code == 200


def test_class_teacher_names_typed_as_text_are_cleared(world: World) -> None:
    teacher = world.people["teacher"]
    pupil = world.people["mentee"]
    membership = Membership.objects.get(person=pupil, organisation=world.school, role=Role.STUDENT)
    initials = f"{teacher.last_name} {teacher.first_name[0]}.{teacher.middle_name[0]}."
    membership.class_teacher_name = initials
    membership.save()
    stranger = Membership.objects.filter(organisation=world.school, role=Role.STUDENT).exclude(pk=membership.pk)
    stranger.update(class_teacher_name="Иванова Анна Петровна")

    erase_person(teacher, "Заявление", User.objects.get(username="director"), DAY)

    membership.refresh_from_db()
    assert membership.class_teacher_name == ""
    assert not Membership.history.filter(class_teacher_name=initials).exists()
    assert all(name == "Иванова Анна Петровна" for name in stranger.values_list("class_teacher_name", flat=True))
    assert Person.objects.get(pk=teacher.pk).last_name == anonymous_name(teacher.pk)
