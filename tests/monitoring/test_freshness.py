"""The cached dashboards follow changes that send no model signals: the shared generation counter."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import HUEY
from huey.storage import MemoryStorage
from time_machine import TimeMachineFixture

from nastavnik.common import changes
from nastavnik.diary.models import MeetingRating, PairMeeting
from nastavnik.district.models import SchoolProfile
from nastavnik.monitoring import dashboard
from nastavnik.monitoring.dashboard import (
    ANSWERS_LAG_SECONDS,
    REFRESH_STALE_SECONDS,
    cache_key,
    dashboard_data,
    memo,
    refresh_dashboard,
)
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.workshops.models import Trajectory
from tests.conftest import World
from tests.factories import make_mentee_entry, make_person
from tests.imports.helpers import STUDENT_HEADER, import_file, xlsx_bytes
from tests.monitoring import builders as b

pytestmark = pytest.mark.django_db


def _as_of(world: World) -> datetime.date:
    return datetime.date(world.programme.academic_year.start_year, 12, 15)


def test_the_version_grows_with_every_touch_and_scopes_are_apart() -> None:
    first = changes.version()
    changes.touch()
    second = changes.version()
    assert second > first
    changes.touch("dashboard")
    assert changes.version("dashboard") > second
    other = changes.version("elsewhere")
    changes.touch()
    assert changes.version("elsewhere") == other


def test_a_first_touch_starts_the_counter_from_the_clock() -> None:
    changes.touch("fresh")
    assert changes.version("fresh") > 10**18  # nanoseconds: above whatever an evicted counter had reached


def test_a_touch_in_a_transaction_bumps_again_at_commit(
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    start = changes.version()
    with django_capture_on_commit_callbacks(execute=True):
        changes.touch()
        during = changes.version()
    assert start < during < changes.version()


def test_an_import_written_in_bulk_shows_on_the_next_dashboard_read(world: World) -> None:
    """Memberships are written by bulk_create (no post_save): only the service's touch() drops the cache."""
    year, as_of = world.programme.academic_year, _as_of(world)
    before = dashboard_data(world.school, year, as_of=as_of)
    assert dashboard_data(world.school, year, as_of=as_of).from_cache
    registered = before.total.involvement.students_registered
    version = changes.version()

    rows = [
        STUDENT_HEADER,
        ["Лебедева", "Мария", "Олеговна", "14.02.2012", "8Б"],
        ["Кудрявцев", "Пётр", "", "01.03.2011", "9А"],
    ]
    import_file(world.client_for("curator"), world.school, "ученики.xlsx", xlsx_bytes(rows))

    assert Membership.objects.filter(organisation=world.school, role=Role.STUDENT, is_active=True).count() == (
        registered + 2
    )
    after = dashboard_data(world.school, year, as_of=as_of)
    assert not after.from_cache
    assert after.total.involvement.students_registered == registered + 2
    assert changes.version() > version


def test_a_queryset_update_without_a_touch_is_not_seen_until_one_comes(world: World) -> None:
    """The contract the services keep: an update() alone leaves the cached figures as they were."""
    year, as_of = world.programme.academic_year, _as_of(world)
    registered = dashboard_data(world.school, year, as_of=as_of).total.involvement.students_registered
    Membership.objects.filter(organisation=world.school, role=Role.STUDENT).update(is_active=False)
    stale = dashboard_data(world.school, year, as_of=as_of)
    assert stale.from_cache and stale.total.involvement.students_registered == registered
    changes.touch()
    fresh = dashboard_data(world.school, year, as_of=as_of)
    assert not fresh.from_cache and fresh.total.involvement.students_registered == 0


def test_while_one_request_recomputes_after_a_change_the_others_get_the_last_result(world: World) -> None:
    """The dogpile guard of a slow (region) dashboard: one recomputation at a time, fresh for its owner."""
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.school, year, as_of=as_of)
    assert not first.from_cache and not first.stale
    changes.touch()
    base = cache_key(world.school, year, None, None, as_of.isoformat()).rsplit(":", 1)[0]
    assert cache.add(f"{base}:computing", 1, 60)  # another worker is recomputing this dashboard

    shown = dashboard_data(world.school, year, as_of=as_of)
    assert shown.stale and shown.from_cache
    assert shown.computed_at == first.computed_at

    cache.delete(f"{base}:computing")  # that worker finished (or died: the lock also expires)
    fresh = dashboard_data(world.school, year, as_of=as_of)
    assert not fresh.stale and not fresh.from_cache
    assert fresh.computed_at > first.computed_at
    assert dashboard_data(world.school, year, as_of=as_of).from_cache
    assert cache.get(f"{base}:computing") is None


