"""Stage 2 monitoring: what changed between a «before» campaign and its «after» (003 §5.3).

An «after» campaign names its «before» in ``Campaign.baseline``. The measures compared are
the scales of the key for a scored instrument (score after − before, band moves) and the
scale questions for one without a key (mean answer before and after). Named campaigns are
matched person by person and rolled up per pair, per programme and per pairing scheme; an
anonymous campaign (on either side) gives only the comparison of means — nothing that could
tell one participant's change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from nastavnik.bases.models import MenteeEntry
from nastavnik.matching.models import Scheme
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme
from nastavnik.surveys.models import Campaign, InstrumentVersion
from nastavnik.surveys.results import BAND_LABELS

BAND_ORDER = {"low": 0, "middle": 1, "high": 2}


@dataclass(frozen=True)
class Measure:
    """A scale of the key (key = slug) or a scale question (key = question id)."""

    key: str
    name: str
    has_bands: bool = False
    label: str = ""  # a short column heading («В3») when the name is a whole question
    lower_is_better: bool = False  # a fall is the desired change (the scale says `better: lower`)

    @property
    def short(self) -> str:
        return self.label or self.name


@dataclass
class Sheet:
    """One respondent's values of every measure (and bands, for a key with bands)."""

    values: dict[str, float] = field(default_factory=dict)
    bands: dict[str, str] = field(default_factory=dict)


def number(value: float | None) -> str:
    """21 → «21», 4.666… → «4,67», None → «—» (Russian decimal comma)."""
    if value is None:
        return "—"
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text.replace(".", ",")


def signed(value: float | None) -> str:
    """+2, −0,5, 0: the sign always shown (a true minus sign)."""
    if value is None:
        return "—"
    text = number(abs(value))
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"−{text}"


def mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(sum(items) / len(items), 2) if items else None


@dataclass
class Cell:
    """Before, after and change of one measure for one person or a group of people."""

    before: float | None = None
    after: float | None = None
    band_before: str = ""
    band_after: str = ""

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 2)

    @property
    def before_text(self) -> str:
        return number(self.before)

    @property
    def after_text(self) -> str:
        return number(self.after)

    @property
    def delta_text(self) -> str:
        return signed(self.delta)

    @property
    def trend(self) -> str:
        delta = self.delta
        if delta is None or delta == 0:
            return "same"
        return "up" if delta > 0 else "down"


@dataclass
class MeasureComparison:
    """The aggregate line of a measure: means over everyone who answered each campaign."""

    measure: Measure
    cell: Cell
    before_count: int
    after_count: int
    bands_before: list[tuple[str, int]] = field(default_factory=list)
    bands_after: list[tuple[str, int]] = field(default_factory=list)
    # Named campaigns only: people who answered both times, and how their bands moved.
    paired: int = 0
    paired_delta: float | None = None
    moved_up: int = 0
    stayed: int = 0
    moved_down: int = 0

    @property
    def paired_delta_text(self) -> str:
        return signed(self.paired_delta)


@dataclass
class PersonChange:
    person: Person
    cells: list[Cell]


@dataclass
class GroupChange:
    """Means of a group (a programme's mentee base, a pair's mentees, a scheme) over its matched people."""

    label: str
    people: int
    cells: list[Cell]


@dataclass
class PairChange:
    pair: Pair
    mentee_names: list[str]
    mentees: GroupChange
    mentor: list[Cell] | None  # None when the mentor did not answer both times

    @property
    def columns(self) -> list[tuple[Cell, Cell | None]]:
        """(mentees' cell, mentor's cell or None) per measure, for the table."""
        mentor: list[Cell | None] = list(self.mentor) if self.mentor else [None] * len(self.mentees.cells)
        return list(zip(self.mentees.cells, mentor, strict=True))


@dataclass
class ChangeReport:
    before: Campaign
    after: Campaign
    measures: list[Measure]
    scored: bool
    named: bool
    comparison: list[MeasureComparison]
    before_total: int = 0  # answers that are not refusals
    after_total: int = 0
    people: list[PersonChange] = field(default_factory=list)
    pairs: list[PairChange] = field(default_factory=list)
    programmes: list[GroupChange] = field(default_factory=list)
    schemes: list[GroupChange] = field(default_factory=list)
    only_before: int = 0
    only_after: int = 0


