"""The `common.changes.PEOPLE` generation: saves and deletes of who belongs where bump it.

The people list caches its counts under it (`common.paging`). Services that write these rows in bulk
(imports) call `common.changes.touch()`, which bumps every generation.
"""

from __future__ import annotations

from typing import Any

from nastavnik.common.changes import PEOPLE, touch, watch
from nastavnik.orgs.models import Membership, Organisation
from nastavnik.people.models import GuardianLink, Person

WATCHED: tuple[type[Any], ...] = (Person, Membership, Organisation, GuardianLink)


def people_changed(sender: type[Any], **_: Any) -> None:
    touch(PEOPLE)


def connect_signals() -> None:
    watch(WATCHED, people_changed, "people")
