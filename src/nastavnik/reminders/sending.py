"""The one send-once mechanism of every reminder: a key is recorded in the same transaction as the
e-mail is handed over, so a reminder (roadmap dates, survey invitations, pair nudges) is never sent twice.

Composers live with the data they read — `programmes.reminders` (roadmap), `surveys.reminders`
(invitations), `pairs.nudges` (pairs) — and send through these functions only."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from nastavnik.reminders.models import SentReminder
from nastavnik.reminders.topics import follows


@dataclass(frozen=True)
class Reminder:
    """A reminder to send once: `key` identifies it for ever (e.g. "roadmap:12:due:2026-11-30:person:5")."""

    key: str
    recipient: str
    subject: str
    body: str


def already_sent(keys: list[str]) -> set[str]:
    """The keys among `keys` whose reminder has been sent."""
    return set(SentReminder.objects.filter(key__in=keys).values_list("key", flat=True))


def send_once(key: str, recipient: str, subject: str, body: str, topic: str | None = None) -> bool:
    """Send `body` to `recipient` unless a reminder with `key` was sent before; True when sent now.

    With a `topic`, a recipient who has chosen his topics and left this one out gets nothing (and
    nothing is recorded, so choosing the topic again lets a later run send it)."""
    if not recipient or not follows(recipient, topic) or SentReminder.objects.filter(key=key).exists():
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key, recipient=recipient, subject=subject[:300])
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
    except IntegrityError:
        # Another run recorded the same key meanwhile.
        return False
    return True


def send_once_for_all(keys: list[str], recipient: str, subject: str, body: str, topic: str | None = None) -> bool:
    """One e-mail carrying several reminders: every key is recorded with it, or none is.

    False when any key was sent before (another run got there first; the next run picks up what
    is left) or there is no recipient.
    """
    if not keys:
        return False
    first, *rest = keys
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create(
                [SentReminder(key=key, recipient=recipient, subject=subject[:300]) for key in rest]
            )
            if not send_once(first, recipient, subject, body, topic):
                raise IntegrityError(first)
    except IntegrityError:
        return False
    return True
