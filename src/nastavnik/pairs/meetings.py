"""Scheme 3, the group meeting («Mentor Match»): the event, its speed-meeting schedule,
the participants' ranked choices and the stable matching that turns mutual choices into proposals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F, Q, QuerySet

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.engines.matching import Link, MatchingError, Schedule, StableMentee, StableMentor, schedule, solve_stable
from nastavnik.engines.matching.model import Pair as EnginePair
from nastavnik.matching.exclusions import self_links
from nastavnik.matching.models import (
    ConstraintKind,
    MatchingConstraint,
    MatchingRun,
    Scheme,
    Side,
    SpeedMeeting,
    SpeedMeetingChoice,
    SpeedMeetingMentee,
    SpeedMeetingMentor,
    SpeedMeetingStatus,
)
from nastavnik.matching.profiles import available_mentors, waiting_mentees
from nastavnik.pairs import services
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.people.models import Person
from nastavnik.programmes.models import ProgrammeFormat

NO_CHOICE = "Не выбрал ни одного наставника"
NOBODY_CHOSE = "Никто из выбранных наставников не выбрал этого наставляемого"
FORBIDDEN = "Пары с выбранными наставниками запрещены куратором"
NO_SEATS = "У выбранных наставников нет свободных мест"
BUSY = "Выбранные наставники заняты теми, кого они поставили выше"


class MeetingError(Exception):
    """A refused operation; the message is Russian and shown to the user."""


def _user(user: AbstractBaseUser | AnonymousUser | None) -> Any:
    return user if user is not None and user.is_authenticated else None


# -- the event and its participants --------------------------------------------------------


def mentor_candidates(programme_form: ProgrammeFormat) -> QuerySet[MentorEntry]:
    """Admitted mentors of the form with a free seat: they can come to the meeting."""
    return available_mentors(programme_form).filter(load__lt=F("capacity")).order_by("person__last_name", "id")


def mentee_candidates(programme_form: ProgrammeFormat) -> QuerySet[MenteeEntry]:
    return waiting_mentees(programme_form).order_by("person__last_name", "person__first_name", "id")


@transaction.atomic
def create_meeting(
    programme_form: ProgrammeFormat,
    fields: dict[str, Any],
    mentors: Sequence[MentorEntry],
    mentees: Sequence[MenteeEntry],
    user: AbstractBaseUser | AnonymousUser | None,
) -> SpeedMeeting:
    """Create the meeting; mentors get tables 1…N in the order given, mentees keep theirs."""
    meeting = SpeedMeeting.objects.create(programme_form=programme_form, created_by=_user(user), **fields)
    SpeedMeetingMentor.objects.bulk_create(
        [SpeedMeetingMentor(meeting=meeting, mentor=entry, table=n) for n, entry in enumerate(mentors, start=1)]
    )
    SpeedMeetingMentee.objects.bulk_create([SpeedMeetingMentee(meeting=meeting, mentee=entry) for entry in mentees])
    return meeting


@dataclass(frozen=True)
class Participants:
    """Both sides in schedule order: mentor ``i`` sits at the (i+1)-th table, mentee ``j`` is the j-th."""

    mentors: list[MentorEntry]
    tables: list[int]
    mentees: list[MenteeEntry]

    def side(self, side: str) -> list[MentorEntry] | list[MenteeEntry]:
        return self.mentors if side == Side.MENTOR else self.mentees

    def other_side(self, side: str) -> list[MentorEntry] | list[MenteeEntry]:
        return self.mentees if side == Side.MENTOR else self.mentors


def participants(meeting: SpeedMeeting) -> Participants:
    seats = list(meeting.mentors.select_related("mentor__person").order_by("table"))
    mentees = [row.mentee for row in meeting.mentees.select_related("mentee__person").order_by("id")]
    return Participants([row.mentor for row in seats], [row.table for row in seats], mentees)


def participant_of(meeting: SpeedMeeting, person: Person | None) -> tuple[str, MentorEntry | MenteeEntry] | None:
    """The side and entry under which this person takes part in the meeting, if any."""
    if person is None:
        return None
    seat = meeting.mentors.filter(mentor__person=person).select_related("mentor__person").first()
    if seat is not None:
        return Side.MENTOR, seat.mentor
    place = meeting.mentees.filter(mentee__person=person).select_related("mentee__person").first()
    if place is not None:
        return Side.MENTEE, place.mentee
    return None


def meetings_of(person: Person | None) -> QuerySet[SpeedMeeting]:
    if person is None:
        return SpeedMeeting.objects.none()
    return (
        SpeedMeeting.objects.filter(Q(mentors__mentor__person=person) | Q(mentees__mentee__person=person))
        .distinct()
        .select_related("programme_form__programme__organisation", "programme_form__form")
    )


# -- the speed-meeting schedule ------------------------------------------------------------


def clock(minutes: int) -> str:
    """Minutes from the start as «0:05»."""
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass(frozen=True)
class RoundRow:
    number: int
    start: str
    end: str
    # Per table (in table order): the mentor and the mentee seated there, or None when nobody comes.
    seats: list[tuple[int, MentorEntry, MenteeEntry | None]]
    resting: list[Person]


@dataclass(frozen=True)
class MeetingSchedule:
    plan: Schedule
    rows: list[RoundRow]
    possible: int  # every mentor with every mentee

    @property
    def complete(self) -> bool:
        return self.plan.meetings_count == self.possible


def build_schedule(meeting: SpeedMeeting, people: Participants) -> MeetingSchedule:
    """The engine's schedule with names: rounds × tables, who rests in each round."""
    plan = schedule(len(people.mentors), len(people.mentees), meeting.round_minutes, meeting.total_minutes)
    rows = []
    for round_ in plan.rounds:
        seated = dict(round_.meetings)
        seats = [
            (table, mentor, people.mentees[seated[i]] if i in seated else None)
            for i, (table, mentor) in enumerate(zip(people.tables, people.mentors, strict=True))
        ]
        resting = [people.mentors[i].person for i in round_.mentors_on_break]
        resting += [people.mentees[j].person for j in round_.mentees_on_break]
        start = round_.start_minute
        rows.append(RoundRow(round_.number, clock(start), clock(start + meeting.round_minutes), seats, resting))
    return MeetingSchedule(plan, rows, len(people.mentors) * len(people.mentees))


