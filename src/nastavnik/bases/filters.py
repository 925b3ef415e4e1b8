from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry, StatusLevel, TrainingStatus
from nastavnik.common.search import name_search
from nastavnik.common.widgets import QuickSelect
from nastavnik.orgs.models import AcademicYear, Membership, Role
from nastavnik.programmes.models import MentoringFormat, ProblemCategory, Programme


def _search_person(qs: QuerySet[Any], value: str) -> QuerySet[Any]:
    return qs.filter(name_search("person__search_text", value))


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    year = django_filters.ChoiceFilter(label="Учебный год", method="in_year", empty_label="Все годы")
    programme = django_filters.ModelChoiceFilter(
        label="Программа", queryset=Programme.objects.none(), widget=QuickSelect
    )
    form = django_filters.ModelChoiceFilter(
        label="Форма наставничества",
        queryset=MentoringFormat.objects.filter(is_active=True),
        field_name="programme_form__form",
    )

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes
        self.filters["year"].extra["choices"] = [(str(y.start_year), y.name) for y in AcademicYear.objects.all()]

    def in_year(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(programme__academic_year__start_year=value)

    def search(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return _search_person(qs, value)


class MentorEntryFilter(EntryFilter):
    admission = django_filters.ChoiceFilter(label="Допуск", choices=Admission.choices)
    problem = django_filters.ModelChoiceFilter(
        label="Может помочь с", queryset=ProblemCategory.objects.filter(is_active=True), field_name="capabilities"
    )
    training_status = django_filters.ChoiceFilter(label="Обучение", choices=TrainingStatus.choices)
    status_level = django_filters.ChoiceFilter(label="Статус наставника", choices=StatusLevel.choices)

    class Meta:
        model = MentorEntry
        fields = ["q", "year", "programme", "form", "admission", "problem", "training_status", "status_level"]


class MenteeEntryFilter(EntryFilter):
    status = django_filters.ChoiceFilter(label="Статус", choices=MenteeStatus.choices)
    problem = django_filters.ModelChoiceFilter(
        label="Проблема", queryset=ProblemCategory.objects.filter(is_active=True), field_name="problems"
    )
    grade = django_filters.NumberFilter(label="Класс (параллель)", method="in_grade", min_value=1, max_value=11)

    class Meta:
        model = MenteeEntry
        fields = ["q", "year", "programme", "form", "status", "problem", "grade"]

    def in_grade(self, qs: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        students = Membership.objects.filter(role=Role.STUDENT, grade=value, is_active=True).values("person_id")
        return qs.filter(person_id__in=students)
