"""Object lookups of the programme pages: who may read, who may change.

Readers of a programme are the staff of its organisation and the coordinators above it
(`Programme.objects.visible_to`); everyone else gets 404. Changing needs the director, the
curator or the working group of the organisation (403 otherwise), and a programme that is
finished only reads. A roadmap activity is also visible to the person responsible for it,
who may change its status and attach evidence.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import HttpRequest

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.programmes.models import ManagementTask, Programme, ProgrammeStatus, RoadmapItem

MANAGE_MESSAGE = "Изменять программу могут директор, куратор и рабочая группа организации"
FINISHED_MESSAGE = "Программа завершена: её можно только просматривать"


def readable_programmes(request: HttpRequest) -> QuerySet[Programme]:
    return Programme.objects.visible_to(request.user).select_related("organisation", "academic_year", "curator")


def programme_for_read(request: HttpRequest, pk: int) -> Programme:
    return get_visible_or_404(readable_programmes(request), pk=pk)


def can_manage(request: HttpRequest, programme: Programme) -> bool:
    return access_for(request.user).can_manage_org(programme.organisation) and (
        programme.status != ProgrammeStatus.FINISHED
    )


def require_manage(request: HttpRequest, programme: Programme) -> None:
    require(access_for(request.user).can_manage_org(programme.organisation), MANAGE_MESSAGE)
    require(programme.status != ProgrammeStatus.FINISHED, FINISHED_MESSAGE)


def programme_for_manage(request: HttpRequest, pk: int) -> Programme:
    programme = programme_for_read(request, pk)
    require_manage(request, programme)
    return programme


def task_for_manage(request: HttpRequest, pk: int) -> ManagementTask:
    tasks = ManagementTask.objects.filter(programme__in=Programme.objects.visible_to(request.user))
    task = get_visible_or_404(tasks.select_related("programme__organisation", "programme__academic_year"), pk=pk)
    require_manage(request, task.programme)
    return task


def visible_items(request: HttpRequest) -> QuerySet[RoadmapItem]:
    access = access_for(request.user)
    own = Q(responsible_id=access.person_id) if access.person_id else Q(pk__in=[])
    return RoadmapItem.objects.filter(Q(programme__in=Programme.objects.visible_to(request.user)) | own).select_related(
        "programme__organisation", "programme__academic_year", "programme__curator", "responsible"
    )


def item_for_read(request: HttpRequest, pk: int) -> RoadmapItem:
    return get_visible_or_404(visible_items(request), pk=pk)


def is_responsible(request: HttpRequest, item: RoadmapItem) -> bool:
    person_id = access_for(request.user).person_id
    return person_id is not None and item.responsible_id == person_id


def item_for_manage(request: HttpRequest, pk: int) -> RoadmapItem:
    item = item_for_read(request, pk)
    require_manage(request, item.programme)
    return item


def item_for_progress(request: HttpRequest, pk: int) -> RoadmapItem:
    """Status and evidence: the programme's managers, or the person responsible for the activity."""
    item = item_for_read(request, pk)
    if not is_responsible(request, item):
        require(access_for(request.user).can_manage_org(item.programme.organisation), MANAGE_MESSAGE)
    require(item.programme.status != ProgrammeStatus.FINISHED, FINISHED_MESSAGE)
    return item


def can_progress(request: HttpRequest, item: RoadmapItem) -> bool:
    return item.programme.status != ProgrammeStatus.FINISHED and (
        is_responsible(request, item) or access_for(request.user).can_manage_org(item.programme.organisation)
    )