def route(plan: MeetingSchedule, side: str, entry: MentorEntry | MenteeEntry) -> list[tuple[RoundRow, Any]]:
    """One participant's evening: per round, whom they meet and at which table (None = a break)."""
    steps: list[tuple[RoundRow, Any]] = []
    for row in plan.rows:
        found: tuple[int, Any] | None = None
        for table, mentor, mentee in row.seats:
            if side == Side.MENTOR and mentor.pk == entry.pk:
                found = (table, mentee)
            elif side == Side.MENTEE and mentee is not None and mentee.pk == entry.pk:
                found = (table, mentor)
        steps.append((row, found))
    return steps


# -- ranked choices ------------------------------------------------------------------------


def preferences(meeting: SpeedMeeting) -> dict[tuple[str, int], SpeedMeetingChoice]:
    return {(p.side, p.participant): p for p in meeting.preferences.select_related("entered_by")}


@transaction.atomic
def save_preference(
    meeting: SpeedMeeting,
    side: str,
    participant: int,
    ranking: Sequence[int],
    user: AbstractBaseUser | AnonymousUser | None,
) -> SpeedMeetingChoice:
    """Store one participant's choice (ids of the other side, best first), replacing the earlier one."""
    people = participants(meeting)
    if side not in Side.values or participant not in {e.pk for e in people.side(side)}:
        raise MeetingError("Этот человек не участвует во встрече.")
    if len(set(ranking)) != len(ranking):
        raise MeetingError("Один и тот же человек выбран дважды.")
    allowed = {e.pk for e in people.other_side(side)}
    if not set(ranking) <= allowed:
        raise MeetingError("Выбирать можно только участников встречи с другой стороны.")
    preference, _ = SpeedMeetingChoice.objects.update_or_create(
        meeting=meeting,
        side=side,
        participant=participant,
        defaults={"ranking": list(ranking), "entered_by": _user(user)},
    )
    if meeting.status != SpeedMeetingStatus.PREFERENCES:
        meeting.status = SpeedMeetingStatus.PREFERENCES
        meeting.save(update_fields=["status"])
    return preference


