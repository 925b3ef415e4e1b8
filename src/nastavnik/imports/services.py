"""Import operations: check a table into a preview batch, then commit the batch in one transaction.

The commit writes in bulk (10 000 rows in seconds) through django-simple-history's bulk helpers,
so the audit log still shows every person, membership and consent with the user who imported
the file. Existing people are found by organisation + ФИО + birth date (any case, ё = е):
re-importing a file updates them and never creates duplicates.

Every lookup is restricted to the keys of the file (birth dates, person ids) in chunked IN
queries, so saving 2 rows costs the same in a 50-pupil and a 49 000-pupil school. All-or-nothing
is the default; with `skip_invalid` the rows with errors are left out and kept on the batch for
the «skipped rows» XLSX.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from nastavnik.common.changes import touch
from nastavnik.imports.columns import Table
from nastavnik.imports.models import ImportBatch, ImportKind, ImportStatus
from nastavnik.imports.progress import Reporter
from nastavnik.imports.validation import (
    Context,
    ExistingPerson,
    PersonKey,
    header_key,
    name_keys,
    org_identifier,
    person_key,
)
from nastavnik.imports.validation import validate as validate_table
from nastavnik.orgs.models import MANAGING_ROLES, Membership, Organisation, Role
from nastavnik.people.models import Consent, Person

User = AbstractBaseUser | AnonymousUser
BATCH_SIZE = 500
# Rows per bulk call of a background save: progress is reported after each.
PROGRESS_CHUNK = 2000
# Ids or dates per IN (...) query: well under SQLite's and PostgreSQL's parameter limits.
CHUNK = 500
TEACHING_ROLES = {Role.TEACHER, *MANAGING_ROLES}
MEMBERSHIP_ROLE = {ImportKind.STUDENTS: Role.STUDENT, ImportKind.STAFF: Role.TEACHER}
MEMBERSHIP_FIELDS = {
    ImportKind.STUDENTS: ("grade", "class_letter", "class_teacher_id", "class_teacher_name"),
    ImportKind.STAFF: ("position", "subjects", "experience_years", "category"),
}
ALREADY_COMMITTED = "Этот файл уже загружен в базу. Повторная загрузка ничего не изменила."


class CommitRefused(Exception):
    """The batch cannot be committed; the message is Russian and nothing was written."""


# -- preview ---------------------------------------------------------------------------------------


def _organisation_people(organisation: Organisation) -> Any:
    return Person.objects.filter(Q(organisation=organisation) | Q(memberships__organisation=organisation)).distinct()


def chunks(values: list[Any], size: int = CHUNK) -> list[list[Any]]:
    return [values[start : start + size] for start in range(0, len(values), size)]


def existing_people(organisation: Organisation, keys: set[PersonKey]) -> dict[PersonKey, ExistingPerson]:
    """The organisation's people with these keys; of two identical records the older one wins.

    Only the birth dates of the file are read (chunked IN queries), never the whole school.
    """
    births = {key[3] for key in keys}
    dates = sorted(datetime.date.fromisoformat(birth) for birth in births if birth)
    people = _organisation_people(organisation)
    queries = [people.filter(birth_date__in=chunk) for chunk in chunks(dates)]
    if "" in births:
        queries.append(people.filter(birth_date__isnull=True))
    records = [
        record
        for query in queries
        for record in query.values_list("id", "last_name", "first_name", "middle_name", "birth_date", "has_consent")
    ]
    found: dict[PersonKey, tuple[int, bool]] = {}
    for pk, last, first, middle, birth, consent in sorted(records, reverse=True):
        key = person_key(last, first, middle, birth.isoformat() if birth else None)
        if key in keys:
            found[key] = (pk, consent)
    classes = _student_classes(organisation, [pk for pk, _ in found.values()])
    return {key: ExistingPerson(pk, consent, *classes.get(pk, (None, False))) for key, (pk, consent) in found.items()}


def _student_classes(organisation: Organisation, ids: list[int]) -> dict[int, tuple[tuple[int | None, str], bool]]:
    """person id → (their class, whether a class teacher is set) for the organisation's pupils among `ids`."""
    classes: dict[int, tuple[tuple[int | None, str], bool]] = {}
    memberships = Membership.objects.filter(organisation=organisation, role=Role.STUDENT)
    for chunk in chunks(ids):
        for pk, grade, letter, teacher, name in memberships.filter(person_id__in=chunk).values_list(
            "person_id", "grade", "class_letter", "class_teacher_id", "class_teacher_name"
        ):
            classes[pk] = ((grade, letter), bool(teacher or name))
    return classes


