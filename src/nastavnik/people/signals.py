"""Signals of the people app that higher apps listen to (people never imports them)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by people.services.revoke_consent, inside its transaction, when the person is left without any
# valid consent. Arguments: person, on (the date of withdrawal), by (the user or None).
consent_withdrawn = Signal()