# -- measures and sheets -------------------------------------------------------------------


def is_scored(version: InstrumentVersion) -> bool:
    return bool((version.definition.get("scoring") or {}).get("scales"))


def measures_of(version: InstrumentVersion) -> list[Measure]:
    if is_scored(version):
        return [
            Measure(s["slug"], s["name"], bool(s.get("bands")), lower_is_better=s.get("better") == "lower")
            for s in version.definition["scoring"]["scales"]
        ]
    questions = [q for q in version.questions() if q.get("type") == "scale"]
    return [Measure(q["id"], q["text"], False, f"В{n}") for n, q in enumerate(questions, start=1)]


def common_measures(before: InstrumentVersion, after: InstrumentVersion) -> list[Measure]:
    """Measures of the «after» version that the «before» version also has (versions may differ)."""
    keys = {m.key for m in measures_of(before)}
    return [m for m in measures_of(after) if m.key in keys]


def sheet_of(answers: dict[str, Any], scores: list[dict[str, Any]], scored: bool) -> Sheet:
    sheet = Sheet()
    if scored:
        for item in scores:
            sheet.values[item["slug"]] = float(item["score"])
            if item.get("band"):
                sheet.bands[item["slug"]] = str(item["band"])
        return sheet
    for key, value in answers.items():
        if isinstance(value, int) and not isinstance(value, bool):
            sheet.values[key] = float(value)
    return sheet


def sheets(campaign: Campaign, scored: bool) -> list[tuple[int | None, Sheet]]:
    """(person id or None, sheet) of every answer that is not a refusal, oldest first."""
    rows = (
        campaign.responses.filter(refused=False)
        .order_by("submitted_at", "id")
        .values_list("person_id", "answers", "scores")
    )
    return [(person_id, sheet_of(answers, scores, scored)) for person_id, answers, scores in rows]


def by_person(items: list[tuple[int | None, Sheet]]) -> dict[int, Sheet]:
    """The latest sheet of each named respondent."""
    return {person_id: sheet for person_id, sheet in items if person_id is not None}


# -- comparison ------------------------------------------------------------------------------


def _band_counts(items: list[Sheet], key: str) -> list[tuple[str, int]]:
    counts = {band: 0 for band in ("high", "middle", "low")}
    for sheet in items:
        if key in sheet.bands:
            counts[sheet.bands[key]] = counts.get(sheet.bands[key], 0) + 1
    return [(BAND_LABELS[band], counts[band]) for band in ("high", "middle", "low")]


def compare(measures: list[Measure], before: list[Sheet], after: list[Sheet]) -> list[MeasureComparison]:
    """Means before and after of each measure over everyone who answered (anonymous-safe)."""
    lines = []
    for measure in measures:
        old = [s.values[measure.key] for s in before if measure.key in s.values]
        new = [s.values[measure.key] for s in after if measure.key in s.values]
        line = MeasureComparison(measure, Cell(mean(old), mean(new)), len(old), len(new))
        if measure.has_bands:
            line.bands_before = _band_counts(before, measure.key)
            line.bands_after = _band_counts(after, measure.key)
        lines.append(line)
    return lines


def add_band_moves(lines: list[MeasureComparison], pairs: list[tuple[Sheet, Sheet]]) -> None:
    """Paired change and band moves of people who answered both times (named campaigns only)."""
    for line in lines:
        key = line.measure.key
        both = [(old, new) for old, new in pairs if key in old.values and key in new.values]
        line.paired = len(both)
        line.paired_delta = mean(new.values[key] - old.values[key] for old, new in both)
        if not line.measure.has_bands:
            continue
        for old, new in both:
            if key not in old.bands or key not in new.bands:
                continue
            step = BAND_ORDER[new.bands[key]] - BAND_ORDER[old.bands[key]]
            line.moved_up += step > 0
            line.stayed += step == 0
            line.moved_down += step < 0


def person_cells(measures: list[Measure], old: Sheet, new: Sheet) -> list[Cell]:
    return [
        Cell(
            old.values.get(m.key),
            new.values.get(m.key),
            BAND_LABELS.get(old.bands.get(m.key, ""), ""),
            BAND_LABELS.get(new.bands.get(m.key, ""), ""),
        )
        for m in measures
    ]


