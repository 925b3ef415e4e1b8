"""The `common.changes.PEOPLE` generation: saves and deletes of who belongs where bump it.

The people list caches its counts under it (`common.paging`). Services that write these rows in bulk
(imports) call `common.changes.touch()`, which bumps every generation.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from nastavnik.common.changes import PEOPLE, touch
from nastavnik.orgs.models import Membership, Organisation
from nastavnik.people.models import GuardianLink, Person

WATCHED: tuple[type[Any], ...] = (Person, Membership, Organisation, GuardianLink)


def people_changed(sender: type[Any], **_: Any) -> None:
    touch(PEOPLE)


def connect_signals() -> None:
    for model in WATCHED:
        label = model._meta.label
        post_save.connect(people_changed, sender=model, dispatch_uid=f"people-save-{label}")
        post_delete.connect(people_changed, sender=model, dispatch_uid=f"people-delete-{label}")
