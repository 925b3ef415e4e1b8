"""Demo logins: one per role, all with the password «nastavnik-demo»."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from nastavnik.demo import catalog
from nastavnik.demo.builder import DemoWorld

DEMO_PASSWORD = "nastavnik-demo"
EMAIL_DOMAIN = "example.org"


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    organisation_slug: str | None


ACCOUNTS: tuple[Account, ...] = (
    Account("admin", "Администратор платформы", None),
    Account("region", "Региональный координатор", catalog.REGION_SLUG),
    Account("district", "Муниципальный координатор", catalog.DISTRICT_SLUG),
    Account("director", "Руководитель организации", catalog.SCHOOL1_SLUG),
    Account("curator", "Куратор", catalog.SCHOOL1_SLUG),
    Account("working_group", "Член рабочей группы", catalog.SCHOOL1_SLUG),
    Account("mentor", "Наставник (учитель: «Точка развития», «Молодой специалист»)", catalog.SCHOOL1_SLUG),
    Account("mentee", "Наставляемый (ученица 10 А, «Точка развития»)", catalog.SCHOOL1_SLUG),
    Account("parent", "Родитель", catalog.SCHOOL1_SLUG),
    Account("curator2", "Куратор", catalog.LYCEUM_SLUG),
)

# Logins the demo modules of the source-004 apps create beside ACCOUNTS (demo/projects.py makes the centre's
# administrator and methodologist, demo/courses.py the trainee): listed with them on the try page and by demo-data.
MODULE_ACCOUNTS: tuple[Account, ...] = (
    Account(
        "imc", "Администратор ИМЦ (директор методического центра Заречного района)", catalog.METHODICAL_CENTRE_SLUG
    ),
    Account("methodist", "Методист ИМЦ (руководитель проектов центра)", catalog.METHODICAL_CENTRE_SLUG),
    Account(
        "trainee",
        "Слушатель курсов повышения квалификации (педагог Заречной СОШ; тьютор группы — mentor)",
        catalog.ZARECHNAYA_SLUG,
    ),
)


def create_accounts(world: DemoWorld) -> dict[str, User]:
    """Users for the demo roles, linked to their persons; the password is hashed once."""
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for account in ACCOUNTS:
        person = world.key.get(account.username)
        user = User(
            username=account.username,
            email=f"{account.username}@{EMAIL_DOMAIN}",
            password=password,
            first_name=person.first_name if person else "Администратор",
            last_name=person.last_name if person else "",
            is_staff=person is None,
            is_superuser=person is None,
        )
        user.save()
        users[account.username] = user
        if person is not None:
            person.user = user
            person.email = user.email
            person.save(update_fields=["user", "email", "updated_at"])
    return users