def group_change(label: str, measures: list[Measure], members: list[tuple[Sheet, Sheet]]) -> GroupChange:
    """Mean before and mean after over the group's people who have both values of a measure."""
    cells = []
    for m in measures:
        both = [(old, new) for old, new in members if m.key in old.values and m.key in new.values]
        cells.append(Cell(mean(o.values[m.key] for o, _ in both), mean(n.values[m.key] for _, n in both)))
    return GroupChange(label, len(members), cells)


# -- rolling up: pairs, programmes, schemes ------------------------------------------------------


def _pairs(campaign: Campaign) -> list[Pair]:
    pairs = Pair.objects.filter(programme__organisation=campaign.organisation).exclude(status=PairStatus.PROPOSED)
    if campaign.programme_id:
        pairs = pairs.filter(programme_id=campaign.programme_id)
    return list(
        pairs.select_related("mentor__person", "programme").prefetch_related("members__mentee__person").order_by("id")
    )


def pair_changes(
    campaign: Campaign, measures: list[Measure], matched: dict[int, tuple[Sheet, Sheet]]
) -> tuple[list[PairChange], list[GroupChange]]:
    """Per pair (its mentees' mean, the mentor's own change) and per pairing scheme."""
    rows: list[PairChange] = []
    by_scheme: dict[str, set[int]] = defaultdict(set)
    for pair in _pairs(campaign):
        people = [m.mentee.person for m in pair.members.all()]
        answered = [p.pk for p in people if p.pk in matched]
        mentor_id = pair.mentor.person_id
        if not answered and mentor_id not in matched:
            continue
        by_scheme[pair.scheme].update(answered)
        mentor = person_cells(measures, *matched[mentor_id]) if mentor_id in matched else None
        mentees = group_change(pair.mentor.person.full_name, measures, [matched[pk] for pk in answered])
        rows.append(PairChange(pair, [p.full_name for p in people], mentees, mentor))
    labels = dict(Scheme.choices)
    schemes = [
        group_change(str(labels.get(scheme, scheme)), measures, [matched[pk] for pk in sorted(ids)])
        for scheme, ids in sorted(by_scheme.items())
        if ids
    ]
    return rows, schemes


def programme_changes(
    campaign: Campaign, measures: list[Measure], matched: dict[int, tuple[Sheet, Sheet]]
) -> list[GroupChange]:
    """Per programme: the mean over the people of its mentee base who answered both times."""
    programmes = Programme.objects.filter(organisation=campaign.organisation)
    if campaign.programme_id:
        programmes = programmes.filter(pk=campaign.programme_id)
    base: dict[int, set[int]] = defaultdict(set)
    for programme_id, person_id in MenteeEntry.objects.filter(
        programme__in=programmes, person_id__in=list(matched)
    ).values_list("programme_id", "person_id"):
        base[programme_id].add(person_id)
    return [
        group_change(str(programme), measures, [matched[pk] for pk in sorted(base[programme.pk])])
        for programme in programmes.select_related("academic_year").order_by("pk")
        if base[programme.pk]
    ]


def compute(after: Campaign) -> ChangeReport:
    """The whole before/after report of an «after» campaign (its `baseline` must be set)."""
    before = after.baseline
    if before is None:
        raise ValueError(f"campaign {after.pk} has no baseline")
    scored = is_scored(after.version)
    measures = common_measures(before.version, after.version)
    old_items, new_items = sheets(before, scored), sheets(after, scored)
    comparison = compare(measures, [s for _, s in old_items], [s for _, s in new_items])
    named = not (before.anonymous or after.anonymous)
    report = ChangeReport(before, after, measures, scored, named, comparison, len(old_items), len(new_items))
    if not named:
        return report
    old, new = by_person(old_items), by_person(new_items)
    matched = {pk: (old[pk], new[pk]) for pk in old.keys() & new.keys()}
    report.only_before, report.only_after = len(old.keys() - new.keys()), len(new.keys() - old.keys())
    add_band_moves(comparison, list(matched.values()))
    people = Person.objects.filter(pk__in=list(matched)).order_by("last_name", "first_name", "middle_name", "pk")
    report.people = [PersonChange(p, person_cells(measures, *matched[p.pk])) for p in people]
    report.pairs, report.schemes = pair_changes(after, measures, matched)
    report.programmes = programme_changes(after, measures, matched)
    return report
