"""Changes made "by" the demo staff after the data exist, so the audit log names real users.

simple_history takes the author of a change from `instance._history_user` when there is
no request, which is how a management command leaves a named trail.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from nastavnik.bases.models import MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.demo import catalog, names
from nastavnik.demo.builder import DemoWorld
from nastavnik.demo.people import build_consent
from nastavnik.people.models import Person, SensitiveInfo
from nastavnik.people.services import refresh_consent_flag

SENSITIVE_FLAGS = (
    {"disability": True, "health_notes": "Обучение по адаптированной программе, нужен индивидуальный темп."},
    {"difficult_situation": True},
    {"difficult_situation": True, "on_register": True},
    {"health_notes": "Освобождение от физической культуры до конца четверти."},
    {"disability": True},
    {"difficult_situation": True},
    {"on_register": True},
    {"health_notes": "Аллергия на пыльцу растений."},
)


def apply_staff_edits(world: DemoWorld, users: dict[str, User]) -> None:
    curator = users["curator"]
    in_bases = set(MenteeEntry.objects.values_list("person_id", flat=True))
    in_bases |= set(MentorEntry.objects.values_list("person_id", flat=True))
    _revoke_consents(world, curator, in_bases)
    _record_late_consents(world, curator)
    _flag_sensitive(world, curator)
    _update_requests(world, users)


def _revoke_consents(world: DemoWorld, user: User, in_bases: set[int]) -> None:
    """Two ninth-graders whose consent was withdrawn: the UI shows the 152-ФЗ restriction."""
    candidates = [p for p in world.consented_students(catalog.SCHOOL1_SLUG, 9) if p.pk not in in_bases]
    for person in candidates[:2]:
        consent = person.consents.get()
        consent.revoked_on = min(consent.given_on + datetime.timedelta(days=30), world.today)
        consent._history_user = user  # type: ignore[attr-defined]
        consent.save(update_fields=["revoked_on"])
        person._history_user = user  # type: ignore[attr-defined]
        refresh_consent_flag(person)


def _record_late_consents(world: DemoWorld, user: User) -> None:
    """The curator enters consents that parents brought later (recorded_by = the curator)."""
    pending = [p for p in world.students_in(catalog.SCHOOL1_SLUG, *range(1, 12)) if not p.has_consent]
    for person in pending[:2]:
        gender = names.gender_of(person.first_name) or names.Gender.FEMALE
        mother_surname = (
            person.last_name
            if gender is names.Gender.FEMALE
            else names.surname_for(person.last_name, names.Gender.FEMALE)
        )
        mother = names.random_adult(world.rng, names.Gender.FEMALE)
        consent = build_consent(
            person, world.today, guardian_name=f"{mother_surname} {mother.first_name} {mother.middle_name}"
        )
        consent.recorded_by = user
        consent._history_user = user  # type: ignore[attr-defined]
        consent.save()
        person._history_user = user  # type: ignore[attr-defined]
        refresh_consent_flag(person)


def _flag_sensitive(world: DemoWorld, user: User) -> None:
    school1 = world.consented_students(catalog.SCHOOL1_SLUG, 1, 3, 5, 7)
    others = world.consented_students(catalog.SOSNOVKA_SLUG, 2, 4, 6, 8)
    people: list[Person] = world.rng.sample(school1, 5) + world.rng.sample(others, 3)
    for person, flags in zip(people, SENSITIVE_FLAGS, strict=True):
        info = SensitiveInfo(person=person, **flags)  # type: ignore[arg-type]
        info._history_user = user if person.organisation_id == world.orgs[catalog.SCHOOL1_SLUG].pk else None  # type: ignore[attr-defined]
        info.save()


def _update_requests(world: DemoWorld, users: dict[str, User]) -> None:
    """The curator forms a pair from a waiting request; the working group refines another."""
    waiting = MenteeEntry.objects.filter(
        programme__organisation=world.orgs[catalog.SCHOOL1_SLUG],
        programme__academic_year=world.year,
        status=MenteeStatus.WAITING,
    ).order_by("id")
    first, second = list(waiting[:2])
    first.status = MenteeStatus.MATCHED
    first.comment = "Пара сформирована по итогам встречи наставников и наставляемых."
    first._history_user = users["curator"]
    first.save()
    second.preferred_time = "вторник, 14:30–15:15"
    second._history_user = users["working_group"]
    second.save()
