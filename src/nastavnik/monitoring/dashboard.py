"""Monitoring dashboards: the numbers of an organisation, a district or the region.

`dashboard_data(org, year, form=None, user=None)` is the single entry point (dashboard pages,
reports). The figures of each organisation of the subtree are read by `queries` (one query per
kind of data for all organisations at once) into additive `figures`, and rolled up here by
path: a district row or the total is the sum of its parts, and every mean is recomputed from
the summed sums and counts. What is counted where is told in `queries`.

Cache: the result is kept for `CACHE_SECONDS` under a key of the generation of the data
(`common.changes.version`), the organisation, the year, the form, the date and the reader's
scope (all of the subtree, or the exact set of organisations the user reads). Saves and deletes
of the underlying models bump the generation by signals; services that change rows by queryset
`update()` or bulk operations (no signals) call `common.changes.touch()` themselves. One bump
drops every entry of every worker sharing the cache; the time-out bounds what a missed bump costs.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from huey.contrib.djhuey import db_task

from nastavnik.access.rules import access_for
from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.changes import DASHBOARD, ENTERED, INDICATORS, touch, version, watch
from nastavnik.courses.models import Cohort, RouteItem
from nastavnik.courses.models import Enrolment as CourseEnrolment
from nastavnik.diary.models import MeetingRating, PairEvaluation, PairMeeting, StatusChange
from nastavnik.district.models import SchoolProfile
from nastavnik.monitoring.figures import (
    LEVEL_ORGANISATION,
    DashboardData,
    DashboardRow,
    Figures,
    Scale,
    ScaleKey,
    level_of,
)
from nastavnik.monitoring.models import Event, ManualValue, Snapshot, Target
from nastavnik.monitoring.queries import (
    InvolvementRows,
    add_involvement,
    add_pairs,
    involvement_rows,
    pair_rows,
    read_changes,
    read_conformity,
    read_indicators,
    read_marks,
    read_profiles,
)
from nastavnik.monitoring.report import Row as IndicatorRow
from nastavnik.monitoring.report import default_as_of
from nastavnik.orgs.models import AcademicYear, Membership, Organisation, subtree_q
from nastavnik.pairs.models import Pair, PairMentee, PairTransition
from nastavnik.programmes.models import MentoringFormat, Programme, ProgrammeFormat
from nastavnik.surveys.models import Campaign, Response
from nastavnik.workshops.models import Enrolment as WorkshopEnrolment
from nastavnik.workshops.models import (
    PopularisationEvent,
    Trajectory,
    Workshop,
    WorkshopMember,
    WorkshopProject,
    WorkshopSeason,
)

T = TypeVar("T")

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
# The last result is kept this long to be shown while one request recomputes (LOCK_SECONDS at most).
LATEST_SECONDS = 3600
LOCK_SECONDS = 120
# A district's or region's dashboard page recomputes after new answers (survey responses, meeting
# ratings, mutual evaluations) at most this often; any change the staff make shows at once. Under a
# working day's stream of answers every one of them made those dashboards stale, and nearly every
# coordinator's request recomputed a region's figures (measured in bench/load).
ANSWERS_LAG_SECONDS = 120
# After any other change a district's or region's page shows its last result, if it is at most this
# old, marked as being recomputed, while the huey worker recomputes it (`refresh_dashboard`): a
# region's figures take about a second of a web worker, and a working day's pair confirmations made
# the coordinator who came next wait for them (bench/load). Older than this, the request recomputes.
REFRESH_STALE_SECONDS = 600

# -- scope -----------------------------------------------------------------------------------


def subtree(org: Organisation) -> list[Organisation]:
    return list(
        Organisation.objects.filter(subtree_q("path", org.path))
        .only("pk", "path", "short_name", "name", "kind", "parent_id", "slug")
        .order_by("path")
    )


def readable(orgs: Sequence[Organisation], user: Any) -> tuple[list[Organisation], frozenset[int] | None]:
    """The organisations of the subtree the user reads, and None when that is all of them."""
    if user is None:
        return list(orgs), None
    access = access_for(user)
    seen = [o for o in orgs if access.can_read_org(o)]
    if len(seen) == len(orgs):
        return seen, None
    return seen, frozenset(o.pk for o in seen)


def _scope_key(scope_ids: frozenset[int] | None) -> str:
    if scope_ids is None:
        return "all"
    return hashlib.sha256(",".join(map(str, sorted(scope_ids))).encode()).hexdigest()[:24]


# -- roll-up -------------------------------------------------------------------------------


def roll_up(root: Organisation, scope: Sequence[Organisation], figures: dict[int, Figures]) -> list[DashboardRow]:
    """Rows of the root's children (each the sum of its subtree), and the root's own programmes."""
    children = [o for o in scope if o.parent_id == root.pk]
    rows = {child.pk: DashboardRow(child, Figures(), organisations=0) for child in children}
    own = DashboardRow(root, Figures(), organisations=1, own=True)
    by_path = {child.path: rows[child.pk] for child in children}
    for org in scope:
        if org.pk == root.pk:
            own.figures.add(figures[org.pk])
            continue
        prefix = "/".join(org.path.split("/")[: root.path.count("/") + 1]) + "/"
        row = by_path.get(prefix)
        if row is None:  # below an organisation the user does not read: its own line
            row = rows.setdefault(org.pk, DashboardRow(org, Figures(), organisations=0))
        row.figures.add(figures[org.pk])
        row.organisations += 1
    result = [rows[pk] for pk in rows]
    result.sort(key=lambda r: r.organisation.path)
    if not children and len(scope) == 1:
        return []
    if _has_data(own.figures):
        result.insert(0, own)
    return result


def _has_data(figures: Figures) -> bool:
    pairs = figures.pairs
    return bool(
        pairs.formed
        or figures.proposed
        or figures.surveys.links
        or figures.conformity.responses
        or figures.involvement.students
        or figures.involvement.teachers
        or figures.trained_teachers
    )


# -- entry point --------------------------------------------------------------------------------


def compute_dashboard(
    org: Organisation,
    year: AcademicYear,
    form: MentoringFormat | None,
    scope: list[Organisation],
    scope_ids: frozenset[int] | None,
    as_of: datetime.date,
) -> DashboardData:
    entered = version(ENTERED)
    ids = [o.pk for o in scope]
    figures = _structure(org, ids, scope_ids, year, form, as_of)
    scales: dict[ScaleKey, Scale] = {}
    indicators: list[IndicatorRow] = []
    reports = 0
    if ids:
        read_marks(figures, ids, year, form)
        read_profiles(figures, ids, year)
        read_conformity(figures, ids, year)
        read_changes(figures, scales, ids, year, form)
        indicators, reports, trained = _indicators(org, scope, scope_ids, year, as_of)
        for pk, value in trained.items():
            figures[pk].trained_teachers = value
    for item in figures.values():
        for scheme in item.schemes.values():
            item.quality.add(scheme.quality)
    total = Figures()
    for pk in ids:
        total.add(figures[pk])
    return DashboardData(
        organisation=org,
        year=year,
        form=form,
        level=level_of(org),
        as_of=as_of,
        rows=roll_up(org, scope, figures),
        total=total,
        scales=sorted(scales.values(), key=lambda s: (s.instrument, s.key[1])),
        indicators=indicators,
        indicator_reports=reports,
        organisations=len(ids),
        scope_ids=scope_ids,
        computed_at=time.time(),
        entered_version=entered,
    )


def _structure(
    org: Organisation,
    ids: list[int],
    scope_ids: frozenset[int] | None,
    year: AcademicYear,
    form: MentoringFormat | None,
    as_of: datetime.date,
) -> defaultdict[int, Figures]:
    """The pairs and the involvement (memberships) of every organisation of the scope. Their rows are
    cached under the indicators' generation like `_indicators`: they read the same kind of data, and
    a stream of survey answers leaves them valid (a third of a region dashboard's recalculation after
    those). Rows, not figures: unpickling a region's 512 Figures took longer than the queries."""

    def read() -> tuple[list[dict[str, Any]], InvolvementRows]:
        return (list(pair_rows(ids, year, form, as_of)), involvement_rows(ids, year, form)) if ids else ([], ([], []))

    rows = memo("structure", org, year, scope_ids, read, form=form, day=as_of.isoformat(), fits=_tuple_of(2))
    figures: defaultdict[int, Figures] = defaultdict(Figures)
    for pk in ids:
        figures[pk] = Figures()
    add_pairs(figures, rows[0], as_of)
    add_involvement(figures, rows[1])
    return figures