def organisation_teachers(organisation: Organisation) -> dict[str, set[int]]:
    teachers: dict[str, set[int]] = {}
    memberships = Membership.objects.filter(organisation=organisation, role__in=TEACHING_ROLES, is_active=True)
    for pk, last, first, middle in memberships.values_list(
        "person_id", "person__last_name", "person__first_name", "person__middle_name"
    ):
        for key in name_keys(last, first, middle):
            teachers.setdefault(key, set()).add(pk)
    return teachers


def build_context(organisation: Organisation, kind: str) -> Context:
    names = {organisation.short_name, organisation.name, organisation.slug, organisation.inn}
    return Context(
        kind=kind,
        organisation_kind=organisation.kind,
        organisation_names={org_identifier(name) for name in names if name},
        find_existing=lambda keys: existing_people(organisation, keys),
        teachers=organisation_teachers(organisation) if kind == ImportKind.STUDENTS else {},
    )


def prepare_batch(*, organisation: Organisation, kind: str, table: Table, filename: str, user: User) -> ImportBatch:
    """Check every row and keep the result as a batch waiting for the commit."""
    outcome = validate_table(table, build_context(organisation, kind))
    uploaded_by: Any = user if user.is_authenticated else None
    return ImportBatch.objects.create(
        organisation=organisation,
        kind=kind,
        filename=filename[:255],
        uploaded_by=uploaded_by,
        rows=outcome.rows,
        errors=outcome.errors,
        warnings=outcome.warnings,
        summary=outcome.summary,
    )


# -- commit ----------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What the commit will write, gathered before the first INSERT."""

    new_people: list[Person] = field(default_factory=list)
    changed_people: dict[int, Person] = field(default_factory=dict)
    changed_fields: set[str] = field(default_factory=set)
    # one entry per row: the Person object (saved or about to be) and its clean data
    targets: list[tuple[Person, dict[str, Any]]] = field(default_factory=list)
    consents: list[tuple[Person, dict[str, Any]]] = field(default_factory=list)
    created_ids: set[int] = field(default_factory=set)


