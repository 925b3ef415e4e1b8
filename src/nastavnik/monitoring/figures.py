"""The figures of the monitoring dashboards: additive sums and counts per organisation, and the result.

Every figure is a sum or a count, so the figures of a district or of the region are the sums of
their organisations' figures (`add`), and every mean or share is recomputed from the summed
parts at the end. `queries` fills them, `dashboard` rolls them up and caches the result.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from nastavnik.matching.models import Scheme
from nastavnik.monitoring.report import Row as IndicatorRow
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind
from nastavnik.programmes.models import MentoringFormat
from nastavnik.surveys.change import number, signed

INVOLVEMENT_TARGET = 70  # per cent, source 001 (national project «Образование», 2024)
SCHEMES: tuple[tuple[str, str], ...] = tuple((str(v), str(label)) for v, label in Scheme.choices)

LEVEL_REGION = "region"
LEVEL_DISTRICT = "district"
LEVEL_ORGANISATION = "organisation"
LEVEL_LABELS = {LEVEL_REGION: "регион", LEVEL_DISTRICT: "район", LEVEL_ORGANISATION: "организация"}


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def ratio(total: float, count: int) -> float | None:
    return round(total / count, 2) if count else None


def share_text(value: float | None) -> str:
    """45.5 → «45,5 %», None → «—»."""
    return "—" if value is None else f"{number(value)} %"


# -- additive figures --------------------------------------------------------------------------


@dataclass
class Mean:
    """A sum and a count: added up over organisations, the mean is computed at the end."""

    total: float = 0
    count: int = 0

    @property
    def value(self) -> float | None:
        return ratio(self.total, self.count)

    @property
    def text(self) -> str:
        return number(self.value)

    def add(self, other: Mean) -> None:
        self.total += other.total
        self.count += other.count


@dataclass
class Quality:
    """Stage 1 of source 003: quality of the process."""

    ratings: Mean = field(default_factory=Mean)  # meeting ratings of mentees, 1–5
    satisfaction: Mean = field(default_factory=Mean)  # mentees of completed pairs, 1–5
    mentor_marks: Mean = field(default_factory=Mean)  # mutual evaluation: marks given by mentors
    mentee_marks: Mean = field(default_factory=Mean)  # … and by mentees
    working_pairs: int = 0  # active or completed pairs that worked a full month
    regular_pairs: int = 0  # … with meetings in every month of their work
    meetings: int = 0

    @property
    def regular_share(self) -> float | None:
        return percent(self.regular_pairs, self.working_pairs)

    @property
    def regular_text(self) -> str:
        return share_text(self.regular_share)

    def add(self, other: Quality) -> None:
        for name in ("ratings", "satisfaction", "mentor_marks", "mentee_marks"):
            getattr(self, name).add(getattr(other, name))
        self.working_pairs += other.working_pairs
        self.regular_pairs += other.regular_pairs
        self.meetings += other.meetings


@dataclass
class Conformity:
    """The curator's conformity questionnaire: answers, «Да» among fact items, mean of 1–5 items."""

    responses: int = 0
    facts_yes: int = 0
    facts_partly: int = 0
    facts: int = 0
    marks: Mean = field(default_factory=Mean)

    @property
    def yes_share(self) -> float | None:
        return percent(self.facts_yes, self.facts)

    @property
    def yes_text(self) -> str:
        return share_text(self.yes_share)

    def add(self, other: Conformity) -> None:
        self.responses += other.responses
        self.facts_yes += other.facts_yes
        self.facts_partly += other.facts_partly
        self.facts += other.facts
        self.marks.add(other.marks)


