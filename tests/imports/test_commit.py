"""Commit: people and memberships created or updated in one go; re-import never duplicates."""

from __future__ import annotations

import datetime

import pytest
from django.db import DatabaseError
from django.urls import reverse

from nastavnik.imports import services
from nastavnik.imports.models import ImportStatus
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Consent, Person
from tests.conftest import World
from tests.factories import make_person
from tests.imports.helpers import (
    STAFF_HEADER,
    STUDENT_HEADER,
    commit,
    csv_bytes,
    import_file,
    upload_batch,
    xlsx_bytes,
)

STUDENTS = [
    STUDENT_HEADER,
    ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"],
    ["Кудрявцев", "Пётр", "", datetime.date(2011, 3, 1), "9 а"],
]


def _student(last_name: str) -> Person:
    return Person.objects.get(last_name=last_name)


def test_a_good_xlsx_creates_students_with_their_classes(world: World) -> None:
    before = Person.objects.count()
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    assert batch.summary | {"create": 2, "update": 0, "errors": 0} == batch.summary
    page = client.get(reverse("imports:preview", kwargs={"pk": batch.pk})).content.decode()
    assert "Загрузить в базу" in page

    response = commit(client, batch)
    batch.refresh_from_db()
    assert response.status_code == 302
    assert batch.status == ImportStatus.COMMITTED
    assert batch.committed_at is not None
    assert (batch.summary["created"], batch.summary["updated"]) == (2, 0)
    assert Person.objects.count() == before + 2
    maria = _student("Лебедева")
    assert (maria.birth_date, maria.organisation, maria.has_consent) == (
        datetime.date(2012, 2, 14),
        world.school,
        False,
    )
    membership = Membership.objects.get(person=_student("Кудрявцев"))
    assert (membership.organisation, membership.role, membership.grade, membership.class_letter) == (
        world.school,
        Role.STUDENT,
        9,
        "А",
    )
    message = client.get(response["Location"]).content.decode()
    assert "Загружено в базу: 2 новых человека, обновлены данные 0 человек." in message


def test_a_good_csv_creates_staff_with_positions(world: World) -> None:
    rows = [
        STAFF_HEADER,
        ["Петрова", "Анна", "Сергеевна", "17.04.1985", "учитель математики", "алгебра, геометрия", "12", "высшая"],
    ]
    import_file(world.client_for("curator"), world.school, "педагоги.csv", csv_bytes(rows, encoding="cp1251"), "staff")
    membership = Membership.objects.get(person__last_name="Петрова")
    assert (membership.role, membership.position, membership.subjects, membership.experience_years) == (
        Role.TEACHER,
        "учитель математики",
        "алгебра, геометрия",
        12,
    )
    assert membership.category == "высшая"


def test_reimport_updates_the_class_and_creates_no_duplicates(world: World) -> None:
    client = world.client_for("curator")
    import_file(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    people, memberships = Person.objects.count(), Membership.objects.count()
    moved = [STUDENT_HEADER, ["ЛЕБЕДЕВА", "мария", "олеговна", "14.02.2012", "9Б"], STUDENTS[2]]

    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(moved))
    assert (batch.summary["create"], batch.summary["update"]) == (0, 2)
    commit(client, batch)
    batch.refresh_from_db()

    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)
    assert Membership.objects.get(person__last_name="Лебедева").grade == 9
    assert (batch.summary["created"], batch.summary["updated"], batch.summary["unchanged"]) == (0, 1, 1)


def test_the_same_file_twice_changes_nothing_the_second_time(world: World) -> None:
    client = world.client_for("curator")
    import_file(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    history = Person.history.count()
    batch = import_file(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    assert batch.summary["unchanged"] == 2
    assert Person.history.count() == history


def test_a_second_commit_of_the_same_batch_is_refused(world: World) -> None:
    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    commit(client, batch)
    people = Person.objects.count()
    response = commit(client, batch)
    assert response.status_code == 302
    assert Person.objects.count() == people
    assert "Этот файл уже загружен в базу" in client.get(response["Location"]).content.decode()


def test_a_person_already_in_the_organisation_is_updated_not_duplicated(world: World) -> None:
    mentee = world.people["mentee"]
    row = [mentee.last_name.upper(), mentee.first_name, mentee.middle_name, mentee.birth_date, "10В"]
    people = Person.objects.count()
    batch = import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes([STUDENT_HEADER, row]))
    assert Person.objects.count() == people
    assert batch.summary["updated"] == 1
    membership = Membership.objects.get(person=mentee, role=Role.STUDENT)
    assert (membership.grade, membership.class_letter) == (10, "В")


def test_consent_is_recorded_with_the_parent_and_the_importing_user(world: World) -> None:
    header = [
        *STUDENT_HEADER,
        "E-mail",
        "Согласие на обработку ПДн",
        "Дата согласия",
        "Кто дал согласие",
        "ФИО родителя",
    ]
    row = ["Орлова", "Вера", "", "10.10.2016", "4А", "orlova@example.org", "да", "01.09.2025", "", "Орлова Ирина"]
    import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes([header, row]))
    vera = _student("Орлова")
    consent = Consent.objects.get(person=vera)
    assert vera.has_consent
    assert vera.email == "orlova@example.org"
    assert (consent.given_on, consent.given_by, consent.guardian_name) == (
        datetime.date(2025, 9, 1),
        "parent",
        "Орлова Ирина",
    )
    curator_user = world.people["curator"].user
    assert consent.recorded_by == curator_user
    assert vera.history.get().history_user == curator_user
    assert Membership.history.filter(person_id=vera.pk).get().history_user == curator_user
    assert Consent.history.filter(person_id=vera.pk).get().history_user == curator_user


