"""Answers of the target-model intake questionnaires feed the bases (and so the matching scores).

«Анкета наставляемого» (mentee-intake) creates or updates the person's request in the mentee
base of the campaign's programme; «Анкета наставника» (mentor-profile) creates or updates an
application in the mentor base (the curator still decides on admission). Only named campaigns
of a programme feed the bases; an anonymous answer has no person to attach to.
"""

from __future__ import annotations

from typing import Any

from nastavnik.bases.models import MenteeEntry, MentorEntry, PreferredFormat, ReferredBy
from nastavnik.people.models import Person
from nastavnik.programmes.models import ProblemCategory, Programme


def _codes(answers: dict[str, Any], *keys: str) -> list[str]:
    return [value for key in keys for value in answers.get(key) or [] if isinstance(value, str)]


def _problems(codes: list[str]) -> list[ProblemCategory]:
    return list(ProblemCategory.objects.filter(code__in=codes))


def _format(answers: dict[str, Any]) -> str:
    value = answers.get("format")
    return value if value in PreferredFormat.values else PreferredFormat.OFFLINE


def feed_mentee(programme: Programme, person: Person, answers: dict[str, Any]) -> MenteeEntry:
    entry, _ = MenteeEntry.objects.get_or_create(
        person=person,
        programme=programme,
        defaults={
            "goal": answers.get("goal") or "",
            "referred_by": ReferredBy.SELF,
            "programme_form": programme.forms.first(),
        },
    )
    entry.area = (answers.get("area") or entry.area)[:200]
    entry.goal = answers.get("goal") or entry.goal
    entry.desired_result = answers.get("desired_result") or entry.desired_result
    entry.preferred_format = _format(answers)
    entry.preferred_time = (answers.get("preferred_time") or entry.preferred_time)[:200]
    entry.interests = (answers.get("interests") or entry.interests)[:300]
    entry.save()
    problems = _problems(_codes(answers, "problems_student", "problems_teacher"))
    if problems:
        entry.problems.set(problems)
    return entry


def _capacity(answers: dict[str, Any]) -> int | None:
    value = answers.get("capacity")
    return int(value) if isinstance(value, str) and value.isdigit() else None


def feed_mentor(programme: Programme, person: Person, answers: dict[str, Any]) -> MentorEntry:
    entry, _ = MentorEntry.objects.get_or_create(
        person=person, programme=programme, defaults={"programme_form": programme.forms.first()}
    )
    entry.subjects = (answers.get("subjects") or entry.subjects)[:300]
    entry.interests = answers.get("interests") or entry.interests
    entry.availability = (answers.get("availability") or entry.availability)[:200]
    entry.motivation = answers.get("motivation") or entry.motivation
    capacity = _capacity(answers)
    if capacity is not None:
        entry.capacity = max(capacity, entry.load, 1)
    if answers.get("takes_group") in {"yes", "no"}:
        entry.takes_group = answers["takes_group"] == "yes"
    experience = str(answers.get("experience_years") or "").strip()
    if experience.isdigit():
        entry.experience_years = int(experience)
    entry.save()
    capabilities = _problems(_codes(answers, "capabilities_student", "capabilities_teacher"))
    if capabilities:
        entry.capabilities.set(capabilities)
    return entry


FEEDS = {"mentee-intake": feed_mentee, "mentor-profile": feed_mentor}


def feed_bases(
    instrument_code: str, programme: Programme | None, person: Person | None, answers: dict[str, Any]
) -> None:
    """Copy an intake answer into the mentee or mentor base when it can be attached to someone."""
    feed = FEEDS.get(instrument_code)
    if feed is not None and programme is not None and person is not None and person.has_consent:
        feed(programme, person, answers)