def test_without_an_earlier_result_a_waiting_request_computes_itself(world: World) -> None:
    year, as_of = world.programme.academic_year, _as_of(world)
    base = cache_key(world.school, year, None, None, as_of.isoformat()).rsplit(":", 1)[0]
    assert cache.add(f"{base}:computing", 1, 60)
    data = dashboard_data(world.school, year, as_of=as_of)
    assert not data.stale and not data.from_cache
    assert cache.get(f"{base}:computing") == 1  # another worker's lock is not ours to release


def _indicator(data: Any, code: str) -> int | None:
    return next(row.result.value for row in data.indicators if row.indicator.code == code)


def _reads_mentee_requests(queries: list[dict[str, str]]) -> bool:
    return any('FROM "bases_menteeentry"' in query["sql"] for query in queries)


def test_survey_side_changes_keep_the_cached_indicators_and_base_changes_drop_them(world: World) -> None:
    """Survey answers, ratings and school profiles cannot move an Appendix-2 indicator: the dashboard is
    recomputed after them without recomputing its indicator table; a new mentee request recomputes it."""
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.school, year, as_of=as_of)
    requests = _indicator(first, "1.1")

    indicators = changes.version(changes.INDICATORS)
    SchoolProfile.objects.create(organisation=world.school, academic_year=year, results_index=50, students_count=900)
    assert changes.version(changes.INDICATORS) == indicators
    with CaptureQueriesContext(connection) as survey_side:
        after_profile = dashboard_data(world.school, year, as_of=as_of)
    assert not after_profile.from_cache and after_profile.total.involvement.students == 900
    assert not _reads_mentee_requests(survey_side.captured_queries)
    assert _indicator(after_profile, "1.1") == requests

    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    assert changes.version(changes.INDICATORS) > indicators
    with CaptureQueriesContext(connection) as base_side:
        after_request = dashboard_data(world.school, year, as_of=as_of)
    assert _reads_mentee_requests(base_side.captured_queries)
    assert _indicator(after_request, "1.1") == (requests or 0) + 1


def test_a_touch_without_a_scope_drops_the_dashboards_and_the_indicators() -> None:
    """Services that write in bulk call touch() with no scope: nothing derived may survive it."""
    dashboard, indicators = changes.version(changes.DASHBOARD), changes.version(changes.INDICATORS)
    changes.touch()
    assert changes.version(changes.DASHBOARD) > dashboard and changes.version(changes.INDICATORS) > indicators
    indicators = changes.version(changes.INDICATORS)
    changes.touch(changes.DASHBOARD)
    assert changes.version(changes.INDICATORS) == indicators


def test_the_page_s_workshop_and_course_figures_outlive_survey_answers_and_follow_their_own_models(
    world: World,
) -> None:
    """`memo` (the dashboard page's workshop and course-hour tables) is cached under the indicators'
    generation: a school profile (answered like a survey) keeps it, a new trajectory drops it."""
    year = world.programme.academic_year
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert memo("workshops", world.school, year, None, compute) == 1
    assert memo("workshops", world.school, year, None, compute) == 1
    assert memo("workshops", world.other_school, year, None, compute) == 2  # another organisation, another entry
    SchoolProfile.objects.create(organisation=world.school, academic_year=year, results_index=50, students_count=900)
    assert memo("workshops", world.school, year, None, compute) == 1
    Trajectory.objects.create(code="new-track", name="Новая траектория", hours=36)
    assert memo("workshops", world.school, year, None, compute) == 3


def _rated_pair(world: World) -> tuple[list[PairMeeting], Person]:
    """An active pair of the school (in world.district) with meetings its mentee can rate."""
    pair = b.pair(world.mentor_entry, [world.mentee_entry], confirmed_on=b.day(9, 10))
    return [b.meeting(pair, b.day(10, 1)), b.meeting(pair, b.day(10, 8))], world.mentee_entry.person


