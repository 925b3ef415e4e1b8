"""Operations on the bases: each owns its transaction and leaves an audit trail."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from nastavnik.bases.models import MentorAssessment, MentorEntry


@transaction.atomic
def decide_admission(
    entry: MentorEntry, decision: str, reason: str, user: AbstractBaseUser | AnonymousUser
) -> MentorEntry:
    entry = MentorEntry.objects.select_for_update().get(pk=entry.pk)
    entry.admission = decision
    entry.admission_reason = reason.strip()
    entry.decided_by = user if user.is_authenticated else None  # type: ignore[assignment]
    entry.decided_at = timezone.now()
    entry.save(update_fields=["admission", "admission_reason", "decided_by", "decided_at", "updated_at"])
    return entry


@transaction.atomic
def save_assessment(entry: MentorEntry, user: AbstractBaseUser, values: dict[str, object]) -> MentorAssessment:
    assessment, _ = MentorAssessment.objects.update_or_create(entry=entry, assessor=user, defaults=values)
    return assessment
