"""Notification topics a person follows: read by `send_once`, written by the page «Мои уведомления»."""

from __future__ import annotations

from nastavnik.reminders.models import TopicChoice

# The codes of the two general topics of source 000 (§8 item 9; growth workshops' reference data):
# «Основная» (news of the project) and «Управленческая» (for directors and coordinators).
MAIN = "main"
MANAGEMENT = "management"


def _key(email: str) -> str:
    return email.strip().lower()


def chosen(email: str) -> list[str] | None:
    """The topics chosen by the owner of `email`, or None when he never chose (then every topic)."""
    row = TopicChoice.objects.filter(email=_key(email)).first()
    return None if row is None else list(row.topics)


def follows(email: str, topic: str | None) -> bool:
    """A reminder without a topic always goes; one with a topic goes to those who follow it."""
    if topic is None:
        return True
    topics = chosen(email)
    return topics is None or topic in topics


def choose(email: str, topics: list[str]) -> None:
    TopicChoice.objects.update_or_create(email=_key(email), defaults={"topics": sorted(set(topics))})