def test_a_territory_page_shows_new_answers_within_the_lag_and_staff_changes_at_once(
    world: World, time_machine: TimeMachineFixture
) -> None:
    """The district's page keeps its last result for ANSWERS_LAG_SECONDS while only answers arrive
    (meeting ratings here), and says so; a staff change (a new mentee request) is shown at once,
    and so are the answers once the lag has passed. Without the lag (documents) nothing waits."""
    year, as_of = world.programme.academic_year, _as_of(world)
    meetings, pupil = _rated_pair(world)
    page = {"as_of": as_of, "answers_lag": ANSWERS_LAG_SECONDS}
    first = dashboard_data(world.district, year, **page)
    assert not first.from_cache and first.total.quality.ratings.count == 0

    MeetingRating.objects.create(meeting=meetings[0], person=pupil, score=5)
    time_machine.shift(ANSWERS_LAG_SECONDS - 10)
    shown = dashboard_data(world.district, year, **page)
    assert shown.from_cache and shown.answers_pending and not shown.stale
    assert shown.computed_at == first.computed_at and shown.total.quality.ratings.count == 0
    exact = dashboard_data(world.district, year, as_of=as_of)  # reports and documents take no lag
    assert exact.total.quality.ratings.count == 1 and not exact.answers_pending

    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    after_staff = dashboard_data(world.district, year, **page)
    assert not after_staff.from_cache and not after_staff.answers_pending
    assert after_staff.total.quality.ratings.count == 1

    MeetingRating.objects.create(meeting=meetings[1], person=pupil, score=3)
    assert dashboard_data(world.district, year, **page).total.quality.ratings.count == 1
    time_machine.shift(ANSWERS_LAG_SECONDS + 1)  # the lag has passed since the last calculation
    later = dashboard_data(world.district, year, **page)
    assert not later.from_cache and later.total.quality.ratings.count == 2


def test_the_lag_is_for_territories_only_and_campaigns_and_profiles_are_staff_changes(world: World) -> None:
    """A school's own dashboard follows every answer; a school profile or a campaign, entered by the
    staff, ends the district's lag like any other staff change."""
    year, as_of = world.programme.academic_year, _as_of(world)
    meetings, pupil = _rated_pair(world)
    page = {"as_of": as_of, "answers_lag": ANSWERS_LAG_SECONDS}
    dashboard_data(world.school, year, **page)
    dashboard_data(world.district, year, **page)
    entered = changes.version(changes.ENTERED)
    MeetingRating.objects.create(meeting=meetings[0], person=pupil, score=5)
    assert changes.version(changes.ENTERED) == entered
    school = dashboard_data(world.school, year, **page)
    assert not school.from_cache and school.total.quality.ratings.count == 1
    assert dashboard_data(world.district, year, **page).answers_pending

    SchoolProfile.objects.create(organisation=world.school, academic_year=year, results_index=50, students_count=900)
    assert changes.version(changes.ENTERED) > entered
    district = dashboard_data(world.district, year, **page)
    assert not district.answers_pending and district.total.involvement.students == 900
    assert district.total.quality.ratings.count == 1


def test_the_district_page_says_when_it_shows_answers_late(world: World) -> None:
    meetings, pupil = _rated_pair(world)
    client = world.client_for("district")
    url = reverse("monitoring:dashboard", kwargs={"org_pk": world.district.pk})
    first = client.get(url).content.decode()
    assert "войдут в следующий" not in first
    computed = dashboard_data(world.district, world.programme.academic_year)  # the page's calculation
    assert computed.from_cache
    shown_at = timezone.localtime(computed.computed_time)
    MeetingRating.objects.create(meeting=meetings[0], person=pupil, score=5)
    page = client.get(url).content.decode()
    assert f"расчёт {shown_at:%H:%M}: ответы опросов и оценки встреч, пришедшие после него, войдут в следующий" in page
    assert "не чаще раза в 2 минуты" in page
    school_page = world.client_for("curator").get(reverse("monitoring:dashboard", kwargs={"org_pk": world.school.pk}))
    assert "войдут в следующий" not in school_page.content.decode()


# -- a territory's page after a staff change: the last result while the huey worker recomputes ----


@pytest.fixture
def shared_cache(settings: Any) -> None:
    """The production shape: the huey worker shares the pages' cache (Redis), so it may recompute."""
    settings.DASHBOARD_REFRESH_IN_BACKGROUND = True


def _run_queued() -> int:
    """Run the queued dashboard recalculations as the worker would (without its connection handling,
    which would end the test's transaction); the number run."""
    count = 0
    while (task := HUEY.dequeue()) is not None:
        assert task.name.endswith("refresh_dashboard")
        refresh_dashboard.call_local(*task.args, **task.kwargs)
        count += 1
    return count