def _indicators(
    org: Organisation,
    scope: list[Organisation],
    scope_ids: frozenset[int] | None,
    year: AcademicYear,
    as_of: datetime.date,
) -> tuple[list[IndicatorRow], int, dict[int, int]]:
    """The indicator table of the dashboard, cached under the indicators' own generation: about two
    thirds of a region dashboard's calculation, and survey answers do not make it stale."""
    return memo(
        "indicators",
        org,
        year,
        scope_ids,
        lambda: read_indicators(org, scope, year, as_of),
        day=as_of.isoformat(),
        fits=_tuple_of(3),
    )


def memo(
    kind: str,
    org: Organisation,
    year: AcademicYear,
    scope_ids: frozenset[int] | None,
    compute: Callable[[], T],
    *,
    form: MentoringFormat | None = None,
    day: str = "-",
    fits: Callable[[Any], bool] | None = None,
) -> T:
    """A part of the dashboard that reads no survey answer, cached per organisation, year, form, day
    and reader's scope under the indicators' generation, so the day's stream of answers leaves it
    valid: the indicator table, the pairs and involvement, and the page's workshop and course-hour
    tables (their models, `PAGE_SIDE`, are watched below). `fits` rejects a cached value of another
    shape (one stored by an older release sharing the cache)."""
    key = f"{_base_key(org, year, form, scope_ids, day, kind)}:{version(INDICATORS)}"
    found = cache.get(key)
    if found is None or (fits is not None and not fits(found)):
        found = compute()
        cache.set(key, found, CACHE_SECONDS)
    return found


