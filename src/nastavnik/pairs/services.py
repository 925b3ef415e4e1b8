"""Pair operations: propose, confirm (capacity-safe), appoint; each owns its transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.common.changes import FIGURES, touch
from nastavnik.common.history import record_updates
from nastavnik.matching import exclusions
from nastavnik.matching.models import Scheme
from nastavnik.pairs.lifecycle import PairError, _user, dissolve, record
from nastavnik.pairs.models import Pair, PairMentee, PairStatus

__all__ = ["PairError", "appoint", "confirm", "discard_proposals", "dissolve", "propose"]


@transaction.atomic
def propose(
    mentor: MentorEntry,
    mentees: Sequence[MenteeEntry],
    scheme: str,
    user: AbstractBaseUser | AnonymousUser | None,
    *,
    score: float | None = None,
    reasons: list[dict[str, Any]] | None = None,
    per_mentee: dict[int, tuple[float | None, list[dict[str, Any]]]] | None = None,
    run: Any = None,
) -> Pair:
    if not mentees:
        raise PairError("В паре должен быть хотя бы один наставляемый.")
    programme = mentor.programme
    for mentee in mentees:
        if mentee.programme_id != programme.pk and programme.organisation.kind not in {"district", "region"}:
            raise PairError(f"{mentee.person.full_name} — участник другой программы.")
    if refused := exclusions.refusal(mentor, mentees):
        raise PairError(refused)
    pair = Pair.objects.create(
        programme=programme,
        programme_form=mentor.programme_form or mentees[0].programme_form,
        mentor=mentor,
        scheme=scheme,
        is_group=len(mentees) > 1 or mentor.takes_group,
        score=score,
        reasons=reasons or [],
        run=run,
        created_by=_user(user),
    )
    details = per_mentee or {}
    PairMentee.objects.bulk_create(
        [
            PairMentee(
                pair=pair, mentee=m, score=details.get(m.pk, (None, []))[0], reasons=details.get(m.pk, (None, []))[1]
            )
            for m in mentees
        ]
    )
    record(pair, PairStatus.PROPOSED, user, from_status="")
    return pair


def _check_people(pair: Pair, mentees: list[MenteeEntry]) -> None:
    mentor = pair.mentor
    if mentor.admission != Admission.ADMITTED:
        raise PairError(f"{mentor.person.full_name} не допущен(а) к наставничеству.")
    for person in [mentor.person, *(m.person for m in mentees)]:
        if not person.has_consent:
            raise PairError(f"{person.full_name}: нет согласия на обработку персональных данных.")
    if refused := exclusions.refusal(mentor, mentees):
        raise PairError(refused)
    for mentee in mentees:
        if mentee.status != MenteeStatus.WAITING:
            raise PairError(
                f"{mentee.person.full_name} уже не ждёт наставника ({mentee.get_status_display().lower()})."
            )


def _take_seats(mentor: MentorEntry, seats: int) -> None:
    # A conditional UPDATE: it succeeds only while free seats remain, whatever else commits meanwhile.
    taken = MentorEntry.objects.filter(pk=mentor.pk, load__lte=F("capacity") - seats).update(load=F("load") + seats)
    if not taken:
        mentor.refresh_from_db(fields=["load", "capacity"])
        raise PairError(
            f"У наставника {mentor.person.full_name} нет свободных мест: занято {mentor.load} из {mentor.capacity}."
        )


@transaction.atomic
def confirm(pair: Pair, user: AbstractBaseUser | AnonymousUser | None) -> Pair:
    """Confirm a proposed pair: seats are taken under a row lock and a CHECK on the mentor's load."""
    pair = Pair.objects.select_for_update().select_related("mentor__person").get(pk=pair.pk)
    if pair.status != PairStatus.PROPOSED:
        raise PairError(f"Подтвердить можно только предложенную пару; эта — «{pair.get_status_display()}».")
    mentor = MentorEntry.objects.select_for_update().select_related("person").get(pk=pair.mentor_id)
    pair.mentor = mentor
    members = list(pair.members.select_related("mentee__person"))
    mentees = [MenteeEntry.objects.select_for_update().select_related("person").get(pk=m.mentee_id) for m in members]
    _check_people(pair, mentees)
    _take_seats(mentor, len(mentees))
    try:
        with transaction.atomic():
            pair.members.update(is_current=True)
    except IntegrityError:
        raise PairError("Один из наставляемых уже закреплён за другим наставником.") from None
    MenteeEntry.objects.filter(pk__in=[m.pk for m in mentees]).update(status=MenteeStatus.MATCHED, priority=False)
    # The conditional updates above keep capacity safe but bypass the history: write it explicitly.
    record_updates(MenteeEntry, [m.pk for m in mentees], user, f"Подтверждение пары №{pair.pk}")
    touch(*FIGURES)  # seats and statuses changed by queryset updates: no model signals
    pair.status = PairStatus.CONFIRMED
    pair.confirmed_by = _user(user)
    pair.confirmed_at = timezone.now()
    pair.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    record(pair, PairStatus.CONFIRMED, user, from_status=PairStatus.PROPOSED)
    return pair


@transaction.atomic
def appoint(
    mentor: MentorEntry,
    mentee: MenteeEntry,
    user: AbstractBaseUser | AnonymousUser | None,
    *,
    score: float | None = None,
    reasons: list[dict[str, Any]] | None = None,
) -> Pair:
    """Scheme 1: the curator picks a mentor for a mentee; the pair is confirmed at once."""
    pair = propose(mentor, [mentee], Scheme.APPOINTMENT, user, score=score, reasons=reasons)
    return confirm(pair, user)


@transaction.atomic
def discard_proposals(programme_id: int, programme_form_id: int | None, scheme: str) -> int:
    """Remove unconfirmed proposals of earlier runs before a new run."""
    stale = Pair.objects.filter(
        programme_id=programme_id, programme_form_id=programme_form_id, scheme=scheme, status=PairStatus.PROPOSED
    )
    count = stale.count()
    stale.delete()
    return count
