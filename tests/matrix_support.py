"""Shared pieces of the permission matrix: roles, the Spec of one URL, object builders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.conftest import ROLES, World

LOGGED_IN = [r for r in ROLES if r != "anonymous"]
STAFF_READERS = [
    "admin",
    "region",
    "district",
    "other_district",
    "director",
    "curator",
    "working_group",
    "other_curator",
]
MANAGERS = ["admin", "director", "curator", "working_group"]  # of the world's school
SCHOOL_MEMBERS = ["teacher", "mentor", "mentee", "parent"]
OUTSIDERS = ["other_district", "other_curator"]


@dataclass
class Spec:
    """Expected status per role; roles not named get `default`; anonymous users are sent to login."""

    expect: dict[str, int]
    default: int
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    method: str = "get"
    anonymous: int = 302

    def status_for(self, role: str) -> int:
        if role == "anonymous":
            return self.anonymous
        return self.expect.get(role, self.default)


def roles(names: list[str], status: int) -> dict[str, int]:
    return dict.fromkeys(names, status)
