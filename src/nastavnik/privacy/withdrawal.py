"""Withdrawal of consent stops processing (152-ФЗ art. 9): the cascade behind people.signals.consent_withdrawn.

The person leaves the bases, open pairs are dissolved, contacts, sensitive data, request texts and
free-text answers are deleted (their history rows too), the calendar feed and survey links stop
working. Only the full name, the date of birth and the class stay.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.common.changes import FIGURES, PEOPLE, touch
from nastavnik.diary.models import IndividualPlan, MeetingRating, PairEvaluation
from nastavnik.pairs import lifecycle
from nastavnik.pairs.models import HOLDING_STATUSES, MentorChangeRequest, Pair, PairStatus
from nastavnik.people.models import Person, SensitiveInfo
from nastavnik.privacy.registry import REGISTRY
from nastavnik.programmes.models import CalendarFeed
from nastavnik.surveys.models import Invitation, Response, new_token

WITHDRAWAL_REASON = "отзыв согласия"
MENTEE_TEXTS = ("area", "goal", "desired_result", "preferred_time", "interests", "comment")
MENTOR_TEXTS = ("interests", "availability", "motivation")
FREE_TEXT_KINDS = frozenset({"text", "choose_k"})

User = Any


def on_consent_withdrawn(
    sender: object, person: Person, on: datetime.date, by: User = None, **_: Any
) -> dict[str, int]:
    return stop_processing(person, on, by, WITHDRAWAL_REASON)


@transaction.atomic
def stop_processing(
    person: Person,
    on: datetime.date,
    by: AbstractBaseUser | AnonymousUser | None,
    reason: str,
    *,
    keep_admission: bool = False,
) -> dict[str, int]:
    """Stop every processing of the person's data; returns what was done, by kind, for the message."""
    summary = {"pairs": dissolve_open_pairs(person, by, reason)}
    summary["entries"] = withdraw_entries(person, on, by, reason, keep_admission=keep_admission)
    forget_addresses(person)
    clear_contacts(person)
    summary["sensitive"] = delete_sensitive(person)
    clear_free_texts(person)
    summary["links"] = stop_links(person)
    return summary


def _person_pairs(person: Person) -> Any:
    return Pair.objects.filter(
        Q(mentor__person=person) | Q(members__mentee__person=person, members__is_current=True)
    ).distinct()


def dissolve_open_pairs(person: Person, by: AbstractBaseUser | AnonymousUser | None, reason: str) -> int:
    """Living pairs are dissolved through the lifecycle; proposals (which hold no seat) are dropped."""
    count = 0
    for pair in _person_pairs(person).filter(status__in=HOLDING_STATUSES):
        lifecycle.dissolve(pair, reason, by)
        count += 1
    proposed = list(_person_pairs(person).filter(status=PairStatus.PROPOSED).values_list("pk", flat=True))
    Pair.objects.filter(pk__in=proposed).delete()
    return count + len(proposed)


def withdraw_entries(person: Person, on: datetime.date, by: Any, reason: str, *, keep_admission: bool = False) -> int:
    note = f"Выбыл из базы {on:%d.%m.%Y}: {reason}"
    open_mentee = MenteeEntry.objects.filter(person=person, status__in=[MenteeStatus.WAITING, MenteeStatus.MATCHED])
    count = open_mentee.update(status=MenteeStatus.WITHDRAWN, priority=False)
    MenteeEntry.objects.filter(person=person).update(**dict.fromkeys(MENTEE_TEXTS, ""))
    MenteeEntry.objects.filter(person=person, status=MenteeStatus.WITHDRAWN).update(comment=note)
    mentors = MentorEntry.objects.filter(person=person)
    mentors.update(**dict.fromkeys(MENTOR_TEXTS, ""))
    if not keep_admission:
        user = by if by is not None and by.is_authenticated else None
        count += mentors.exclude(admission=Admission.REJECTED).update(
            admission=Admission.REJECTED, admission_reason=note, decided_at=timezone.now(), decided_by=user
        )
    _blank_history(MenteeEntry, {"person_id": person.pk}, MENTEE_TEXTS)
    _blank_history(MentorEntry, {"person_id": person.pk}, MENTOR_TEXTS)
    touch(*FIGURES)  # entries withdrawn by queryset updates: no model signals
    return count


def forget_addresses(person: Person) -> None:
    """Rows keyed by the person's e-mail address (registry links with `emails`) lose it before the contacts go:
    a row whose address is its unique key (the notification topics) is deleted, in others the address is
    emptied (a sent reminder keeps its key, so it is never sent again)."""
    for link in REGISTRY:
        if not link.emails:
            continue
        rows = link.rows(person)
        model = link.model_class
        if any(getattr(model._meta.get_field(name), "unique", False) for name in link.emails):
            model._base_manager.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
        else:
            model._base_manager.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
                **dict.fromkeys(link.emails, "")
            )


def clear_contacts(person: Person) -> None:
    person.email, person.phone = "", ""
    person.refresh_search_text()
    Person.objects.filter(pk=person.pk).update(email="", phone="", search_text=person.search_text)
    touch(PEOPLE)  # the search text changed by a queryset update: no model signal
    Person.history.filter(id=person.pk).update(email="", phone="")
    if person.user_id is not None:
        get_user_model().objects.filter(pk=person.user_id).update(email="")


def delete_sensitive(person: Person) -> int:
    deleted, _ = SensitiveInfo.objects.filter(person=person).delete()
    SensitiveInfo.history.filter(person_id=person.pk).delete()
    return deleted


def clear_free_texts(person: Person) -> None:
    """Texts the person wrote: ratings, evaluations, change requests, the goals in plans, survey answers."""
    MeetingRating.objects.filter(person=person).update(comment="")
    PairEvaluation.objects.filter(author=person).update(comment="")
    MentorChangeRequest.objects.filter(person=person).update(reason="")
    plans = IndividualPlan.objects.filter(member__mentee__person=person)
    plans.update(goals="")
    IndividualPlan.history.filter(id__in=list(plans.values_list("pk", flat=True))).update(goals="")
    for response in Response.objects.filter(person=person).select_related("version"):
        kept = strip_free_text(response.version.questions(), response.answers)
        if kept != response.answers:
            response.answers = kept
            response.save(update_fields=["answers"])


def strip_free_text(questions: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers without anything typed by hand: text questions, «другое» texts, sentence completions."""
    kinds = {str(q.get("id")): q.get("type") for q in questions}
    kept: dict[str, Any] = {}
    for key, value in answers.items():
        if kinds.get(key) in FREE_TEXT_KINDS or isinstance(value, dict):
            continue
        if isinstance(value, list):
            value = [item for item in value if not isinstance(item, dict)]
        kept[key] = value
    return kept


def stop_links(person: Person) -> int:
    """The calendar address is revoked and unanswered survey links get a token nobody was sent."""
    deleted, _ = CalendarFeed.objects.filter(person=person).delete()
    invitations = list(Invitation.objects.filter(person=person, answered_at__isnull=True))
    for invitation in invitations:
        invitation.token = new_token()
    Invitation.objects.bulk_update(invitations, ["token"])
    return deleted + len(invitations)


def _blank_history(model: Any, lookup: dict[str, Any], fields: tuple[str, ...]) -> None:
    model.history.filter(**lookup).update(**dict.fromkeys(fields, ""))