@dataclass
class Change:
    """Before/after of one measure: means over all answers and the paired change of named people."""

    before: Mean = field(default_factory=Mean)
    after: Mean = field(default_factory=Mean)
    paired: Mean = field(default_factory=Mean)  # sum of (after − before) over people who answered both times
    improved: int = 0
    declined: int = 0

    @property
    def delta(self) -> float | None:
        """Mean after − mean before (what an anonymous campaign can tell)."""
        if self.before.value is None or self.after.value is None:
            return None
        return round(self.after.value - self.before.value, 2)

    @property
    def paired_delta(self) -> float | None:
        return self.paired.value

    @property
    def improved_share(self) -> float | None:
        return percent(self.improved, self.paired.count)

    @property
    def delta_text(self) -> str:
        return signed(self.delta)

    @property
    def paired_text(self) -> str:
        return signed(self.paired_delta)

    @property
    def improved_text(self) -> str:
        return share_text(self.improved_share)

    def add_delta(self, delta: float) -> None:
        """One person's change (after − before) of the measure."""
        self.paired.total += delta
        self.paired.count += 1
        self.improved += delta > 0
        self.declined += delta < 0

    def add(self, other: Change) -> None:
        self.before.add(other.before)
        self.after.add(other.after)
        self.paired.add(other.paired)
        self.improved += other.improved
        self.declined += other.declined


