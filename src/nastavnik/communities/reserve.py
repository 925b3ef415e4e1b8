"""Reserve operations: moving the cycle, the competence matrix, a person's history and the XLSX list."""

from __future__ import annotations

from django.db import transaction

from nastavnik.common.xlsx import build_workbook
from nastavnik.communities.cycle import next_stage
from nastavnik.communities.models import Competence, CompetenceRating, ReserveCycle, ReserveEntry

EXPORT_HEADER = (
    "ФИО",
    "Место работы",
    "Должность",
    "Статус",
    "Конкурс «Управленцы будущего»",
    "Сильные стороны",
    "Дефициты",
    "Стажировка",
)


class StageRefused(Exception):
    pass


def advance(cycle: ReserveCycle) -> str:
    """Moves the cycle to its next state; the closed cycle does not move."""
    following = next_stage(cycle.stage)
    if following is None:
        raise StageRefused("Цикл уже завершён.")
    cycle.stage = following
    cycle.save(update_fields=["stage"])
    return following


@transaction.atomic
def set_ratings(entry: ReserveEntry, levels: dict[int, int | None]) -> None:
    """Competence id -> level 1..4 (None clears the cell)."""
    for competence_id, level in levels.items():
        if level is None:
            CompetenceRating.objects.filter(entry=entry, competence_id=competence_id).delete()
        else:
            CompetenceRating.objects.update_or_create(
                entry=entry, competence_id=competence_id, defaults={"level": level}
            )


def matrix(entry: ReserveEntry) -> list[tuple[Competence, int | None]]:
    levels = dict(entry.ratings.values_list("competence_id", "level"))
    return [(c, levels.get(c.pk)) for c in Competence.objects.all()]


def history(entry: ReserveEntry) -> list[ReserveEntry]:
    """The same person's records in the other years of the same organisation's reserve."""
    return list(
        ReserveEntry.objects.filter(person=entry.person, cycle__organisation=entry.cycle.organisation)
        .exclude(pk=entry.pk)
        .select_related("cycle__academic_year")
        .order_by("-cycle__academic_year__start_year")
    )


def export_xlsx(cycle: ReserveCycle) -> bytes:
    """The reserve list of the cycle, one row per person, with the competence matrix as columns."""
    competences = list(Competence.objects.all())
    entries = list(cycle.entries.select_related("person", "workplace").prefetch_related("ratings"))
    rows = []
    for e in entries:
        levels = {r.competence_id: r.level for r in e.ratings.all()}
        rows.append(
            [
                e.person.full_name,
                e.workplace.short_name,
                e.position,
                e.get_status_display(),
                e.get_competition_display(),
                e.strengths,
                e.deficits,
                e.internship,
                *[levels.get(c.pk, "") for c in competences],
            ]
        )
    header = [*EXPORT_HEADER, *[c.name for c in competences]]
    return build_workbook("Кадровый резерв", header, rows, widths=[32, 24, 24, 14, 18, 30, 30, 24])