def _lock(world: World, as_of: datetime.date) -> str:
    base = cache_key(world.district, world.programme.academic_year, None, None, as_of.isoformat()).rsplit(":", 1)[0]
    return f"{base}:computing"


PAGE: dict[str, Any] = {"answers_lag": ANSWERS_LAG_SECONDS, "background": True}


def test_after_a_staff_change_a_territory_page_shows_its_last_result_while_the_worker_recomputes(
    world: World, real_queue: MemoryStorage, shared_cache: None
) -> None:
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.district, year, as_of=as_of, **PAGE)  # nothing to show yet: computed here
    assert not first.from_cache and HUEY.pending_count() == 0
    requests = _indicator(first, "1.1") or 0

    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    shown = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert shown.stale and shown.from_cache and shown.computed_at == first.computed_at
    assert (_indicator(shown, "1.1") or 0) == requests
    again = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert again.stale and HUEY.pending_count() == 1  # one recalculation queued, however many ask
    assert cache.get(_lock(world, as_of)) == 1

    assert _run_queued() == 1
    assert cache.get(_lock(world, as_of)) is None
    fresh = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert fresh.from_cache and not fresh.stale and fresh.computed_at > first.computed_at
    assert _indicator(fresh, "1.1") == requests + 1
    # Documents and reports never take the last result.
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    assert _indicator(dashboard_data(world.district, year, as_of=as_of), "1.1") == requests + 2


def test_a_school_page_and_an_old_result_are_recomputed_in_the_request(
    world: World, real_queue: MemoryStorage, shared_cache: None, time_machine: TimeMachineFixture
) -> None:
    year, as_of = world.programme.academic_year, _as_of(world)
    dashboard_data(world.school, year, as_of=as_of, **PAGE)
    first = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    school = dashboard_data(world.school, year, as_of=as_of, **PAGE)
    assert not school.from_cache and not school.stale and HUEY.pending_count() == 0

    time_machine.shift(REFRESH_STALE_SECONDS + 1)
    district = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert not district.from_cache and not district.stale and district.computed_at > first.computed_at
    assert HUEY.pending_count() == 0


def test_when_the_queue_does_not_answer_the_request_recomputes(
    world: World, real_queue: MemoryStorage, shared_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.district, year, as_of=as_of, **PAGE)

    def refused(*args: Any) -> None:
        raise ConnectionError("the queue is down")

    monkeypatch.setattr(dashboard, "refresh_dashboard", refused)
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    data = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert not data.stale and not data.from_cache and data.computed_at > first.computed_at
    assert _indicator(data, "1.1") == (_indicator(first, "1.1") or 0) + 1
    assert cache.get(_lock(world, as_of)) is None


def test_in_immediate_mode_the_queued_recalculation_is_shown_at_once(world: World, shared_cache: None) -> None:
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    data = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert not data.stale and data.computed_at > first.computed_at
    assert _indicator(data, "1.1") == (_indicator(first, "1.1") or 0) + 1
    assert cache.get(_lock(world, as_of)) is None


def test_the_district_page_says_it_shows_the_last_result_while_recomputing(
    world: World, real_queue: MemoryStorage, shared_cache: None
) -> None:
    client = world.client_for("district")
    url = reverse("monitoring:dashboard", kwargs={"org_pk": world.district.pk})
    assert "новый расчёт идёт" not in client.get(url).content.decode()
    computed = dashboard_data(world.district, world.programme.academic_year)  # the page's calculation
    assert computed.from_cache
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    page = client.get(url).content.decode()
    shown_at = timezone.localtime(computed.computed_time)
    assert f"показан расчёт {shown_at:%H:%M}: данные изменились, новый расчёт идёт" in page
    assert _run_queued() == 1
    assert "новый расчёт идёт" not in client.get(url).content.decode()


def test_with_the_cache_inside_each_process_the_page_recomputes_itself(world: World, real_queue: MemoryStorage) -> None:
    """One machine without Redis (`make demo`): the worker is another process with its own cache, so
    it could never hand a result to the pages; nothing is queued and the page shows fresh figures."""
    year, as_of = world.programme.academic_year, _as_of(world)
    first = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    make_mentee_entry(make_person(world.school, Role.STUDENT), world.programme)
    data = dashboard_data(world.district, year, as_of=as_of, **PAGE)
    assert not data.stale and data.computed_at > first.computed_at and HUEY.pending_count() == 0
    assert _indicator(data, "1.1") == (_indicator(first, "1.1") or 0) + 1
