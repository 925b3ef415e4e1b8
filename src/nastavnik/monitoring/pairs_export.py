"""The pairs of an organisation's subtree or of one programme as XLSX rows.

One row per pair with its number of meetings and mean meeting rating; the view writes them
through the one XLSX writer of `common.xlsx`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, Prefetch, Q
from django.utils import timezone

from nastavnik.monitoring.report_content import ru_date
from nastavnik.orgs.models import Organisation, subtree_q
from nastavnik.pairs.models import PairMentee
from nastavnik.programmes.models import Programme

PAIRS_HEADER = (
    "Организация",
    "Программа",
    "Учебный год",
    "Наставник",
    "Наставляемые",
    "Форма наставничества",
    "Как сформирована",
    "Статус",
    "Подтверждена",
    "Начало работы",
    "Плановое окончание",
    "Завершена",
    "Встреч",
    "Средняя оценка встреч",
)
PAIRS_WIDTHS = (24, 30, 11, 30, 45, 28, 24, 22, 13, 13, 13, 13, 8, 12)


def pair_rows(pairs: Any) -> list[tuple[Any, ...]]:
    """One row per pair; the pairs come annotated with `meetings_count` and `rating_mean`."""
    rows = []
    for pair in pairs:
        mentees = ", ".join(m.mentee.person.full_name for m in pair.members.all())
        rows.append(
            (
                pair.programme.organisation.short_name,
                pair.programme.title,
                pair.programme.academic_year.name,
                pair.mentor.person.full_name,
                mentees,
                str(pair.programme_form) if pair.programme_form else "",
                pair.get_scheme_display(),
                pair.get_status_display(),
                ru_date(timezone.localtime(pair.confirmed_at).date()) if pair.confirmed_at else "",
                ru_date(pair.started_on),
                ru_date(pair.planned_end_on),
                ru_date(timezone.localtime(pair.completed_at).date()) if pair.completed_at else "",
                pair.meetings_count,
                round(pair.rating_mean, 2) if pair.rating_mean is not None else None,
            )
        )
    return rows


def annotate_pairs(qs: Any) -> Any:
    members = PairMentee.objects.select_related("mentee__person").order_by("id")
    return (
        qs.select_related(
            "mentor__person",
            "programme__organisation",
            "programme__academic_year",
            "programme_form__form",
            "programme_form__variant",
        )
        .prefetch_related(Prefetch("members", queryset=members))
        .annotate(
            meetings_count=Count("meetings", distinct=True),
            rating_mean=Avg("meetings__ratings__score"),
        )
        .order_by("programme__organisation__path", "programme__title", "mentor__person__last_name", "pk")
    )


def pairs_filter(org: Organisation, programme: Programme | None) -> Q:
    if programme is not None:
        return Q(programme=programme)
    return subtree_q("programme__organisation__path", org.path)
