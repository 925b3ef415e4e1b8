"""Send a reminder at most once: the key is recorded in the same transaction as the e-mail is handed over."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from nastavnik.reminders.models import SentReminder


@dataclass(frozen=True)
class Reminder:
    """A reminder to send once: `key` identifies it for ever (e.g. "roadmap:12:due:2026-11-30:person:5")."""

    key: str
    recipient: str
    subject: str
    body: str


def send_once(key: str, recipient: str, subject: str, body: str) -> bool:
    """Send `body` to `recipient` unless a reminder with `key` was sent before; True when sent now."""
    if not recipient or SentReminder.objects.filter(key=key).exists():
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(key=key, recipient=recipient, subject=subject[:300])
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
    except IntegrityError:
        # Another run recorded the same key meanwhile.
        return False
    return True
