"""A searchable person picker: a text box that asks the server (htmx) and fills a hidden id.

The form field stays a ModelChoiceField with its own scoped queryset, so the server still decides
who may be chosen; the picker only replaces a long <select> with a search by name and class.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from nastavnik.access.rules import access_for, require
from nastavnik.common.text import fold
from nastavnik.orgs.models import Membership
from nastavnik.people.models import Person
from nastavnik.people.scope import visible_people

RESULTS_LIMIT = 20
_CLASS = re.compile(r"^(\d{1,2})([^\W\d_]?)$")


class PickerQueryForm(forms.Form):
    q = forms.CharField(max_length=100, required=False, strip=True)


def search_people(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name (any case, ё = е) contains every word; a word like «7а» matches the class."""
    for word in fold(query).split():
        if match := _CLASS.match(word):
            grade, letter = int(match.group(1)), match.group(2)
            in_class = Q(grade=grade, is_active=True)
            if letter:
                in_class &= Q(class_letter__in=[letter, letter.upper()])
            people = people.filter(id__in=Membership.objects.filter(in_class).values("person_id"))
        else:
            people = people.filter(search_text__contains=word)
    return people


def person_label(person: Person) -> str:
    """Name with the class of a pupil: «Иванова Мария Петровна, 7А»."""
    classes = [m.class_name for m in person.memberships.all() if m.is_active and m.class_name]
    return ", ".join([person.full_name, *classes])


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    """Search results of the picker: only people the user may see."""
    require(access_for(request.user).is_staff_reader, "Поиск людей доступен сотрудникам, ведущим наставничество")
    form = PickerQueryForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    people: list[Person] = []
    if query:
        found = search_people(visible_people(request.user), query)
        found = found.prefetch_related(Prefetch("memberships", queryset=Membership.objects.filter(is_active=True)))
        people = list(found.order_by("last_name", "first_name", "id")[:RESULTS_LIMIT])
    context = {
        "query": query,
        "error": "" if form.is_valid() else "Слишком длинный запрос: не больше 100 символов.",
        "results": [(person, person_label(person)) for person in people],
        "limit": RESULTS_LIMIT,
    }
    return render(request, "people/picker_results.html", context)


class PersonPicker(forms.Widget):
    """Text box + hidden id; results come from `people:picker` as the user types."""

    template_name = "people/picker_widget.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        person = Person.objects.filter(pk=value).first() if value not in (None, "") and str(value).isdigit() else None
        context["widget"].update(
            {
                "person": person,
                "label": person_label(person) if person else "",
                "search_url": reverse("people:picker"),
            }
        )
        return context

    def id_for_label(self, id_: str) -> str:
        return id_