def test_an_existing_consent_allows_contacts_and_is_not_recorded_twice(world: World) -> None:
    mentee = world.people["mentee"]
    assert mentee.has_consent
    header = [*STUDENT_HEADER, "Телефон", "Согласие на обработку ПДн", "Дата согласия"]
    row = [mentee.last_name, mentee.first_name, mentee.middle_name, mentee.birth_date, "9А", "+7 900 111-22-33", "да"]
    consents = Consent.objects.filter(person=mentee).count()
    import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes([header, [*row, "01.09.2025"]]))
    mentee.refresh_from_db()
    assert mentee.phone == "+7 (900) 111-22-33"  # phones are stored in one format
    assert Consent.objects.filter(person=mentee).count() == consents


def test_empty_cells_do_not_erase_stored_values(world: World) -> None:
    teacher = world.people["teacher"]
    teacher.email = "teacher@example.org"
    teacher.save()
    row = [teacher.last_name, teacher.first_name, teacher.middle_name, teacher.birth_date, "", "", "", ""]
    import_file(world.client_for("curator"), world.school, "педагоги.xlsx", xlsx_bytes([STAFF_HEADER, row]), "staff")
    teacher.refresh_from_db()
    assert teacher.email == "teacher@example.org"
    assert Membership.objects.get(person=teacher, role=Role.TEACHER).experience_years == 3


def test_the_class_teacher_is_linked_by_full_name_or_initials(world: World) -> None:
    teacher = make_person(world.school, Role.TEACHER)
    Person.objects.filter(pk=teacher.pk).update(last_name="Соколова", first_name="Елена", middle_name="Ивановна")
    header = [*STUDENT_HEADER, "Классный руководитель"]
    rows = [[*STUDENTS[1], "Соколова Елена Ивановна"], [*STUDENTS[2], "соколова е.и."]]
    import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes([header, *rows]))
    teachers = set(
        Membership.objects.filter(role=Role.STUDENT, person__last_name__in=["Лебедева", "Кудрявцев"]).values_list(
            "class_teacher", flat=True
        )
    )
    assert teachers == {teacher.pk}


def test_a_college_accepts_courses(world: World) -> None:
    world.school.kind = "college"
    world.school.save()
    rows = [STUDENT_HEADER, ["Лебедева", "Мария", "Олеговна", "14.02.2006", "2 курс"]]
    import_file(world.client_for("curator"), world.school, "студенты.xlsx", xlsx_bytes(rows))
    assert Membership.objects.get(person__last_name="Лебедева").grade == 2


def test_a_failure_during_commit_leaves_nothing_half_saved(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    client = world.client_for("curator")
    batch = upload_batch(client, world.school, "ученики.xlsx", xlsx_bytes(STUDENTS))
    people, memberships = Person.objects.count(), Membership.objects.count()
    monkeypatch.setattr(services._Writer, "write_memberships", broken)
    response = commit(client, batch)
    batch.refresh_from_db()
    assert response.status_code == 302
    assert batch.status == ImportStatus.PREVIEW
    assert (Person.objects.count(), Membership.objects.count()) == (people, memberships)
    assert "ничего не сохранено" in client.get(response["Location"]).content.decode()


def test_a_class_teacher_removed_after_the_preview_stops_the_commit(world: World) -> None:
    teacher = make_person(world.school, Role.TEACHER)
    client = world.client_for("curator")
    content = xlsx_bytes([[*STUDENT_HEADER, "Классный руководитель"], [*STUDENTS[1], teacher.full_name]])
    batch = upload_batch(client, world.school, "ученики.xlsx", content)
    assert batch.errors == []
    teacher.delete()
    people = Person.objects.count()
    commit(client, batch)
    assert Person.objects.count() == people
    batch.refresh_from_db()
    assert batch.status == ImportStatus.PREVIEW


def test_consent_from_the_file_is_added_to_a_person_without_one(world: World) -> None:
    pupil = make_person(world.school, Role.STUDENT, consent=False)
    header = [*STUDENT_HEADER, "E-mail", "Согласие на обработку ПДн", "Дата согласия", "Кто дал согласие"]
    row = [pupil.last_name, pupil.first_name, pupil.middle_name, pupil.birth_date, "9А", "p@example.org", "да"]
    batch = import_file(
        world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes([header, [*row, "01.09.2025", "сам"]])
    )
    pupil.refresh_from_db()
    assert (pupil.has_consent, pupil.email) == (True, "p@example.org")
    assert Consent.objects.get(person=pupil).given_by == "self"
    assert (batch.summary["updated"], batch.summary["consents"]) == (1, 1)
