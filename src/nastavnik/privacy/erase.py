"""Erasure (152-ФЗ art. 21): the person's data is anonymised in place, so that figures stay the same.

The Person row stays (pairs, meetings, ratings and indicators keep pointing to it) under the name
«Участник удалён №<id>»; the e-mail, phone and date of birth are emptied; the account is disabled and
renamed; history rows that held the data are deleted; every text column that quoted the person's
full name, e-mail or phone is rewritten. The ErasureRecord keeps who erased whom (ids), when and why.
"""

from __future__ import annotations

import datetime
import json
import re
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
from nastavnik.imports.columns import header_key
from nastavnik.imports.models import ImportBatch, ImportStatus
from nastavnik.imports.validation import name_keys
from nastavnik.orgs.models import Membership
from nastavnik.people.models import Consent, Person, SensitiveInfo
from nastavnik.privacy.models import ErasureRecord
from nastavnik.privacy.withdrawal import stop_processing
from nastavnik.surveys.models import AnswerImport

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
    """Stored import data loses the person: their rows in people-import batches (checked rows, the sheet kept
    for the mapping step, the skipped rows), their rows in survey answer imports, the messages about those
    rows, and every class-teacher name written as text that names them."""
    org_ids = set(Membership.objects.filter(person=person).values_list("organisation_id", flat=True))
    org_ids.add(person.organisation_id or 0)
    matcher = _Matcher(person)
    for batch in ImportBatch.objects.filter(organisation_id__in=org_ids):
        _scrub_people_batch(batch, matcher)
    for answers in AnswerImport.objects.filter(campaign__organisation_id__in=org_ids):
        _scrub_answer_import(answers, matcher)
    _clear_class_teacher_names(person, org_ids)


class _Matcher:
    """Recognises the person in spreadsheet rows and rewrites texts that name them."""

    def __init__(self, person: Person) -> None:
        self.label = anonymous_name(person.pk)
        self.last, self.first = fold(person.last_name.strip()), fold(person.first_name.strip())
        forms = [form for form in _name_patterns(person.last_name, person.first_name, person.middle_name) if form]
        self.names = re.compile("|".join(forms), re.IGNORECASE) if forms else None
        self.contacts = [fold(text) for text in (person.email, person.phone) if text]
        birth = person.birth_date
        self.births = set()
        if birth:
            serial = (birth - datetime.date(1899, 12, 30)).days
            self.births = {birth.isoformat(), birth.strftime("%d.%m.%Y"), f"{birth.day}.{birth.month}.{birth.year}"}
            self.births.add(str(serial))

    def owns(self, texts: list[str]) -> bool:
        """Whether a row (its cells as text) is the person's: their name (in one cell or in two), and their
        birth date when the row has a date; or their e-mail or phone."""
        folded = [fold(" ".join(text.split())) for text in texts if text]
        if any(contact in text for contact in self.contacts for text in folded):
            return True
        named = bool(self.names and any(self.names.search(text) for text in folded))
        named = named or (bool(self.last and self.first) and self.last in folded and self.first in folded)
        if not named or not self.births:
            return named
        dated = [text for text in folded if DATE_LIKE.search(text)]
        return not dated or any(birth in text for birth in self.births for text in dated)

    def rewrite(self, text: str) -> str:
        if self.names is not None:
            text = self.names.sub(self.label, text)
        for contact in self.contacts:
            text = re.sub(re.escape(contact), "", text, flags=re.IGNORECASE)
        return text

    def blank_row(self, cells: list[Any]) -> list[Any]:
        """The person's row: the first cell says who was here, the others are emptied."""
        return [self.label if index == 0 else "" for index in range(len(cells))]


DATE_LIKE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|^\d{5}$")


def _name_patterns(last: str, first: str, middle: str) -> list[str]:
    """«Фамилия Имя Отчество», «Фамилия Имя», «Имя Фамилия», «Фамилия И. О.», «Фамилия И.», any case, ё = е."""

    def word(text: str) -> str:
        return "".join("[её]" if char in "её" else re.escape(char) for char in fold(text.strip()))

    if len(last.strip()) < 2 or not first.strip():
        return []
    space = r"\s+"
    initials = rf"{word(first[0])}\.\s*(?:{word(middle[0])}\.?)?" if middle.strip() else rf"{word(first[0])}\."
    return [
        rf"{word(last)}{space}{word(first)}(?:{space}{word(middle)})?" if middle.strip() else "",
        rf"{word(last)}{space}{word(first)}",
        rf"{word(first)}{space}{word(last)}",
        rf"{word(last)}{space}{initials}",
    ]