def _tuple_of(length: int) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, tuple) and len(value) == length


def cache_key(
    org: Organisation, year: AcademicYear, form: MentoringFormat | None, scope_ids: frozenset[int] | None, day: Any
) -> str:
    """The key of the dashboard at the current generation of the data."""
    return f"{_base_key(org, year, form, scope_ids, day)}:{version(DASHBOARD)}"


def _base_key(
    org: Organisation,
    year: AcademicYear,
    form: MentoringFormat | None,
    scope_ids: frozenset[int] | None,
    day: Any,
    kind: str = "dashboard",
) -> str:
    parts = [org.pk, year.start_year, form.pk if form is not None else 0, day, _scope_key(scope_ids)]
    return f"monitoring:{kind}:" + ":".join(map(str, parts))


def dashboard_data(
    org: Organisation,
    year: AcademicYear,
    *,
    form: MentoringFormat | None = None,
    user: Any = None,
    as_of: datetime.date | None = None,
    use_cache: bool = True,
    answers_lag: int = 0,
    background: bool = False,
) -> DashboardData:
    """The dashboard of `org` (its subtree) for the year; `user` limits it to what they read.

    Without a user the whole subtree is counted (callers that checked access themselves:
    reports, background jobs). Cached for a few minutes per organisation, year, form, date and
    scope; `use_cache=False` recomputes. With `answers_lag` (seconds; the district and region pages)
    a territory's last result stays shown that long after it was computed if only answers came since
    (`_answers_only_since`). With `background` (the same pages) a territory's last result of the last
    `REFRESH_STALE_SECONDS` is shown after any other change while the huey worker recomputes it, when
    the worker shares the cache (`settings.DASHBOARD_REFRESH_IN_BACKGROUND`, on with Redis).
    """
    as_of = as_of or default_as_of(year)
    scope, scope_ids = readable(subtree(org), user)
    if not use_cache:
        return compute_dashboard(org, year, form, scope, scope_ids, as_of)
    base = _base_key(org, year, form, scope_ids, as_of.isoformat())
    key = f"{base}:{version(DASHBOARD)}"
    cached = cache.get(key)
    if isinstance(cached, DashboardData):
        cached.from_cache = True
        return cached
    if level_of(org) != LEVEL_ORGANISATION:
        recent = _answers_only_since(base, answers_lag) if answers_lag else None
        if recent is None and background and settings.DASHBOARD_REFRESH_IN_BACKGROUND:
            recent = _refresh_in_background(base, key, org, year, form, scope_ids, as_of)
        if recent is not None:
            return recent
    return _recompute(base, key, lambda: compute_dashboard(org, year, form, scope, scope_ids, as_of))


def _answers_only_since(base: str, lag: int) -> DashboardData | None:
    """The last result of a dashboard if it is younger than `lag` seconds and nothing but answers
    (no `ENTERED` change: bases, pairs, meetings, campaigns, profiles, …) has changed since."""
    latest = cache.get(f"{base}:latest")
    if not isinstance(latest, DashboardData) or time.time() - latest.computed_at > lag:
        return None
    if latest.entered_version != version(ENTERED):
        return None
    latest.from_cache = latest.answers_pending = True
    return latest


