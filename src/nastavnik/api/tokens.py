"""Issuing, revoking and checking API keys.

A key is 40 random URL-safe characters; the database keeps only its SHA-256, so a leaked
database does not give working keys. A user has at most one key: a new one replaces the old.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nastavnik.api.models import ApiToken

# The time of the last use is written at most this often (not on every request of a busy script).
LAST_USED_STEP = datetime.timedelta(minutes=1)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@transaction.atomic
def create(user: User) -> str:
    """A new key for the user (the previous one stops working); returns the key, which is not stored."""
    key = secrets.token_urlsafe(30)
    ApiToken.objects.filter(user=user).delete()
    ApiToken.objects.create(user=user, key_hash=digest(key), prefix=key[:6])
    return key


def revoke(user: User) -> bool:
    """Deletes the user's key; False when there was none."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)


def token_for(key: str) -> ApiToken | None:
    """The key of an active user, or None; notes the time of use."""
    if not key or len(key) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=digest(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
