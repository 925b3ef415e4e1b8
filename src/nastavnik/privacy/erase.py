"""Erasure (152-ФЗ art. 21): the person's data is anonymised in place, so that figures stay the same.

The Person row stays (pairs, meetings, ratings and indicators keep pointing to it) under the name
«Участник удалён №<id>»; the e-mail, phone and date of birth are emptied; the account is disabled and
renamed; history rows that held the data are deleted; every text column that quoted the person's
full name, e-mail or phone is rewritten. The ErasureRecord keeps who erased whom (ids), when and why.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Replace

from nastavnik.common.text import fold
from nastavnik.imports.models import ImportBatch
from nastavnik.orgs.models import Membership
from nastavnik.people.models import Consent, Person, SensitiveInfo
from nastavnik.privacy.models import ErasureRecord
from nastavnik.privacy.withdrawal import stop_processing

ERASURE_REASON = "удаление персональных данных"
IMPORT_NAME_KEYS = ("last_name", "first_name", "middle_name", "email", "phone", "birth_date")


def anonymous_name(person_id: int) -> str:
    return f"Участник удалён №{person_id}"


def is_erased(person: Person) -> bool:
    return ErasureRecord.objects.filter(person_id=person.pk).exists()


@transaction.atomic
def erase_person(
    person: Person, reason: str, by: AbstractBaseUser | AnonymousUser | None, on: datetime.date
) -> ErasureRecord:
    """Anonymise the person everywhere; `reason` must not be blank (the caller checks it)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    replacements = _replacements(person)
    stop_processing(person, on, by, ERASURE_REASON, keep_admission=True)
    Consent.objects.filter(person=person, revoked_on__isnull=True).update(revoked_on=on)
    Consent.objects.filter(person=person).update(guardian_name="", document="")
    _scrub_imports(person)
    _anonymise_person(person)
    _anonymise_user(person)
    actor = by.pk if by is not None and by.is_authenticated else None
    record = ErasureRecord.objects.create(person_id=person.pk, actor_id=actor, reason=reason.strip())
    _purge_history(person)
    _rewrite_texts(replacements)
    return record


def _replacements(person: Person) -> list[tuple[str, str]]:
    """(old text, new text), longest first: name forms become the anonymous name, contacts vanish."""
    label = anonymous_name(person.pk)
    names = {person.full_name, f"{person.last_name} {person.first_name}", f"{person.first_name} {person.last_name}"}
    names |= {person.short_name, f"{person.last_name} {person.first_name[:1]}."}
    pairs = [(name, label) for name in names if len(name.strip()) > 3]
    pairs += [(contact, "") for contact in (person.email, person.phone) if contact]
    user = person.user
    if user is not None:
        account = f"{user.first_name} {user.last_name}".strip()
        pairs += [(account, label)] if len(account) > 3 else []
        pairs += [(user.email, "")] if user.email else []
    pairs += [(fold(old), fold(new)) for old, new in pairs]
    return sorted(set(pairs), key=lambda pair: -len(pair[0]))


def _anonymise_person(person: Person) -> None:
    person.last_name = anonymous_name(person.pk)
    person.first_name = person.middle_name = person.email = person.phone = ""
    person.birth_date = None
    person.has_consent = False
    person.save()


def _anonymise_user(person: Person) -> None:
    if person.user_id is None:
        return
    user = get_user_model().objects.get(pk=person.user_id)
    user.username = f"deleted-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def _purge_history(person: Person) -> None:
    Person.history.filter(id=person.pk).delete()
    Consent.history.filter(person_id=person.pk).delete()
    SensitiveInfo.history.filter(person_id=person.pk).delete()
    Membership.history.filter(person_id=person.pk).delete()
    for content_type in ContentType.objects.get_for_models(Person, get_user_model()).values():
        object_id = person.pk if content_type.model_class() is Person else person.user_id
        LogEntry.objects.filter(content_type=content_type, object_id=str(object_id)).update(
            object_repr=anonymous_name(person.pk), change_message=""
        )


def _scrub_imports(person: Person) -> None:
    """Import batches keep the spreadsheet rows as JSON: the person's row loses its identifying cells."""
    birth = person.birth_date.isoformat() if person.birth_date else None
    org_ids = set(Membership.objects.filter(person=person).values_list("organisation_id", flat=True))
    org_ids.add(person.organisation_id or 0)
    for batch in ImportBatch.objects.filter(organisation_id__in=org_ids):
        changed = False
        for row in batch.rows:
            if _same_person(row, person, birth):
                row.update({key: "" for key in IMPORT_NAME_KEYS if key in row})
                row["last_name"] = anonymous_name(person.pk)
                changed = True
        # A batch not yet saved keeps the whole sheet for the column mapping step: it is dropped (the preview stays).
        if batch.source and person.last_name and person.last_name in json.dumps(batch.source, ensure_ascii=False):
            batch.source = {}
            changed = True
        if changed:
            batch.save(update_fields=["rows", "source"])


def _same_person(row: Any, person: Person, birth: str | None) -> bool:
    if not isinstance(row, dict) or row.get("last_name") != person.last_name:
        return False
    if row.get("first_name") not in (None, "", person.first_name):
        return False
    return row.get("birth_date") in (None, "", birth)


TEXT_FIELDS = (models.CharField, models.TextField)


def _text_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS) and not f.primary_key]


def _rewrite_texts(replacements: list[tuple[str, str]]) -> None:
    """Every text column of every table (history tables included) loses the quoted name forms and contacts."""
    if not replacements:
        return
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in _text_fields(model):
            _rewrite_column(model, field, replacements)


def _rewrite_column(model: type[models.Model], field: str, replacements: list[tuple[str, str]]) -> None:
    any_token = Q(pk__in=[])
    for old, _new in replacements:
        any_token |= Q(**{f"{field}__contains": old})
    rows = model._base_manager.filter(any_token)
    if not rows.exists():
        return
    for old, new in replacements:
        rows.filter(**{f"{field}__contains": old}).update(**{field: Replace(F(field), Value(old), Value(new))})
