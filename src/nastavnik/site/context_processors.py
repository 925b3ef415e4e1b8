from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from nastavnik.access.rules import Access, access_for
from nastavnik.orgs.models import Role
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from nastavnik.people.models import Person

# A menu longer than this folds behind «Меню» on a phone. Even two items beside the brand and the
# user's name take a second row at 390 px, so every non-empty menu folds.
NAV_FOLD_AFTER = 0
# Pairs that make someone a mentor or a mentee for the role pages (not mere proposals).
ROLE_PAIR_STATUSES = (PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE, PairStatus.COMPLETED)
CURRENT_PAIR_STATUSES = (PairStatus.CONFIRMED, PairStatus.FIXED, PairStatus.ACTIVE)


@dataclass(frozen=True)
class PairRoles:
    is_mentor: bool = False
    is_mentee: bool = False
    child_in_pair: bool = False


def pair_roles(request: HttpRequest) -> PairRoles:
    """Whether the signed-in person mentors, is mentored, or has a child in a pair (one query, once per request)."""
    cached: PairRoles | None = getattr(request, "_nastavnik_pair_roles", None)
    if cached is not None:
        return cached
    roles = PairRoles()
    person_id = access_for(request.user).person_id if request.user.is_authenticated else None
    if person_id:
        row = (
            Person.objects.filter(pk=person_id)
            .annotate(
                mentor=Exists(Pair.objects.filter(mentor__person_id=OuterRef("pk"), status__in=ROLE_PAIR_STATUSES)),
                mentee=Exists(
                    PairMentee.objects.filter(mentee__person_id=OuterRef("pk"), pair__status__in=ROLE_PAIR_STATUSES)
                ),
                child=Exists(
                    PairMentee.objects.filter(
                        mentee__person__guardian_links__guardian_id=OuterRef("pk"),
                        pair__status__in=CURRENT_PAIR_STATUSES,
                    )
                ),
            )
            .values_list("mentor", "mentee", "child")
            .first()
        )
        if row is not None:
            roles = PairRoles(*(bool(flag) for flag in row))
    request._nastavnik_pair_roles = roles  # type: ignore[attr-defined]
    return roles


def url_or_none(name: str, *args: Any) -> str | None:
    """The URL of a page, or None while that page does not exist in this build (menu and home links only)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


MenuItems = list[tuple[str, str | None]]


def _staff_items(access: Access) -> MenuItems:
    if not access.is_staff_reader:
        return []
    return [
        ("Организации", reverse("orgs:tree")),
        ("Люди", reverse("people:list")),
        ("Наставники", reverse("bases:mentor_list")),
        ("Наставляемые", reverse("bases:mentee_list")),
        ("Пары", reverse("pairs:board")),
        ("Программы", url_or_none("programmes:list")),
        ("Опросы", reverse("surveys:list")),
        ("Практики", url_or_none("practices:list")),
        ("Показатели", url_or_none("monitoring:home")),
        ("Проекты", url_or_none("projects:registry")),
    ]


def _oversight_items(access: Access) -> MenuItems:
    items: MenuItems = []
    if access.is_admin or access.managed_org_ids:
        items.append(("Внимание", url_or_none("pairs:nudges")))
    if access.is_admin or access.has_role(Role.DIRECTOR):
        items.append(("Директору", url_or_none("pairs:director")))
    if access.is_admin or access.coordinated_paths:
        items.append(("Район", reverse("district:map")))
    return items


def _own_pair_items(roles: PairRoles) -> MenuItems:
    items: MenuItems = []
    if roles.is_mentor:
        items.append(("Мои наставляемые", url_or_none("pairs:my_mentees")))
    if roles.is_mentee:
        items.append(("Мой наставник", url_or_none("pairs:my_mentor")))
    elif roles.child_in_pair:
        items.append(("Наставник ребёнка", url_or_none("pairs:my_mentor")))
    return items


def _personal_items(access: Access) -> MenuItems:
    items: MenuItems = []
    participant = access.has_role(Role.STUDENT, Role.TEACHER, Role.EXTERNAL)
    if participant:
        items.append(("Групповые встречи", reverse("pairs:my_meetings")))
    if access.person_id and participant:
        items.append(("Мои опросы", reverse("surveys:my")))
    if access.person_id:
        items.append(("Мой календарь", url_or_none("programmes:my_calendar")))
        items.append(("Мастерские роста", url_or_none("workshops:list")))
    if access.is_staff_reader or access.has_role(Role.TEACHER):
        items.append(("Курсы", url_or_none("courses:index")))
    if access.is_authenticated:
        items.append(("Сообщества", url_or_none("communities:index")))
    return items


def _office_items(access: Access) -> MenuItems:
    items: MenuItems = []
    if access.is_admin or access.has_role(Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP):
        items.append(("Импорт", reverse("imports:upload")))
    if access.is_admin or access.has_role(Role.DIRECTOR):
        items.append(("Журнал изменений", reverse("audit")))
    return items


def _menu(items: MenuItems, path: str) -> list[dict[str, Any]]:
    """The links of pages that exist, the one the page is under marked active."""
    links = [(label, url) for label, url in items if url is not None]
    # The deepest menu address the page is under is the current one («Внимание» under «Пары»).
    matching = [url for _, url in links if url == path or (url != "/" and path.startswith(url))]
    current = max(matching, key=len, default=None)
    return [{"label": label, "url": url, "active": url == current} for label, url in links]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    access = access_for(user)
    items: MenuItems = [
        ("Главная", reverse("home")),
        *_staff_items(access),
        *_oversight_items(access),
        *_own_pair_items(pair_roles(request)),
        *_personal_items(access),
        *_office_items(access),
    ]
    nav = _menu(items, request.path)
    person = getattr(user, "person", None)
    return {
        "nav_items": nav,
        "nav_fold": len(nav) > NAV_FOLD_AFTER,
        "nav_user_name": person.short_name if person else user.get_username(),
    }
