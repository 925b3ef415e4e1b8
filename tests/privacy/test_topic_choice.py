"""Data kept by e-mail address (the notification topics, the log of sent reminders) is personal data:
exported, forgotten on erasure and on withdrawal, and every model with an address field is registered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import models

from nastavnik.people import services
from nastavnik.people.models import Person
from nastavnik.privacy.erase import erase_person
from nastavnik.privacy.registry import link_for
from nastavnik.reminders import topics
from nastavnik.reminders.models import SentReminder, TopicChoice
from nastavnik.reminders.sending import send_once
from tests.conftest import World
from tests.privacy.people import DAY, EMAIL, subject
from tests.privacy.scan import find

pytestmark = pytest.mark.django_db

# The person's own row and the account hold the address themselves: export and erasure treat them directly.
ADDRESS_OWNERS = {Person, get_user_model()}
ADDRESS_NAMES = ("email", "e_mail", "mail", "recipient")


def _address_fields(model: type[models.Model]) -> list[str]:
    """Fields that can hold an e-mail address: e-mail fields and text fields named like one."""
    texts = (models.CharField, models.TextField)
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.EmailField)
        or (isinstance(field, texts) and any(name in field.name for name in ADDRESS_NAMES))
    ]


def _chooser(world: World) -> Person:
    """The subject with topics chosen under a differently written address and one reminder sent."""
    person = subject(world).person
    topics.choose("  " + EMAIL.upper(), [topics.MAIN])
    assert send_once("roadmap:test:person", EMAIL, "Новости проекта", "…", topic=topics.MAIN)
    return person


def test_every_model_with_an_address_field_is_registered_by_that_field() -> None:
    missing = []
    for model in apps.get_models():
        if model in ADDRESS_OWNERS or model.__name__.startswith("Historical"):
            continue
        link = link_for(model._meta.label)
        for name in _address_fields(model):
            # A registered link to the person by a foreign key (e.g. an award's «адресат» is the name
            # printed on the certificate of a registered person) covers the row.
            if link is None or not (name in link.emails or link.lookups or link.users):
                missing.append(f"{model._meta.label}.{name}")
    assert missing == []


def test_the_scan_sees_the_topic_choice_model() -> None:
    assert _address_fields(TopicChoice) == ["email"]
    assert _address_fields(SentReminder) == ["recipient"]


def test_the_export_holds_the_chosen_topics_and_the_sent_reminders(world: World, tmp_path: Path) -> None:
    person = _chooser(world)
    target = tmp_path / "person.json"
    call_command("personal-data", "export", "--person", str(person.pk), "--out", str(target))
    records = json.loads(target.read_text(encoding="utf-8"))["records"]
    assert [r["topics"] for r in records["reminders.TopicChoice"]["records"]] == [[topics.MAIN]]
    assert records["reminders.TopicChoice"]["title"] == "выбор тем уведомлений"
    assert [r["subject"] for r in records["reminders.SentReminder"]["records"]] == ["Новости проекта"]


def test_the_export_of_another_person_has_none_of_them(world: World) -> None:
    _chooser(world)
    other = world.people["teacher"]
    assert link_for("reminders.TopicChoice").rows(other).exists() is False  # type: ignore[union-attr]


def test_the_account_address_is_matched_too(world: World) -> None:
    person = world.people["teacher"]
    Person.objects.filter(pk=person.pk).update(email="")
    person.refresh_from_db()
    User.objects.filter(pk=person.user_id).update(email="Account@Example.org")
    topics.choose("account@example.org", [])
    assert list(link_for("reminders.TopicChoice").rows(person).values_list("email", flat=True)) == [  # type: ignore[union-attr]
        "account@example.org"
    ]


def test_erasure_forgets_the_topic_choice_and_the_address_of_sent_reminders(world: World) -> None:
    person = _chooser(world)
    director = User.objects.get(username="director")
    erase_person(person, "Заявление от 01.10.2026", director, DAY)
    assert not TopicChoice.objects.exists()
    assert list(SentReminder.objects.values_list("key", "recipient")) == [("roadmap:test:person", "")]
    assert find([EMAIL, EMAIL.upper()]) == []


def test_two_erased_people_with_topic_choices_do_not_clash(world: World) -> None:
    director = User.objects.get(username="director")
    for name in ("teacher", "mentor"):
        person = world.people[name]
        Person.objects.filter(pk=person.pk).update(email=f"{name}@example.org")
        person.refresh_from_db()
        topics.choose(f"{name}@example.org", [topics.MANAGEMENT])
        erase_person(person, "Заявление от 01.10.2026", director, DAY)
    assert not TopicChoice.objects.exists()


def test_withdrawal_of_consent_forgets_the_topic_choice(world: World) -> None:
    person = _chooser(world)
    services.revoke_consent(person.consents.get(), DAY)
    assert not TopicChoice.objects.exists()
    assert not SentReminder.objects.exclude(recipient="").exists()
