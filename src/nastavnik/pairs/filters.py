from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from nastavnik.common.search import name_search
from nastavnik.common.widgets import QuickSelect
from nastavnik.matching.models import Scheme
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes.models import Programme


class PairFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    programme = django_filters.ModelChoiceFilter(
        label="Программа", queryset=Programme.objects.none(), widget=QuickSelect
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=PairStatus.choices)
    scheme = django_filters.ChoiceFilter(label="Как сформирована", choices=Scheme.choices)

    class Meta:
        model = Pair
        fields = ["q", "programme", "status", "scheme"]

    def __init__(self, *args: Any, programmes: QuerySet[Programme], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["programme"].queryset = programmes

    def search(self, qs: QuerySet[Pair], name: str, value: str) -> QuerySet[Pair]:
        mentors = qs.filter(name_search("mentor__person__search_text", value)).values("pk")
        mentees = qs.filter(name_search("members__mentee__person__search_text", value)).values("pk")
        return qs.filter(Q(pk__in=mentors) | Q(pk__in=mentees))