@dataclass
class Surveys:
    """Links «before → after» (source 003 stage 2, source 001 baseline and final)."""

    links: int = 0
    on_schedule: int = 0  # «before» in October–November and «after» in May
    baseline_in_autumn: int = 0
    final_in_may: int = 0
    before_answers: int = 0
    after_answers: int = 0
    named_links: int = 0

    def add(self, other: Surveys) -> None:
        for name in ("links", "on_schedule", "baseline_in_autumn", "final_in_may", "before_answers"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.after_answers += other.after_answers
        self.named_links += other.named_links


@dataclass
class SchemeFigures:
    """Pairs of one pairing scheme: how they were formed and how they ended."""

    formed: int = 0  # confirmed at least once (every state but «proposed»)
    working: int = 0  # confirmed, fixed or active now
    completed: int = 0
    dissolved: int = 0
    groups: int = 0  # formed groups (several mentees)
    quality: Quality = field(default_factory=Quality)
    change: Change = field(default_factory=Change)  # paired change of the mentees over every measure

    @property
    def finished(self) -> int:
        return self.completed + self.dissolved

    @property
    def completion_rate(self) -> float | None:
        """Completed among the finished pairs (completed or dissolved)."""
        return percent(self.completed, self.finished)

    @property
    def completion_text(self) -> str:
        return share_text(self.completion_rate)

    def add(self, other: SchemeFigures) -> None:
        self.formed += other.formed
        self.working += other.working
        self.completed += other.completed
        self.dissolved += other.dissolved
        self.groups += other.groups
        self.quality.add(other.quality)
        self.change.add(other.change)


@dataclass
class Involvement:
    students: int = 0
    students_registered: int = 0
    students_in: int = 0
    teachers: int = 0
    teachers_in: int = 0
    official_counts: int = 0  # organisations whose number of students comes from the school profile

    @property
    def students_share(self) -> float | None:
        return percent(self.students_in, self.students)

    @property
    def teachers_share(self) -> float | None:
        return percent(self.teachers_in, self.teachers)

    @property
    def students_text(self) -> str:
        return share_text(self.students_share)

    @property
    def teachers_text(self) -> str:
        return share_text(self.teachers_share)

    @property
    def target_met(self) -> bool | None:
        share = self.students_share
        return None if share is None else share >= INVOLVEMENT_TARGET

    def add(self, other: Involvement) -> None:
        for name in ("students", "students_registered", "students_in", "teachers", "teachers_in", "official_counts"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


ScaleKey = tuple[int, str]  # (instrument id, measure key)


@dataclass
class Figures:
    """Everything additive about one organisation, or the sum over several."""

    # Only the schemes with data (`DashboardData.schemes` lists all three): a region's dashboard makes
    # a thousand Figures, and three empty schemes in each were a fifth of its calculation.
    schemes: dict[str, SchemeFigures] = field(default_factory=dict)
    quality: Quality = field(default_factory=Quality)
    conformity: Conformity = field(default_factory=Conformity)
    involvement: Involvement = field(default_factory=Involvement)
    surveys: Surveys = field(default_factory=Surveys)
    changes: dict[ScaleKey, Change] = field(default_factory=dict)
    scheme_changes: dict[tuple[str, ScaleKey], Change] = field(default_factory=dict)
    trained_teachers: int = 0  # indicator 2.1 (result value)
    proposed: int = 0

    @property
    def pairs(self) -> SchemeFigures:
        """All schemes together."""
        total = SchemeFigures()
        for figures in self.schemes.values():
            total.add(figures)
        return total

    @property
    def workshops(self) -> int:
        return sum(s.groups for s in self.schemes.values())

    def change(self, key: ScaleKey) -> Change:
        return self.changes.setdefault(key, Change())

    def scheme_change(self, scheme: str, key: ScaleKey) -> Change:
        return self.scheme_changes.setdefault((scheme, key), Change())

    def add(self, other: Figures) -> None:
        for scheme, figures in other.schemes.items():
            self.schemes.setdefault(scheme, SchemeFigures()).add(figures)
        self.quality.add(other.quality)
        self.conformity.add(other.conformity)
        self.involvement.add(other.involvement)
        self.surveys.add(other.surveys)
        for key, change in other.changes.items():
            self.change(key).add(change)
        for (scheme, key), change in other.scheme_changes.items():
            self.scheme_change(scheme, key).add(change)
        self.trained_teachers += other.trained_teachers
        self.proposed += other.proposed


# -- the result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    key: ScaleKey
    instrument: str
    name: str
    short: str
    lower_is_better: bool = False

    def verdict(self, delta: float | None) -> str:
        """«улучшение», «ухудшение» or «без изменений» for a change of this scale; "" when unknown."""
        if delta is None:
            return ""
        if abs(delta) < 0.005:
            return "без изменений"
        return "улучшение" if (delta < 0) == self.lower_is_better else "ухудшение"


@dataclass
class DashboardRow:
    """One line of the roll-up: an organisation (a district on the region's page), or own programmes."""

    organisation: Organisation
    figures: Figures
    organisations: int = 1  # organisations summed into the row
    own: bool = False  # the root's own programmes (a district's or the region's)

    @property
    def label(self) -> str:
        return f"{self.organisation.short_name}: собственные программы" if self.own else self.organisation.short_name


@dataclass
class DashboardData:
    organisation: Organisation
    year: AcademicYear
    form: MentoringFormat | None
    level: str
    as_of: datetime.date
    rows: list[DashboardRow]
    total: Figures
    scales: list[Scale]
    indicators: list[IndicatorRow]
    indicator_reports: int  # organisations with programmes summed into `indicators`
    organisations: int  # organisations of the subtree counted
    scope_ids: frozenset[int] | None  # None: the whole subtree
    computed_at: float = 0.0
    from_cache: bool = False
    # The previous calculation, shown while another request recomputes after a change.
    stale: bool = False
    # The generation of the staff-entered data (`common.changes.ENTERED`) the calculation started from.
    entered_version: int = 0
    # A territory's calculation of the last minutes shown although answers came since.
    answers_pending: bool = False

    @property
    def computed_time(self) -> datetime.datetime:
        return datetime.datetime.fromtimestamp(self.computed_at, tz=datetime.UTC)

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]

    @property
    def schemes(self) -> list[tuple[str, str, SchemeFigures]]:
        return [(code, label, self.total.schemes.get(code, SchemeFigures())) for code, label in SCHEMES]

    @property
    def involvement_target(self) -> int:
        return INVOLVEMENT_TARGET

    def scale_changes(self) -> list[tuple[Scale, Change, list[tuple[str, Change]]]]:
        """Per measure: the change over everyone and by pairing scheme."""
        empty = Change()
        return [
            (
                scale,
                self.total.changes.get(scale.key, empty),
                [(code, self.total.scheme_changes.get((code, scale.key), empty)) for code, _ in SCHEMES],
            )
            for scale in self.scales
        ]


def level_of(org: Organisation) -> str:
    if org.kind == OrganisationKind.REGION:
        return LEVEL_REGION
    if org.kind == OrganisationKind.DISTRICT:
        return LEVEL_DISTRICT
    return LEVEL_ORGANISATION