def loadable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows a commit writes: no errors, not merged into an earlier row."""
    return [row for row in rows if not row.get("error") and row.get("merged_into") is None]


def check_status(batch: ImportBatch) -> None:
    if batch.status in (ImportStatus.QUEUED, ImportStatus.RUNNING):
        raise CommitRefused("Этот файл уже загружается в базу — дождитесь окончания.")
    if batch.status == ImportStatus.MAPPING:
        raise CommitRefused("Сначала сопоставьте столбцы файла с полями — затем файл будет проверен.")
    if batch.status != ImportStatus.PREVIEW:
        raise CommitRefused(ALREADY_COMMITTED)


def check_rows(batch: ImportBatch, skip_invalid: bool) -> None:
    """Refuse (in Russian) a batch whose rows cannot be written as asked."""
    if batch.errors and not skip_invalid:
        raise CommitRefused(
            "В файле есть ошибки: исправьте их и загрузите файл заново или выберите «загрузить корректные строки, "
            "пропустить ошибочные». В базу ничего не записано."
        )
    if not loadable(batch.rows):
        raise CommitRefused(
            "В файле нет корректных строк для загрузки." if batch.rows else "В файле нет строк для загрузки."
        )


def commit_batch(
    batch_id: int,
    user: User,
    *,
    skip_invalid: bool = False,
    status: str = ImportStatus.PREVIEW,
    reporter: Reporter | None = None,
) -> ImportBatch:
    """Write a checked batch in one transaction; a second commit of the same batch is refused.

    `status` is the state the batch must be in: PREVIEW for a commit from the page, RUNNING for the worker,
    which passes a `reporter` for the progress (written outside the transaction, see `progress`).
    """
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().select_related("organisation").get(pk=batch_id)
        if batch.status != status:
            check_status(batch)
            raise CommitRefused(ALREADY_COMMITTED)
        check_rows(batch, skip_invalid)
        counts = _Writer(batch, user, reporter).run()
        touch()  # people and memberships were written in bulk: no model signals
        skipped = [row for row in batch.rows if row.get("error")]
        batch.status = ImportStatus.COMMITTED
        batch.committed_at = timezone.now()
        batch.skip_invalid = skip_invalid
        batch.summary = {**batch.summary, **counts, "skipped": len(skipped)}
        # The people now live in their own tables (with history); the batch keeps only the counts and the
        # skipped rows (for the «skipped rows» XLSX), so loaded personal data does not linger in a JSON copy.
        batch.rows = skipped
        batch.source = {}  # the sheet kept for the mapping step holds the same personal data
        batch.progress, batch.message = 100, "Готово"
        fields = ["status", "committed_at", "skip_invalid", "summary", "rows", "source", "progress", "message"]
        batch.save(update_fields=fields)
    return batch


class _Writer:
    def __init__(self, batch: ImportBatch, user: User, reporter: Reporter | None = None) -> None:
        self.batch = batch
        self.reporter = reporter
        self.organisation = batch.organisation
        self.kind = batch.kind
        self.user: Any = user if user.is_authenticated else None
        self.reason = f"Импорт из файла «{batch.filename}»"[:100]
        self.now = timezone.now()
        self.rows = loadable(batch.rows)

    def history(self) -> dict[str, Any]:
        return {"batch_size": BATCH_SIZE, "default_user": self.user, "default_change_reason": self.reason}

    def stage(self, low: int, high: int, message: str) -> None:
        if self.reporter is not None:
            self.reporter.stage(low, high, message)

    def in_chunks(self, objects: list[Any], write: Any) -> None:
        """`write` each slice of `objects`, reporting the progress of the current stage after each."""
        for start in range(0, len(objects), PROGRESS_CHUNK):
            write(objects[start : start + PROGRESS_CHUNK])
            if self.reporter is not None:
                self.reporter.step(start + PROGRESS_CHUNK, len(objects))

    def run(self) -> dict[str, int]:
        self.stage(0, 10, "Сверяем строки файла с базой")
        plan = self.plan()
        for person in [*plan.new_people, *plan.changed_people.values()]:
            person.refresh_search_text()
        self.stage(10, 45, "Записываем новых людей")
        self.in_chunks(plan.new_people, lambda part: bulk_create_with_history(part, Person, **self.history()))
        created_ids = plan.created_ids = {person.pk for person in plan.new_people}
        changed = list(plan.changed_people.values())
        if changed:
            self.stage(45, 55, "Обновляем данные людей, которые уже есть в базе")
            fields = sorted({*plan.changed_fields, "search_text"})
            self.in_chunks(changed, lambda part: bulk_update_with_history(part, Person, fields, **self.history()))
        self.stage(55, 85, "Записываем классы и должности")
        touched = self.write_memberships(plan) | set(plan.changed_people)
        consents = [self.consent(person, data) for person, data in plan.consents]
        self.stage(85, 95, "Записываем согласия на обработку ПДн")
        self.in_chunks(consents, lambda part: bulk_create_with_history(part, Consent, **self.history()))
        self.stage(95, 99, "Завершаем запись")
        if self.kind == ImportKind.STAFF:
            self.link_class_teachers()
        updated = sum(1 for person, _ in plan.targets if person.pk not in created_ids and person.pk in touched)
        return {
            "created": len(created_ids),
            "updated": updated,
            "unchanged": len(plan.targets) - len(created_ids) - updated,
            "consents": len(consents),
        }

    def plan(self) -> Plan:
        keys = {_row_key(row["data"]) for row in self.rows}
        existing = existing_people(self.organisation, keys)
        people = Person.objects.in_bulk([found.id for found in existing.values()])
        self.check_class_teachers()
        plan = Plan()
        for row in self.rows:
            data = row["data"]
            found = existing.get(_row_key(data))
            person = people[found.id] if found else self.new_person(data)
            if found is None:
                plan.new_people.append(person)
            elif names := self.update_person(person, data):
                plan.changed_people[person.pk] = person
                plan.changed_fields |= names
            wants_consent = data["consent"] and not (found and found.has_consent)
            if not person.has_consent and (data["email"] or data["phone"]) and not wants_consent:
                raise CommitRefused(
                    f"Строка {row['line']}: согласие на обработку ПДн отозвано после проверки файла — "
                    "загрузите файл заново."
                )
            if wants_consent:
                plan.consents.append((person, data))
                person.has_consent = True
            plan.targets.append((person, data))
        return plan

    def check_class_teachers(self) -> None:
        wanted = {row["data"].get("class_teacher_id") for row in self.rows} - {None}
        if wanted and Person.objects.filter(pk__in=wanted).count() != len(wanted):
            raise CommitRefused("Классный руководитель из файла удалён после проверки — загрузите файл заново.")

    def new_person(self, data: dict[str, Any]) -> Person:
        birth = data["birth_date"]
        return Person(
            last_name=data["last_name"],
            first_name=data["first_name"],
            middle_name=data["middle_name"],
            birth_date=datetime.date.fromisoformat(birth) if birth else None,
            email=data["email"],
            phone=data["phone"],
            organisation=self.organisation,
            has_consent=False,
        )

    def update_person(self, person: Person, data: dict[str, Any]) -> set[str]:
        """Copy the non-empty values of the row (an empty cell never erases); the names of changed fields."""
        changed = {name for name in ("email", "phone") if data[name] and getattr(person, name) != data[name]}
        for name in changed:
            setattr(person, name, data[name])
        if person.organisation_id is None:
            person.organisation = self.organisation
            changed.add("organisation")
        if data["consent"] and not person.has_consent:
            changed.add("has_consent")  # set by `plan` together with the consent record
        if changed:
            person.updated_at = self.now
            changed.add("updated_at")
        return changed

    def write_memberships(self, plan: Plan) -> set[int]:
        """Create or update the student/teacher membership of every row; the ids of people touched."""
        role = MEMBERSHIP_ROLE[ImportKind(self.kind)]
        fields = MEMBERSHIP_FIELDS[ImportKind(self.kind)]
        stored = [person.pk for person, _ in plan.targets if person.pk not in plan.created_ids]
        memberships = Membership.objects.filter(organisation=self.organisation, role=role)
        current = {
            membership.person_id: membership
            for chunk in chunks(stored)
            for membership in memberships.filter(person_id__in=chunk)
        }
        new: list[Membership] = []
        changed: list[Membership] = []
        # Only the columns that really changed go into the UPDATE: «next year» moves only `grade`.
        changed_fields: set[str] = set()
        for person, data in plan.targets:
            membership = current.get(person.pk)
            if membership is None:
                values = {name: data.get(name) for name in fields}
                new.append(Membership(person=person, organisation=self.organisation, role=role, **_blank(values)))
            elif names := _transfer(membership, data, self.kind) | _apply(membership, fields, data):
                changed.append(membership)
                changed_fields |= names
        self.in_chunks(new, lambda part: bulk_create_with_history(part, Membership, **self.history()))
        if changed:
            columns = sorted(changed_fields)
            self.in_chunks(changed, lambda part: bulk_update_with_history(part, Membership, columns, **self.history()))
        return {membership.person_id for membership in [*new, *changed]}

    def link_class_teachers(self) -> None:
        """Pupils whose class teacher was kept as text get the link once a teacher of that name exists."""
        pending = list(
            Membership.objects.filter(organisation=self.organisation, role=Role.STUDENT, class_teacher=None)
            .exclude(class_teacher_name="")
            .only("id", "class_teacher_name", "class_teacher")
        )
        if not pending:
            return
        teachers = organisation_teachers(self.organisation)
        linked = []
        for membership in pending:
            ids = teachers.get(header_key(membership.class_teacher_name), set())
            if len(ids) == 1:
                membership.class_teacher_id = next(iter(ids))
                membership.class_teacher_name = ""
                linked.append(membership)
        if linked:
            fields = ["class_teacher_id", "class_teacher_name"]
            bulk_update_with_history(linked, Membership, fields, **self.history())

    def consent(self, person: Person, data: dict[str, Any]) -> Consent:
        return Consent(
            person=person,
            given_on=datetime.date.fromisoformat(data["consent_date"]),
            given_by=data["consent_by"],
            guardian_name=data.get("guardian_name", ""),
            document=self.reason,
            recorded_by=self.user,
        )


def _blank(values: dict[str, Any]) -> dict[str, Any]:
    """Text fields of a membership store "" rather than NULL."""
    numeric = {"grade", "experience_years", "class_teacher_id"}
    return {name: value if value is not None or name in numeric else "" for name, value in values.items()}


def _apply(membership: Membership, fields: tuple[str, ...], data: dict[str, Any]) -> set[str]:
    """Copy the row's non-empty values onto the membership; the names of the fields that changed."""
    changed = set() if membership.is_active else {"is_active"}
    membership.is_active = True
    for name in fields:
        value = data.get(name)
        if value in (None, "") or getattr(membership, name) == value:
            continue
        setattr(membership, name, value)
        changed.add(name)
    return changed


def _row_key(data: dict[str, Any]) -> PersonKey:
    return person_key(data["last_name"], data["first_name"], data["middle_name"], data["birth_date"])


def _transfer(membership: Membership, data: dict[str, Any], kind: str) -> set[str]:
    """Before `_apply`: a pupil linked by the file loses the text name; a pupil moved to another class
    without a class teacher in the file loses last year's class teacher (the preview warned)."""
    if kind != ImportKind.STUDENTS:
        return set()
    if data.get("class_teacher_id"):
        if not membership.class_teacher_name:
            return set()
        membership.class_teacher_name = ""
        return {"class_teacher_name"}
    moved = data.get("grade") is not None and (data["grade"], data["class_letter"]) != (
        membership.grade,
        membership.class_letter,
    )
    if (
        not moved
        or data.get("class_teacher_name")
        or not (membership.class_teacher_id or membership.class_teacher_name)
    ):
        return set()
    membership.class_teacher_id = None
    membership.class_teacher_name = ""
    return {"class_teacher_id", "class_teacher_name"}
