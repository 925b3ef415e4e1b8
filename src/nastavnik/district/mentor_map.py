"""The district mentor map (районная карта наставников, source 004 §3.6) as a table.

For each organisation: admitted mentors and their free seats (capacity − load) per form of
mentoring, and the unmet requests (waiting mentees) per form. An entry counts for the
organisation of its person (a teacher of school A in a district programme is school A's
mentor), or for the programme's organisation when the person has none. Two aggregate
queries whatever the size of the territory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from nastavnik.access.rules import Access
from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.programmes.models import MentoringFormat, Programme

NO_FORM = "Форма не указана"
OUTSIDE = "Участники из других территорий"


@dataclass
class Cell:
    mentors: int = 0
    free_seats: int = 0
    waiting: int = 0

    @property
    def balance(self) -> int:
        return self.free_seats - self.waiting

    @property
    def balance_class(self) -> str:
        return "ok" if self.balance > 0 else "bad" if self.balance < 0 else ""

    def add(self, other: Cell) -> None:
        self.mentors += other.mentors
        self.free_seats += other.free_seats
        self.waiting += other.waiting


@dataclass
class FormLine:
    form_id: int | None
    name: str
    cell: Cell


@dataclass
class Row:
    label: str
    organisation: Organisation | None = None
    drill_down: bool = False
    cells: dict[int | None, Cell] = field(default_factory=dict)
    total: Cell = field(default_factory=Cell)
    forms: list[FormLine] = field(default_factory=list)

    def cell(self, form_id: int | None) -> Cell:
        return self.cells.setdefault(form_id, Cell())


@dataclass
class MapScope:
    """What the map counts: one academic year, maybe one form, a territory or own organisations."""

    year: AcademicYear
    form: MentoringFormat | None = None
    territory: Organisation | None = None
    own_org_ids: set[int] | None = None  # a school manager: these organisations only


@dataclass
class MentorMap:
    rows: list[Row]
    forms: list[FormLine]
    total: Cell


def _entries(model: type[MentorEntry] | type[MenteeEntry], scope: MapScope) -> QuerySet[Any]:
    qs = model.objects.filter(programme__academic_year=scope.year)
    if scope.form is not None:
        qs = qs.filter(programme_form__form=scope.form)
    if scope.territory is not None:
        qs = qs.filter(subtree_q("programme__organisation__path", scope.territory.path))
    qs = qs.annotate(org=Coalesce("person__organisation_id", "programme__organisation_id"))
    if scope.own_org_ids is not None:
        qs = qs.filter(programme__organisation_id__in=scope.own_org_ids, org__in=scope.own_org_ids)
    return qs.order_by()


def mentor_counts(scope: MapScope, extra: Q | None = None, by: str = "org") -> QuerySet[Any]:
    qs = _entries(MentorEntry, scope).filter(admission=Admission.ADMITTED)
    if extra is not None:
        qs = qs.filter(extra)
    return qs.values(by, "programme_form__form").annotate(
        mentors=Count("id"), free_seats=Sum(F("capacity") - F("load"))
    )


def waiting_counts(scope: MapScope, extra: Q | None = None, by: str = "org") -> QuerySet[Any]:
    qs = _entries(MenteeEntry, scope).filter(status=MenteeStatus.WAITING)
    if extra is not None:
        qs = qs.filter(extra)
    return qs.values(by, "programme_form__form").annotate(waiting=Count("id"))


def collect(mentors: Iterable[dict[str, Any]], mentees: Iterable[dict[str, Any]], by: str) -> dict[Any, Row]:
    """Aggregated rows keyed by `by` (an organisation or a programme id), cells by form."""
    rows: dict[Any, Row] = {}
    for item in mentors:
        cell = rows.setdefault(item[by], Row(label="")).cell(item["programme_form__form"])
        cell.mentors += item["mentors"]
        cell.free_seats += item["free_seats"] or 0
    for item in mentees:
        rows.setdefault(item[by], Row(label="")).cell(item["programme_form__form"]).waiting += item["waiting"]
    return rows


def _form_names(form_ids: set[int | None]) -> list[tuple[int | None, str]]:
    named = list(MentoringFormat.objects.filter(pk__in=[f for f in form_ids if f]).values_list("pk", "name"))
    ordered: list[tuple[int | None, str]] = list(named)
    if None in form_ids:
        ordered.append((None, NO_FORM))
    return ordered


def finish(rows: Iterable[Row]) -> list[FormLine]:
    """Fill each row's total and per-form lines; return the totals by form."""
    rows = list(rows)
    forms = _form_names({form_id for row in rows for form_id in row.cells})
    totals = [FormLine(form_id, name, Cell()) for form_id, name in forms]
    for row in rows:
        for total in totals:
            if total.form_id in row.cells:
                cell = row.cells[total.form_id]
                row.forms.append(FormLine(total.form_id, total.name, cell))
                row.total.add(cell)
                total.cell.add(cell)
    return totals


def build_map(scope: MapScope, access: Access) -> MentorMap:
    """The map of one territory (or of the user's own organisations) in four queries."""
    found = collect(mentor_counts(scope), waiting_counts(scope), "org")
    organisations = Organisation.objects.filter(pk__in=[pk for pk in found if pk]).only("short_name", "path", "kind")
    rows: list[Row] = []
    outside = Row(label=OUTSIDE)
    for org in organisations.order_by("path"):
        row = found[org.pk]
        inside = scope.territory is None or org.path.startswith(scope.territory.path)
        if not inside:
            for form_id, cell in row.cells.items():
                outside.cell(form_id).add(cell)
            continue
        row.label, row.organisation, row.drill_down = org.short_name, org, access.can_read_org(org)
        rows.append(row)
    if outside.cells:
        rows.append(outside)
    forms = finish(rows)
    total = Cell()
    for row in rows:
        total.add(row.total)
    return MentorMap(rows=rows, forms=forms, total=total)


def district_programmes(territory: Organisation, year: AcademicYear, kinds: Iterable[str]) -> QuerySet[Programme]:
    """Programmes run by the territory itself or its methodological centres: cross-organisation ones."""
    return (
        Programme.objects.filter(subtree_q("organisation__path", territory.path), academic_year=year)
        .filter(organisation__kind__in=list(kinds))
        .select_related("organisation")
        .prefetch_related("forms__form", "forms__variant")
        .order_by("organisation__path", "title")
    )