# -- stable matching -----------------------------------------------------------------------


def rank_reasons(mentee_rank: int | None, mentor_rank: int | None, locked: bool) -> list[dict[str, Any]]:
    """Why a pair formed, in Russian: the place each side gave the other."""
    reasons = [{"code": "locked", "text": "Пару закрепил куратор", "points": 0.0}] if locked else []
    if mentee_rank is None:
        reasons.append({"code": "mentee_rank", "text": "Наставляемый не выбирал этого наставника", "points": 0.0})
    else:
        text = f"Наставляемый поставил наставника на {mentee_rank}-е место"
        reasons.append({"code": "mentee_rank", "text": text, "points": 0.0})
    if mentor_rank is None:
        reasons.append({"code": "mentor_rank", "text": "Наставник не выбирал этого наставляемого", "points": 0.0})
    else:
        text = f"Наставник поставил наставляемого на {mentor_rank}-е место"
        reasons.append({"code": "mentor_rank", "text": text, "points": 0.0})
    return reasons


@dataclass(frozen=True)
class StableInput:
    mentors: list[StableMentor]
    mentees: list[StableMentee]
    locked: list[Link]
    forbidden: list[Link]
    mentor_entries: dict[str, MentorEntry]
    mentee_entries: dict[str, MenteeEntry]


def _seats(entry: MentorEntry) -> int:
    return entry.free_seats if entry.admission == Admission.ADMITTED else 0


def stable_input(meeting: SpeedMeeting) -> StableInput:
    """Mentors with their free seats, waiting mentees, the choices and the curator's locks and bans."""
    people = participants(meeting)
    choices = preferences(meeting)
    mentors = {str(e.pk): e for e in people.mentors}
    mentees = {str(e.pk): e for e in people.mentees if e.status == MenteeStatus.WAITING}

    def listed(side: str, entry_id: str, known: dict[str, Any]) -> tuple[str, ...]:
        found = choices.get((side, int(entry_id)))
        return tuple(str(i) for i in (found.ranking if found else []) if str(i) in known)

    locked: list[Link] = []
    forbidden = self_links(mentors.values(), mentees.values())  # never a person with herself
    for item in MatchingConstraint.objects.filter(programme_id=meeting.programme_form.programme_id):
        link = Link(str(item.mentor_id), str(item.mentee_id))
        if link.mentor in mentors and link.mentee in mentees and link not in forbidden:
            (locked if item.kind == ConstraintKind.LOCK else forbidden).append(link)
    return StableInput(
        mentors=[StableMentor(i, _seats(e), listed(Side.MENTOR, i, mentees)) for i, e in mentors.items()],
        mentees=[StableMentee(i, listed(Side.MENTEE, i, mentors)) for i in mentees],
        locked=locked,
        forbidden=forbidden,
        mentor_entries=mentors,
        mentee_entries=mentees,
    )


def unmatched_reason(mentee: StableMentee, data: StableInput) -> str:
    """Why a mentee got nobody: no choice, no mutual choice, bans, no seats, or outranked."""
    if not mentee.prefs:
        return NO_CHOICE
    listed_by = {m.id: m for m in data.mentors if mentee.id in m.prefs}
    mutual = [listed_by[m] for m in mentee.prefs if m in listed_by]
    if not mutual:
        return NOBODY_CHOSE
    banned = {(link.mentor, link.mentee) for link in data.forbidden}
    allowed = [m for m in mutual if (m.id, mentee.id) not in banned]
    if not allowed:
        return FORBIDDEN
    if all(m.capacity == 0 for m in allowed):
        return NO_SEATS
    return BUSY


