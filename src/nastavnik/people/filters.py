from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from nastavnik.common.search import name_search
from nastavnik.common.widgets import QuickSelect
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.people.models import Person


class PersonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск по ФИО, e-mail", method="search")
    organisation = django_filters.ModelChoiceFilter(
        label="Организация", queryset=Organisation.objects.none(), method="in_organisation", widget=QuickSelect
    )
    role = django_filters.ChoiceFilter(label="Роль", choices=Role.choices, method="with_role")
    grade = django_filters.NumberFilter(label="Класс (параллель)", method="in_grade", min_value=1, max_value=11)
    has_consent = django_filters.BooleanFilter(
        label="Согласие на обработку ПДн",
        widget=forms.Select(choices=[("", "любое"), ("true", "есть"), ("false", "нет")]),
    )

    class Meta:
        model = Person
        fields = ["q", "organisation", "role", "grade", "has_consent"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["organisation"].queryset = organisations

    def search(self, qs: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return qs.filter(name_search("search_text", value))

    def _members(self, **lookup: Any) -> QuerySet[Membership]:
        return Membership.objects.filter(is_active=True, **lookup).values("person_id")  # type: ignore[return-value]

    def in_organisation(self, qs: QuerySet[Person], name: str, value: Organisation) -> QuerySet[Person]:
        return qs.filter(pk__in=self._members(organisation=value))

    def with_role(self, qs: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return qs.filter(pk__in=self._members(role=value))

    def in_grade(self, qs: QuerySet[Person], name: str, value: int) -> QuerySet[Person]:
        return qs.filter(pk__in=self._members(role=Role.STUDENT, grade=value))
