"""Who reads and who changes a project.

Read: the administrator; coordinators of a subtree holding the project's organisation and that
organisation's own staff (the access layer's `org_filter`); the project's leaders; heads
(directors) of the organisations taking part. Change (card, activities, sprints): the
administrator; the centre's administrator and methodologists (director or district coordinator
in the project's organisation); district coordinators above it; the project's leaders. Region
coordinators read only. Outsiders get 404, readers who may not change get 403.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nastavnik.access.rules import Access, get_visible_or_404, require
from nastavnik.orgs.models import Organisation, Role, subtree_q
from nastavnik.projects.models import Project

EDITOR_ROLES = frozenset({Role.DIRECTOR, Role.DISTRICT_COORDINATOR})
NO_RIGHTS = "Проект меняют администратор и методисты центра, муниципальный координатор и руководители проекта"


def visible_projects(access: Access) -> QuerySet[Project]:
    qs = Project.objects.all()
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    q = access.org_filter("organisation__")
    if access.person_id:
        q |= Q(leaders__id=access.person_id)
        heads = access.orgs_with({Role.DIRECTOR})
        if heads:
            q |= Q(schools__id__in=heads)
    return qs.filter(pk__in=Project.objects.filter(q).values("pk"))


def may_use_office(access: Access) -> bool:
    """The office pages (registry, dashboard) open for staff readers and project leaders."""
    if access.is_admin or access.is_staff_reader:
        return True
    person_id = access.person_id
    return person_id is not None and Project.objects.filter(leaders__id=person_id).exists()


def require_office(access: Access) -> None:
    require(may_use_office(access), "Проектный офис доступен методистам, координаторам и руководителям проектов")


def edits_org(access: Access, org: Organisation) -> bool:
    """The centre's staff with an editing role, or a district coordinator above (or at) it."""
    if access.is_admin:
        return True
    if access.roles.get(org.id, set()) & set(EDITOR_ROLES):
        return True
    path_ids = {int(part) for part in org.path.strip("/").split("/") if part}
    return any(Role.DISTRICT_COORDINATOR in access.roles.get(org_id, set()) for org_id in path_ids)


def can_edit(access: Access, project: Project) -> bool:
    if edits_org(access, project.organisation):
        return True
    person_id = access.person_id
    return person_id is not None and project.leaders.filter(pk=person_id).exists()


def project_for_read(access: Access, pk: int) -> Project:
    return get_visible_or_404(visible_projects(access).select_related("organisation", "parent"), pk=pk)


def project_for_edit(access: Access, pk: int) -> Project:
    project = project_for_read(access, pk)
    require(can_edit(access, project), NO_RIGHTS)
    return project


def editable_organisations(access: Access) -> QuerySet[Organisation]:
    """Where the user may start a project: organisations they edit in (centres, districts)."""
    qs = Organisation.objects.order_by("path")
    if access.is_admin:
        return qs
    own = [org_id for org_id, roles in access.roles.items() if roles & set(EDITOR_ROLES)]
    q = Q(id__in=own)
    for org in Organisation.objects.filter(id__in=access.orgs_with({Role.DISTRICT_COORDINATOR})):
        q |= subtree_q("path", org.path)
    return qs.filter(q)
