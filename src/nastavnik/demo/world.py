"""Demo data of the fictional «Приозёрная область» (command `nastavnik demo-data`).

Two scales: `build_demo` — a few organisations with a few hundred people, every role and
a demo login for each (saved with history); `build_region` in demo/region.py — a
region-sized database for benchmarks, added under the same region with bulk inserts.
"""

from __future__ import annotations

import datetime
import random

from django.db import connection, transaction

from nastavnik.demo import catalog
from nastavnik.demo.accounts import create_accounts
from nastavnik.demo.bases import create_programmes_and_bases
from nastavnik.demo.builder import DemoWorld, create_organisations, create_people
from nastavnik.demo.communities import create_communities
from nastavnik.demo.completion import create_completions
from nastavnik.demo.courses import create_courses
from nastavnik.demo.diaries import create_diaries
from nastavnik.demo.district import create_group_meeting, create_school_to_school
from nastavnik.demo.district_life import create_district_life
from nastavnik.demo.edits import apply_staff_edits
from nastavnik.demo.monitoring import create_monitoring
from nastavnik.demo.orders import create_orders
from nastavnik.demo.pairs import create_pairs
from nastavnik.demo.projects import create_projects
from nastavnik.demo.roadmap import create_roadmaps
from nastavnik.demo.roles import create_role_data
from nastavnik.demo.surveys import create_before_after, create_surveys
from nastavnik.demo.workshops import create_workshops
from nastavnik.orgs.models import AcademicYear, Organisation

DEFAULT_SEED = 2026


def demo_exists() -> bool:
    return Organisation.objects.filter(slug=catalog.REGION_SLUG).exists()


@transaction.atomic
def build_demo(seed: int = DEFAULT_SEED, today: datetime.date | None = None) -> DemoWorld:
    """Create the demo world in one transaction; the same seed (and day) gives the same data."""
    year = AcademicYear.current()
    previous, _ = AcademicYear.objects.get_or_create(start_year=year.start_year - 1)
    world = DemoWorld(rng=random.Random(seed), today=today or datetime.date.today(), year=year, previous_year=previous)
    create_organisations(world)
    create_people(world)
    users = create_accounts(world)
    create_programmes_and_bases(world, users)
    apply_staff_edits(world, users)
    create_pairs(world, users)
    refresh_statistics()
    create_group_meeting(world, users)
    create_school_to_school(world, users)
    create_surveys(world, users)
    create_before_after(world, users)
    # The programme lifecycle: roadmaps, orders, meeting logs and plans, completions, role pages.
    create_roadmaps(world, users)
    create_orders(world, users)
    create_diaries(world, users)
    create_completions(world, users)
    create_role_data(world, users)
    # A working year in the districts' schools: the district and region dashboards have a story.
    create_district_life(world, users)
    # Monitoring: Appendix-2 indicators, events, snapshots and targets.
    create_monitoring(world, users)
    create_communities(world, users)
    create_workshops(world, users)
    create_projects(world, users)
    create_courses(world, users)
    refresh_statistics()
    return world


def refresh_statistics() -> None:
    """PostgreSQL plans joins from table statistics; after thousands of fresh rows they say «empty»
    until autovacuum comes round, and a four-table join can then take minutes. ANALYZE is cheap here."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