@transaction.atomic
def compute(meeting: SpeedMeeting, user: AbstractBaseUser | AnonymousUser | None) -> MatchingRun:
    """Mentee-proposing stable matching on the choices; earlier group-meeting proposals of the form go."""
    # The row lock serialises two curators pressing the button at once.
    SpeedMeeting.objects.select_for_update().filter(pk=meeting.pk).exists()
    data = stable_input(meeting)
    try:
        result = solve_stable(data.mentors, data.mentees, data.locked, data.forbidden)
    except MatchingError as error:
        raise MeetingError(f"Подбор невозможен: {error}") from error
    programme_form = meeting.programme_form
    services.discard_proposals(programme_form.programme_id, programme_form.pk, Scheme.GROUP_MEETING)
    run = MatchingRun.objects.create(
        programme_id=programme_form.programme_id,
        programme_form=programme_form,
        scheme=Scheme.GROUP_MEETING,
        settings_snapshot={"meeting": meeting.pk, "locked": len(data.locked), "forbidden": len(data.forbidden)},
        created_by=_user(user),
    )
    _store_proposals(run, data, result.pairs, user)
    by_id = {m.id: m for m in data.mentees}
    run.summary = {
        "matched": len(result.pairs),
        "waiting": len(data.mentees),
        "mentors": len(data.mentors),
        "unmatched": [{"mentee": int(i), "reason": unmatched_reason(by_id[i], data)} for i in result.unmatched],
    }
    run.save(update_fields=["summary"])
    meeting.run, meeting.status = run, SpeedMeetingStatus.MATCHED
    meeting.save(update_fields=["run", "status"])
    return run


def _store_proposals(
    run: MatchingRun, data: StableInput, pairs: Sequence[EnginePair], user: AbstractBaseUser | AnonymousUser | None
) -> None:
    locked = {(link.mentor, link.mentee) for link in data.locked}
    by_mentor: dict[str, list[EnginePair]] = defaultdict(list)
    for pair in pairs:
        by_mentor[pair.mentor].append(pair)
    for mentor_id, chosen in by_mentor.items():
        mentor = data.mentor_entries[mentor_id]
        # A mentor who leads a group gets one group with all their mentees, as in scheme 2.
        for group in [chosen] if mentor.takes_group else [[pair] for pair in chosen]:
            reasons = {
                int(p.mentee): rank_reasons(p.mentee_rank, p.mentor_rank, (p.mentor, p.mentee) in locked) for p in group
            }
            services.propose(
                mentor,
                [data.mentee_entries[p.mentee] for p in group],
                Scheme.GROUP_MEETING,
                user,
                reasons=next(iter(reasons.values())) if len(group) == 1 else [],
                per_mentee={mentee: (None, why) for mentee, why in reasons.items()},
                run=run,
            )


def proposals(meeting: SpeedMeeting) -> QuerySet[Pair]:
    if meeting.run_id is None:
        return Pair.objects.none()
    return (
        Pair.objects.filter(run_id=meeting.run_id)
        .select_related("mentor__person")
        .prefetch_related("members__mentee__person")
        .order_by("mentor__person__last_name", "id")
    )


def confirm_all(meeting: SpeedMeeting, user: AbstractBaseUser | AnonymousUser | None) -> tuple[int, list[str]]:
    """Confirm every proposal of the latest run; each pair in its own transaction, refusals are reported."""
    confirmed, refused = 0, []
    for pair in proposals(meeting).filter(status=PairStatus.PROPOSED):
        try:
            services.confirm(pair, user)
            confirmed += 1
        except services.PairError as error:
            refused.append(str(error))
    return confirmed, refused
