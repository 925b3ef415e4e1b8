from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from nastavnik.core.access import access_for
from nastavnik.orgs.models import Role


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    if not user.is_authenticated:
        return {}
    access = access_for(user)
    items: list[tuple[str, str]] = [("Главная", reverse("home"))]
    if access.is_staff_reader:
        items += [
            ("Организации", reverse("orgs:tree")),
            ("Люди", reverse("people:list")),
            ("Наставники", reverse("bases:mentor_list")),
            ("Наставляемые", reverse("bases:mentee_list")),
            ("Пары", reverse("pairs:board")),
            ("Опросы", reverse("surveys:list")),
        ]
    if access.is_admin or access.coordinated_paths:
        items.append(("Район", reverse("district:map")))
    if access.has_role(Role.STUDENT, Role.TEACHER, Role.EXTERNAL):
        items.append(("Мои встречи", reverse("pairs:my_meetings")))
    if access.person_id and access.has_role(Role.STUDENT, Role.TEACHER, Role.EXTERNAL):
        items.append(("Мои опросы", reverse("surveys:my")))
    if access.is_admin or access.has_role(Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP):
        items.append(("Импорт", reverse("imports:upload")))
    if access.is_admin or access.has_role(Role.DIRECTOR):
        items.append(("Журнал изменений", reverse("audit")))
    path = request.path
    nav = [
        {"label": label, "url": url, "active": url == path or (url != "/" and path.startswith(url))}
        for label, url in items
    ]
    person = getattr(user, "person", None)
    return {"nav_items": nav, "nav_user_name": person.short_name if person else user.get_username()}