def _cell_texts(cells: Any) -> list[str]:
    if not isinstance(cells, list):
        return []
    return [json.dumps(cell, ensure_ascii=False) if isinstance(cell, dict) else str(cell) for cell in cells if cell]


def _rewrite_json(value: Any, matcher: _Matcher) -> Any:
    if isinstance(value, str):
        return matcher.rewrite(value)
    if isinstance(value, list):
        return [_rewrite_json(item, matcher) for item in value]
    if isinstance(value, dict):
        return {key: _rewrite_json(item, matcher) for key, item in value.items()}
    return value


def _scrub_entries(entries: Any, lines: set[int], matcher: _Matcher) -> Any:
    """Messages about the person's rows are replaced; the others lose any quoted name (a class teacher's)."""
    scrubbed = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("line") in lines:
            entry = {**entry, "message": f"строка {entry['line']}: данные удалены по заявлению"}
        scrubbed.append(_rewrite_json(entry, matcher))
    return scrubbed


def _scrub_people_batch(batch: ImportBatch, matcher: _Matcher) -> None:
    lines: set[int] = set()
    rows = []
    for row in batch.rows if isinstance(batch.rows, list) else []:
        data = row.get("data", row) if isinstance(row, dict) else {}
        values = [str(value) for value in data.values() if isinstance(value, str | int) and value]
        if isinstance(row, dict) and matcher.owns([*_cell_texts(row.get("cells")), *values]):
            lines.add(row.get("line", 0))
            row = {**row, "cells": matcher.blank_row(row.get("cells") or [])}
            blanked = {key: "" for key in IMPORT_NAME_KEYS if key in data}
            if "data" in row:
                row["data"] = {**data, **blanked, "last_name": matcher.label}
            else:
                row.update({**blanked, "last_name": matcher.label})
        rows.append(_rewrite_json(row, matcher))
    source = dict(batch.source or {})
    if source.get("rows"):
        source["rows"] = _scrub_sheet_rows(source["rows"], lines, matcher)
    batch.rows, batch.source = rows, _rewrite_json(source, matcher)
    batch.errors = _scrub_entries(batch.errors, lines, matcher)
    batch.warnings = _scrub_entries(batch.warnings, lines, matcher)
    fields = ["rows", "source", "errors", "warnings"]
    if batch.upload:
        # A big file not yet read by the worker: its bytes cannot be searched, so the upload is dropped.
        batch.upload, batch.status = b"", ImportStatus.DISCARDED
        batch.message = "Файл удалён вместе с персональными данными человека — загрузите его заново."
        fields += ["upload", "status", "message"]
    batch.save(update_fields=fields)


def _scrub_sheet_rows(rows: Any, lines: set[int], matcher: _Matcher) -> list[Any]:
    """Rows kept as [line, [cells]]: the person's own (by line or by content) are blanked."""
    scrubbed = []
    for item in rows if isinstance(rows, list) else []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], list):
            line, cells = item
            if line in lines or matcher.owns(_cell_texts(cells)):
                lines.add(line)
                cells = matcher.blank_row(cells)
            item = [line, cells]
        scrubbed.append(item)
    return scrubbed


def _scrub_answer_import(answers: AnswerImport, matcher: _Matcher) -> None:
    lines: set[int] = set()
    answers.rows = _rewrite_json(_scrub_sheet_rows(answers.rows, lines, matcher), matcher)
    answers.errors = _scrub_entries(answers.errors, lines, matcher)
    answers.summary = _rewrite_json(answers.summary, matcher)
    answers.save(update_fields=["rows", "errors", "summary"])


def _clear_class_teacher_names(person: Person, org_ids: set[int]) -> None:
    """«Соколова Е. И.» typed in a pupils' file as the class teacher, not (yet) linked: the text goes."""
    keys = name_keys(person.last_name, person.first_name, person.middle_name)
    for model in (Membership, Membership.history.model):
        texts = (
            model.objects.filter(organisation_id__in=org_ids)
            .exclude(class_teacher_name="")
            .values_list("class_teacher_name", flat=True)
            .distinct()
        )
        naming = [text for text in texts if header_key(text) in keys]
        if naming:
            model.objects.filter(organisation_id__in=org_ids, class_teacher_name__in=naming).update(
                class_teacher_name=""
            )


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
