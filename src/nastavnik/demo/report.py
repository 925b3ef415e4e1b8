"""Counting what a run created and printing it in Russian with the right plural forms."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User

from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.text import plural_ru
from nastavnik.demo.accounts import ACCOUNTS, DEMO_PASSWORD, MODULE_ACCOUNTS
from nastavnik.orgs.models import Membership, Organisation, Role
from nastavnik.people.models import Consent, GuardianLink, Person, SensitiveInfo
from nastavnik.programmes.models import Programme


@dataclass(frozen=True)
class Counted:
    key: str
    forms: tuple[str, str, str]
    tail: str = ""


COUNTED: tuple[Counted, ...] = (
    Counted("organisations", ("организация", "организации", "организаций")),
    Counted("people", ("человек", "человека", "человек")),
    Counted("teachers", ("педагог", "педагога", "педагогов")),
    Counted("students", ("обучающийся", "обучающихся", "обучающихся")),
    Counted("parents", ("родитель", "родителя", "родителей")),
    Counted("consents", ("согласие", "согласия", "согласий"), " на обработку ПДн"),
    Counted("without_consent", ("человек", "человека", "человек"), " без действующего согласия"),
    Counted("sensitive", ("запись", "записи", "записей"), " чувствительных сведений"),
    Counted("guardian_links", ("связь", "связи", "связей"), " «родитель – ребёнок»"),
    Counted("programmes", ("программа", "программы", "программ"), " наставничества"),
    Counted("mentors", ("запись", "записи", "записей"), " в базе наставников"),
    Counted("mentees", ("запись", "записи", "записей"), " в базе наставляемых"),
    Counted("users", ("учётная запись", "учётные записи", "учётных записей")),
)


def _people_with_role(role: str) -> int:
    return Membership.objects.filter(role=role).values("person_id").distinct().count()


def count_rows() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "teachers": _people_with_role(Role.TEACHER),
        "students": _people_with_role(Role.STUDENT),
        "parents": _people_with_role(Role.PARENT),
        "consents": Consent.objects.filter(revoked_on__isnull=True).count(),
        "without_consent": Person.objects.filter(has_consent=False).count(),
        "sensitive": SensitiveInfo.objects.count(),
        "guardian_links": GuardianLink.objects.count(),
        "programmes": Programme.objects.count(),
        "mentors": MentorEntry.objects.count(),
        "mentees": MenteeEntry.objects.count(),
        "users": User.objects.count(),
    }


def number(count: int) -> str:
    """12 345 with a no-break space between the thousands, as Russian typography wants."""
    return f"{count:,}".replace(",", "\u00a0")


def describe(count: int, item: Counted) -> str:
    return f"{number(count)} {plural_ru(count, *item.forms)}{item.tail}"


def created_lines(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """One line per kind of row that the run added (kinds it did not touch are left out)."""
    lines = []
    for item in COUNTED:
        added = after[item.key] - before[item.key]
        if added:
            lines.append(f"  • {describe(added, item)}")
    return lines


def accounts_table() -> list[str]:
    orgs = {org.slug: org.short_name for org in Organisation.objects.filter(slug__in=_account_slugs())}
    linked = Person.objects.filter(user__isnull=False).select_related("user")
    people = {p.user.username: p.short_name for p in linked if p.user is not None}
    rows = [("Логин", "Роль", "ФИО", "Организация")]
    for account in (*ACCOUNTS, *MODULE_ACCOUNTS):
        org = orgs.get(account.organisation_slug or "", "все организации")
        rows.append((account.username, account.role, people.get(account.username, "—"), org))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"Пароль всех учётных записей: {DEMO_PASSWORD}")
    return lines


def _account_slugs() -> set[str]:
    return {account.organisation_slug for account in (*ACCOUNTS, *MODULE_ACCOUNTS) if account.organisation_slug}
