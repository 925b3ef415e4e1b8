"""Demo data of the later schemes: a group meeting with choices and its proposals, and the
district «Школа – Школе» profiles with a confirmed leader ↔ supported pairing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld
from nastavnik.district import services as district_services
from nastavnik.district.models import SchoolProfile, SchoolRole
from nastavnik.engines.matching.school_pairs import SchoolRules
from nastavnik.matching.models import Side
from nastavnik.orgs.models import Role
from nastavnik.pairs import meetings

# results index (e.g. the average exam score), rural, role, how many schools a leader supports
SCHOOL_PROFILES = {
    catalog.SCHOOL1_SLUG: ("71.5", False, SchoolRole.LEADER, 1),
    catalog.LYCEUM_SLUG: ("78.0", False, SchoolRole.LEADER, 1),
    catalog.ZARECHNAYA_SLUG: ("64.0", True, SchoolRole.LEADER, 1),
    catalog.SOSNOVKA_SLUG: ("41.5", True, SchoolRole.SUPPORTED, 1),
}


def create_group_meeting(world: DemoWorld, users: dict[str, User]) -> None:
    school = world.orgs[catalog.SCHOOL1_SLUG]
    programme = school.programmes.filter(academic_year=world.year, title="Молодой специалист").first()
    programme_form = programme.forms.first() if programme else None
    if programme_form is None:
        return
    mentors = list(meetings.mentor_candidates(programme_form))
    mentees = list(meetings.mentee_candidates(programme_form))
    if not mentors or not mentees:
        return
    fields = {
        "title": "«Быстрые встречи» молодых специалистов с наставниками",
        "date": world.today - datetime.timedelta(days=3),
        "place": "Актовый зал",
        "round_minutes": 7,
        "total_minutes": 49,
    }
    meeting = meetings.create_meeting(programme_form, fields, mentors, mentees, users["curator"])
    rng = world.rng
    for mentee in mentees:
        ranking = [m.pk for m in rng.sample(mentors, min(3, len(mentors)))]
        meetings.save_preference(meeting, Side.MENTEE, mentee.pk, ranking, users["curator"])
    for mentor in mentors:
        ranking = [m.pk for m in rng.sample(mentees, min(3, len(mentees)))]
        meetings.save_preference(meeting, Side.MENTOR, mentor.pk, ranking, users["curator"])
    meetings.compute(meeting, users["curator"])


def create_school_to_school(world: DemoWorld, users: dict[str, User]) -> None:
    for slug, (index, rural, role, capacity) in SCHOOL_PROFILES.items():
        org = world.orgs[slug]
        students = org.memberships.filter(role=Role.STUDENT, is_active=True).count()
        SchoolProfile.objects.update_or_create(
            organisation=org,
            academic_year=world.year,
            defaults={
                "results_index": Decimal(index),
                "students_count": max(students, 1),
                "is_rural": rural,
                "role": role,
                "capacity": capacity,
            },
        )
    region = world.orgs[catalog.REGION_SLUG]
    district_services.run_school_pairing(region, world.year, SchoolRules(), users["district"])
    first = district_services.pairings_in(region, world.year).first()
    if first is not None:
        district_services.confirm_school_pairing(first, users["district"])
