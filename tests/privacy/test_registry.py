"""Every model that names a person is in the privacy registry, so export and erasure cannot miss it."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model

from nastavnik.people.models import Person
from nastavnik.privacy.registry import REGISTRY, link_for

# Models that only hold rows of these name a person through them and must be registered too.
PERSON_BEARERS = {Person, get_user_model()}


def _person_fields(model: type[Model]) -> list[str]:
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return [f.name for f in fields if f.is_relation and f.related_model in PERSON_BEARERS]


def _concrete_models() -> list[type[Model]]:
    # History tables follow their model: the export and the erasure treat them with it.
    return [m for m in apps.get_models() if not m.__name__.startswith("Historical")]


def test_every_foreign_key_to_a_person_or_an_account_is_in_the_registry() -> None:
    missing = []
    for model in _concrete_models():
        link = link_for(model._meta.label)
        for name in _person_fields(model):
            covered = link is not None and any(lookup.split("__")[0] == name for lookup in (*link.lookups, *link.users))
            if not covered:
                missing.append(f"{model._meta.label}.{name}")
    assert missing == []


@pytest.mark.django_db
def test_every_registered_lookup_reaches_an_existing_field() -> None:
    nobody = Person(pk=0, user_id=0)
    for link in REGISTRY:
        assert link.rows(nobody).exists() is False  # a wrong lookup raises FieldError here


def test_the_registry_lists_each_model_once() -> None:
    labels = [link.model for link in REGISTRY]
    assert len(labels) == len(set(labels))
