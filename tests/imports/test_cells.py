"""Cell parsers, table-driven: what a school file may contain and what it becomes."""

from __future__ import annotations

import datetime

import pytest

from nastavnik.imports.cells import (
    CellError,
    parse_consent_giver,
    parse_course,
    parse_date,
    parse_email,
    parse_experience,
    parse_phone,
    parse_school_class,
    parse_yes_no,
)

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("05.09.2012", datetime.date(2012, 9, 5)),
        ("5.9.2012", datetime.date(2012, 9, 5)),
        ("2012-09-05", datetime.date(2012, 9, 5)),
        ("2012-09-05 00:00:00", datetime.date(2012, 9, 5)),
        (datetime.datetime(2012, 9, 5, 0, 0), datetime.date(2012, 9, 5)),
        (datetime.date(2012, 9, 5), datetime.date(2012, 9, 5)),
        (41157, datetime.date(2012, 9, 5)),
        ("", None),
        (None, None),
    ],
)
def test_dates_are_read_in_the_forms_schools_use(value: object, expected: datetime.date | None) -> None:
    assert parse_date(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2012", "«31.02.2012»: такой даты не существует"),
        ("вчера", "дата «вчера» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012"),
        (
            "05.09.2012 года рождения",
            "дата «05.09.2012 года рождения» не распознана: укажите ДД.ММ.ГГГГ, например 05.09.2012",
        ),
        ("01.01.2099", "дата «01.01.2099» в будущем"),
        ("01.01.1907", "проверьте год: «01.01.1907»"),
    ],
)
def test_bad_dates_are_explained(value: str, message: str) -> None:
    with pytest.raises(CellError) as error:
        parse_date(value, TODAY)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7А", (7, "А")),
        ("10 Б", (10, "Б")),
        ("11-В", (11, "В")),
        ("7 «а»", (7, "А")),
        ('5"Г"', (5, "Г")),
        ("7A", (7, "А")),  # a Latin A typed with the English layout
        ("", (None, "")),
    ],
)
def test_school_classes_are_read(value: str, expected: tuple[int | None, str]) -> None:
    assert parse_school_class(value, letter_required=True) == expected


@pytest.mark.parametrize("value", ["12Я", "0А", "7", "седьмой", "7АБВ", 7])
def test_unknown_school_classes_are_refused(value: object) -> None:
    with pytest.raises(CellError, match="не распознан: укажите параллель от 1 до 11 и букву"):
        parse_school_class(value, letter_required=True)


def test_a_class_without_letter_is_fine_where_letters_are_not_required() -> None:
    assert parse_school_class(7, letter_required=False) == (7, "")


@pytest.mark.parametrize(("value", "expected"), [("2", (2, "")), ("3 курс", (3, "")), (4, (4, "")), ("1Б", (1, "Б"))])
def test_college_courses_are_read(value: object, expected: tuple[int, str]) -> None:
    assert parse_course(value) == expected


def test_a_seventh_course_is_refused() -> None:
    with pytest.raises(CellError, match="курс «7» не распознан"):
        parse_course("7")


@pytest.mark.parametrize(("value", "expected"), [("12", 12), (12, 12), (12.0, 12), ("0", 0), ("", None)])
def test_experience_is_whole_years(value: object, expected: int | None) -> None:
    assert parse_experience(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", "стаж не может быть отрицательным: «-3»"),
        ("много", "стаж «много» не распознан: укажите число лет, например 12 или «5 лет»"),
        ("120", "проверьте стаж: «120» лет"),
    ],
)
def test_bad_experience_is_explained(value: str, message: str) -> None:
    with pytest.raises(CellError) as error:
        parse_experience(value)
    assert str(error.value) == message


def test_email_and_phone() -> None:
    assert parse_email(" anna@example.org ") == "anna@example.org"
    assert parse_phone(79001234567) == "+7 (900) 123-45-67"
    assert parse_phone("+7 (900) 123-45-67") == "+7 (900) 123-45-67"
    with pytest.raises(CellError, match="не похоже на адрес электронной почты"):
        parse_email("anna@")
    with pytest.raises(CellError, match="телефон «звонить маме» не распознан"):
        parse_phone("звонить маме")


@pytest.mark.parametrize(("value", "expected"), [("да", True), ("Да", True), ("+", True), ("нет", False), ("", None)])
def test_yes_no(value: str, expected: bool | None) -> None:
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("родитель", "parent"), ("Законный представитель", "parent"), ("мать", "parent"), ("сам", "self"), ("", None)],
)
def test_consent_giver(value: str, expected: str | None) -> None:
    assert parse_consent_giver(value) == expected
