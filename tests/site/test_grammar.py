"""Russian grammar of numbers, dates and documents shown to users."""

from __future__ import annotations

import datetime

import pytest
from django import forms

from nastavnik.bases.forms import MentorEntryForm
from nastavnik.common.dates import DateField
from nastavnik.pairs.models import PairOrder
from nastavnik.programmes.models import Programme
from tests.conftest import World


class _DateForm(forms.Form):
    day = DateField(input_formats=["%d.%m.%Y", "%Y-%m-%d"])


def test_an_impossible_date_is_named_as_not_existing() -> None:
    form = _DateForm({"day": "31.02.2026"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Такой даты не существует: 31.02.2026."]


def test_an_impossible_iso_date_is_shown_day_first() -> None:
    form = _DateForm({"day": "2026-02-30"})
    assert not form.is_valid()
    assert form.errors["day"] == ["Такой даты не существует: 30.02.2026."]


def test_text_that_is_not_a_date_keeps_the_format_message() -> None:
    form = _DateForm({"day": "завтра"})
    assert not form.is_valid()
    assert "не существует" not in form.errors["day"][0]


def test_a_real_date_is_accepted() -> None:
    form = _DateForm({"day": "29.02.2028"})
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2028, 2, 29)


@pytest.mark.django_db
def test_an_order_without_a_date_says_the_date_is_not_given(world: World) -> None:
    order = PairOrder(programme=world.programme, number="145-од")
    assert str(order) == "Приказ № 145-од (дата не указана)"
    order.order_date = datetime.date(2026, 9, 1)
    assert str(order) == "Приказ № 145-од от 01.09.2026"


def _mentor_form(world: World, capacity: str) -> MentorEntryForm:
    return MentorEntryForm(
        {"capacity": capacity},
        people=None,
        programmes=Programme.objects.filter(pk=world.programme.pk),
    )


@pytest.mark.django_db
def test_a_huge_capacity_gets_a_sensible_russian_limit(world: World) -> None:
    form = _mentor_form(world, "9223372036854775807")
    assert not form.is_valid()
    assert form.errors["capacity"] == ["Укажите число не больше 50."]
    assert 'max="50"' in str(form["capacity"])


def _project_forms() -> list[type]:
    import importlib
    import pkgutil

    from django import forms

    import nastavnik

    for module in pkgutil.walk_packages(nastavnik.__path__, "nastavnik."):
        if ".migrations" in module.name or ".management" in module.name or module.name.endswith("settings"):
            continue
        importlib.import_module(module.name)
    found, stack = [], [forms.BaseForm]
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("nastavnik.") and hasattr(cls, "base_fields"):
            found.append(cls)
    return found


def test_every_date_field_of_every_form_tells_an_impossible_date(db: None) -> None:
    from django import forms

    from nastavnik.common.dates import DateField

    plain = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in _project_forms()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField) and not isinstance(field, DateField)
    ]
    assert plain == []
    assert len(_project_forms()) > 20


def test_the_person_form_says_the_date_does_not_exist(db: None) -> None:
    from nastavnik.people.forms import PersonForm

    form = PersonForm(data={"last_name": "Иванов", "first_name": "Иван", "birth_date": "31.02.2010"})
    assert not form.is_valid()
    assert form.errors["birth_date"] == ["Такой даты не существует: 31.02.2010."]