def _refresh_in_background(
    base: str,
    key: str,
    org: Organisation,
    year: AcademicYear,
    form: MentoringFormat | None,
    scope_ids: frozenset[int] | None,
    as_of: datetime.date,
) -> DashboardData | None:
    """The last result of a territory's dashboard, marked stale, with its recalculation queued for the
    huey worker (once: the same lock as `_recompute`); None when there is no result recent enough or
    the queue does not answer (the request then recomputes itself)."""
    latest = cache.get(f"{base}:latest")
    if not isinstance(latest, DashboardData) or time.time() - latest.computed_at > REFRESH_STALE_SECONDS:
        return None
    lock = f"{base}:computing"
    if cache.add(lock, 1, LOCK_SECONDS):
        scope = sorted(scope_ids) if scope_ids is not None else None
        try:
            refresh_dashboard(org.pk, year.pk, form.pk if form is not None else None, scope, as_of.isoformat())
        except Exception:  # the queue is down: this request recomputes, as without a queue
            logger.exception("dashboard refresh could not be queued")
            cache.delete(lock)
            return None
        fresh = cache.get(key)  # a queue that runs tasks at once (HUEY immediate) has done it already
        if isinstance(fresh, DashboardData):
            return fresh
    latest.from_cache = latest.stale = True
    return latest


@db_task(retries=0)
def refresh_dashboard(org_id: int, year_id: int, form_id: int | None, scope_ids: list[int] | None, as_of: str) -> None:
    """Recompute a dashboard in the huey worker and release the lock its request took."""
    org = Organisation.objects.filter(pk=org_id).first()
    year = AcademicYear.objects.filter(pk=year_id).first()
    form = MentoringFormat.objects.filter(pk=form_id).first() if form_id is not None else None
    readers = frozenset(scope_ids) if scope_ids is not None else None
    day = datetime.date.fromisoformat(as_of)
    if org is None or year is None or (form_id is not None and form is None):
        return  # deleted meanwhile; the lock expires by itself
    base = _base_key(org, year, form, readers, as_of)
    scope = [o for o in subtree(org) if readers is None or o.pk in readers]
    try:
        key = f"{base}:{version(DASHBOARD)}"
        _keep(base, key, compute_dashboard(org, year, form, scope, readers, day))
    finally:
        cache.delete(f"{base}:computing")


def _keep(base: str, key: str, data: DashboardData) -> None:
    """Store a fresh result under its generation's key and as the dashboard's last result."""
    cache.set(key, data, CACHE_SECONDS)
    cache.set(f"{base}:latest", data, LATEST_SECONDS)


def _recompute(base: str, key: str, compute: Callable[[], DashboardData]) -> DashboardData:
    """One request per dashboard recomputes after a change; the others meanwhile get the last result.

    A region's dashboard takes seconds; under a stream of survey answers every answer makes it stale,
    and without this guard every coordinator's request would recompute it at once and hold all the
    web workers (measured in bench/load). The first request after a change still sees fresh figures.
    """
    lock, latest_key = f"{base}:computing", f"{base}:latest"
    owner = cache.add(lock, 1, LOCK_SECONDS)
    if not owner:
        latest = cache.get(latest_key)
        if isinstance(latest, DashboardData):
            latest.from_cache = latest.stale = True
            return latest
    try:
        data = compute()
        _keep(base, key, data)
    finally:
        if owner:
            cache.delete(lock)
    return data


# Models whose changes cannot move an Appendix-2 indicator: they drop the dashboards but keep the
# cached indicators (a stream of survey answers and ratings is the usual load of a working day).
SURVEY_SIDE: tuple[type[Any], ...] = (MeetingRating, PairEvaluation, Campaign, Response, SchoolProfile)
# Of those, what people send in rather than what the staff enter (`ANSWERS_LAG_SECONDS`).
ANSWERS: tuple[type[Any], ...] = (MeetingRating, PairEvaluation, Response)
# Behind the page's workshop and course-hour tables (`memo`, cached under the indicators' generation).
PAGE_SIDE: tuple[type[Any], ...] = (
    Cohort,
    CourseEnrolment,
    RouteItem,
    Workshop,
    WorkshopSeason,
    WorkshopMember,
    WorkshopProject,
    WorkshopEnrolment,
    PopularisationEvent,
    Trajectory,
)
WATCHED: tuple[type[Any], ...] = (
    *SURVEY_SIDE,
    *PAGE_SIDE,
    Pair,
    PairMentee,
    PairMeeting,
    PairTransition,
    Membership,
    Organisation,
    MentorEntry,
    MenteeEntry,
    StatusChange,
    Programme,
    ProgrammeFormat,
    Snapshot,
    ManualValue,
    Target,
    Event,
)


def data_changed(sender: type[Any], **_: Any) -> None:
    """A save or a delete of a model the dashboards show: drop every cached dashboard, and the cached
    indicators unless the model cannot move them."""
    if sender in ANSWERS:
        touch(DASHBOARD)
    elif sender in SURVEY_SIDE:
        touch(DASHBOARD, ENTERED)
    else:
        touch(DASHBOARD, INDICATORS, ENTERED)


def connect_signals() -> None:
    watch(WATCHED, data_changed, "dashboard")
