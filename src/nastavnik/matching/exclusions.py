"""Pairs that must never be proposed or confirmed: a person with herself, and the curator's bans.

A person admitted as a mentor may also have a request of her own in the same programme; the
matching schemes see two different entries and would happily pair them. Every scheme takes
its excluded links from here, and the confirmation service checks the same rules, so a pair
that slipped past a scheme (an old proposal, a tampered POST) is still refused.
"""

from __future__ import annotations

from collections.abc import Iterable

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.engines.matching import Link
from nastavnik.matching.models import ConstraintKind, MatchingConstraint

SELF_PAIR = "{name} не может быть наставником самому себе."
BANNED_PAIR = "Пару «{mentor} — {mentee}» куратор запретил («не ставить в пару»)."


def self_links(mentors: Iterable[MentorEntry], mentees: Iterable[MenteeEntry]) -> list[Link]:
    """Links between a mentor entry and a mentee entry of the same person."""
    mentors_of: dict[int, list[str]] = {}
    for mentor in mentors:
        mentors_of.setdefault(mentor.person_id, []).append(str(mentor.pk))
    return [Link(mentor_id, str(mentee.pk)) for mentee in mentees for mentor_id in mentors_of.get(mentee.person_id, [])]


def banned_links(mentors: Iterable[MentorEntry], mentees: Iterable[MenteeEntry]) -> list[Link]:
    """The curator's «не ставить в пару» bans between the given entries."""
    mentor_ids = {mentor.pk for mentor in mentors}
    mentee_ids = {mentee.pk for mentee in mentees}
    found = MatchingConstraint.objects.filter(
        kind=ConstraintKind.FORBID, mentor_id__in=mentor_ids, mentee_id__in=mentee_ids
    ).values_list("mentor_id", "mentee_id")
    return [Link(str(mentor_id), str(mentee_id)) for mentor_id, mentee_id in found]


def excluded_links(mentors: Iterable[MentorEntry], mentees: Iterable[MenteeEntry]) -> set[Link]:
    """Self-pairs and banned pairs among the given entries."""
    mentor_list, mentee_list = list(mentors), list(mentees)
    return {*self_links(mentor_list, mentee_list), *banned_links(mentor_list, mentee_list)}


def refusal(mentor: MentorEntry, mentees: Iterable[MenteeEntry]) -> str:
    """A Russian reason why the mentor may not take these mentees, or "" when the pair is allowed."""
    mentee_list = list(mentees)
    for mentee in mentee_list:
        if mentee.person_id == mentor.person_id:
            return SELF_PAIR.format(name=mentor.person.full_name)
    banned = {int(link.mentee) for link in banned_links([mentor], mentee_list)}
    for mentee in mentee_list:
        if mentee.pk in banned:
            return BANNED_PAIR.format(mentor=mentor.person.short_name, mentee=mentee.person.short_name)
    return ""
