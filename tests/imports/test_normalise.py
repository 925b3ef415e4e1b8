"""Normalisation of school-file spellings: classes, dates, experience, categories, phones (tables and properties)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.imports.cells import (
    CATEGORIES,
    CellError,
    normalise_category,
    normalise_phone,
    parse_date,
    parse_experience,
    parse_school_class,
)
from tests.conftest import World

TODAY = datetime.date(2026, 11, 23)
CYRILLIC_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ"
LATIN_TWINS = {"А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T"}
LATIN_TWINS |= {"Х": "X", "У": "Y"}


@pytest.mark.parametrize(
    "value", ["10 А", "10а", "10-А", "10 «А»", "10А класс", "10 а класс", "10-й А", "10A", '10 "А"', " 10 А "]
)
def test_spellings_of_a_class_give_grade_and_cyrillic_letter(value: str) -> None:
    assert parse_school_class(value, letter_required=True) == (10, "А")


@pytest.mark.parametrize(("value", "expected"), [("9-й Б", (9, "Б")), ("9й Б", (9, "Б")), ("11 y", (11, "У"))])
def test_ordinal_grades_and_latin_y(value: str, expected: tuple[int, str]) -> None:
    assert parse_school_class(value, letter_required=True) == expected


@pytest.mark.parametrize("cyrillic", list(LATIN_TWINS))
def test_every_latin_look_alike_letter_becomes_cyrillic(cyrillic: str) -> None:
    assert parse_school_class(f"7{LATIN_TWINS[cyrillic]}", letter_required=True) == (7, cyrillic)


@given(
    grade=st.integers(min_value=1, max_value=11),
    letter=st.sampled_from(CYRILLIC_LETTERS),
    template=st.sampled_from(["{g}{l}", "{g} {l}", "{g}-{l}", "{g} «{l}»", "{g}{l} класс", "{g}-й {l}", "{g}{low}"]),
)
def test_any_spelling_of_any_class_reads_back(grade: int, letter: str, template: str) -> None:
    text = template.format(g=grade, l=letter, low=letter.lower())
    assert parse_school_class(text, letter_required=True) == (grade, letter)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("43432", datetime.date(2018, 11, 28)),  # an Excel day count saved into a CSV as text
        (43432, datetime.date(2018, 11, 28)),
        (43432.0, datetime.date(2018, 11, 28)),
        ("05.09.2012", datetime.date(2012, 9, 5)),
        ("5.9.2012", datetime.date(2012, 9, 5)),
        ("05.09.12", datetime.date(2012, 9, 5)),
        ("05.09.98", datetime.date(1998, 9, 5)),
        ("2012-09-05", datetime.date(2012, 9, 5)),
        ("05.09.2012 г.", datetime.date(2012, 9, 5)),
        (datetime.datetime(2012, 9, 5), datetime.date(2012, 9, 5)),
    ],
)
def test_dates_in_every_form_schools_export(value: object, expected: datetime.date) -> None:
    assert parse_date(value, TODAY) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31.02.2010", "«31.02.2010»: такой даты не существует"),
        ("2012", "дата «2012» не распознана"),  # a year alone is not a day count
        ("123456", "дата «123456» не распознана"),
        ("99999", "в будущем"),  # a day count, but of the year 2173
    ],
)
def test_impossible_or_implausible_dates_are_explained(value: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_date(value, TODAY)


@given(st.dates(min_value=datetime.date(1930, 1, 1), max_value=TODAY))
def test_a_date_reads_the_same_as_a_cell_as_text_and_as_a_day_count(day: datetime.date) -> None:
    serial = (day - datetime.date(1899, 12, 30)).days
    forms = [day, day.strftime("%d.%m.%Y"), f"{day.day}.{day.month}.{day.year}", day.isoformat(), serial, str(serial)]
    assert {parse_date(form, TODAY) for form in forms} == {day}


@pytest.mark.parametrize(
    ("value", "years"),
    [
        ("5 лет", 5),
        ("1 год", 1),
        ("2 года", 2),
        ("3 г. 6 мес.", 3),
        ("3 г 6 м", 3),
        ("2 года 11 месяцев", 2),
        ("10,5", 10),
        ("10.9", 10),
        ("более 30", 30),
        ("Свыше 25 лет", 25),
        ("больше 40 лет", 40),
        ("молодой специалист", 0),
        ("Молодой специалист.", 0),
        ("менее года", 0),
        ("6 мес.", 0),
        ("25 л.", 25),
        (12, 12),
        (12.7, 12),
    ],
)
def test_experience_in_words_becomes_whole_years_rounded_down(value: object, years: int) -> None:
    assert parse_experience(value) == years


@given(years=st.integers(min_value=0, max_value=79), months=st.integers(min_value=0, max_value=11))
def test_experience_never_rounds_up(years: int, months: int) -> None:
    assert parse_experience(f"{years} г. {months} мес.") == years
    assert parse_experience(f"{years},{months}") == years


CATEGORY_SPELLINGS = [
    ("высшая", "высшая"),
    ("Высшая", "высшая"),
    ("высш.", "высшая"),
    ("ВКК", "высшая"),
    ("Высшая кв. категория", "высшая"),
    ("высшая квалификационная категория", "высшая"),
    ("первая", "первая"),
    ("1 кат.", "первая"),
    ("1", "первая"),
    ("первая кв. категория", "первая"),
    ("Первая квалификационная категория", "первая"),
    ("I", "первая"),
    ("педагог-методист", "педагог-методист"),
    ("Педагог - наставник", "педагог-наставник"),
    ("СЗД", "соответствие занимаемой должности"),
    ("соотв.", "соответствие занимаемой должности"),
    ("Соответствие занимаемой должности", "соответствие занимаемой должности"),
    ("б/к", "без категории"),
    ("нет", "без категории"),
    ("без категории", "без категории"),
    ("-", "без категории"),
]


@pytest.mark.parametrize(("value", "expected"), CATEGORY_SPELLINGS)
def test_category_spellings_map_to_the_official_list(value: str, expected: str) -> None:
    assert normalise_category(value) == (expected, True)


def test_at_least_sixteen_spellings_are_known() -> None:
    assert len({value for value, _ in CATEGORY_SPELLINGS}) >= 16
    assert {expected for _, expected in CATEGORY_SPELLINGS} == set(CATEGORIES)


def test_an_unknown_category_is_kept_as_typed_and_flagged() -> None:
    assert normalise_category("вторая") == ("вторая", False)


@given(st.sampled_from(CATEGORIES))
def test_official_names_are_fixed_points(category: str) -> None:
    assert normalise_category(category.upper()) == (category, True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("89001234567", ("+7 (900) 123-45-67", "")),
        ("8 (900) 123-45-67", ("+7 (900) 123-45-67", "")),
        ("+7 900 123 45 67", ("+7 (900) 123-45-67", "")),
        ("79001234567", ("+7 (900) 123-45-67", "")),
        (79001234567, ("+7 (900) 123-45-67", "")),
        ("9001234567", ("+7 (900) 123-45-67", "")),
        ("8 (495) 123-45-67 доб. 123", ("+7 (495) 123-45-67", "123")),
        ("+7 (495) 123-45-67, вн. 21", ("+7 (495) 123-45-67", "21")),
        ("+375 29 123-45-67", ("+375 29 123-45-67", "")),  # a foreign number stays as typed
    ],
)
def test_phones_get_one_format_and_extensions_are_split_off(value: object, expected: tuple[str, str]) -> None:
    assert normalise_phone(value) == expected


@given(st.text(alphabet="0123456789", min_size=10, max_size=10).filter(lambda digits: digits[0] != "0"))
def test_a_russian_number_reads_the_same_however_it_is_written(digits: str) -> None:
    expected = f"+7 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"
    spellings = [digits, f"8{digits}", f"+7{digits}", f"8 ({digits[:3]}) {digits[3:6]}-{digits[6:8]}-{digits[8:]}"]
    assert {normalise_phone(spelling)[0] for spelling in spellings} == {expected}


def test_the_import_help_states_the_experience_rule(world: World) -> None:
    page = world.client_for("curator").get(reverse("imports:upload")).content.decode()
    assert "дробная часть отбрасывается" in page
    assert "«более 30» и «свыше 25 лет» — 30 и 25" in page
