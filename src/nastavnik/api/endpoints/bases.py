"""Mentor and mentee entries of the bases, and the mentee's own request for a mentor (a write)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http.request import QueryDict
from ninja import Path, Query, Router, Status

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.api.paging import filter_scope, form_errors, page_of
from nastavnik.api.schemas import MAX_ID, Filters, MenteeEntryOut, MenteeRequestIn, MentorEntryOut, Page
from nastavnik.bases.forms import MyRequestForm
from nastavnik.bases.models import Activity, BaseEntry, MenteeEntry, MentorEntry, ReferredBy
from nastavnik.orgs.models import Role
from nastavnik.programmes.models import Programme, ProgrammeStatus

router = Router(tags=["Базы наставников и наставляемых"])
RELATED = ("person", "programme__academic_year")


def _entry(entry: BaseEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "person": {"id": entry.person_id, "name": entry.person.full_name},
        "programme_id": entry.programme_id,
        "organisation_id": entry.programme.organisation_id,
        "academic_year": entry.programme.academic_year.name,
        "programme_form_id": entry.programme_form_id,
    }


def _mentor(entry: MentorEntry) -> dict[str, Any]:
    return {
        **_entry(entry),
        "contour": entry.contour,
        "admission": entry.admission,
        "capacity": entry.capacity,
        "load": entry.load,
        "status_level": entry.status_level,
    }


def _mentee(access: Access, entry: MenteeEntry) -> dict[str, Any]:
    data = {
        **_entry(entry),
        "status": entry.status,
        "activity": entry.activity,
        "referred_by": entry.referred_by,
        "problems": sorted(p.pk for p in entry.problems.all()),
    }
    if entry.person_id == access.person_id or access.can_manage_org(entry.programme.organisation):
        data.update(area=entry.area, goal=entry.goal, desired_result=entry.desired_result)
    return data


def _page(filters: Filters, count: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "results": results}


@router.get("/mentors", response=Page[MentorEntryOut], summary="Записи базы наставников")
def mentors(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs = filter_scope(MentorEntry.objects.visible_to(request.user).select_related(*RELATED), filters)
    count, items = page_of(qs.order_by("person__last_name", "person__first_name", "id"), filters)
    return _page(filters, count, [_mentor(e) for e in items])


@router.get("/mentors/{pk}", response=MentorEntryOut, summary="Запись базы наставников")
def mentor(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return _mentor(get_visible_or_404(MentorEntry.objects.visible_to(request.user).select_related(*RELATED), pk=pk))


def _mentees(request: HttpRequest) -> Any:
    qs = MenteeEntry.objects.visible_to(request.user)
    return qs.select_related(*RELATED, "programme__organisation").prefetch_related("problems")


@router.get("/mentees", response=Page[MenteeEntryOut], summary="Записи базы наставляемых (запросы)")
def mentees(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs = filter_scope(_mentees(request), filters)
    count, items = page_of(qs.order_by("person__last_name", "person__first_name", "id"), filters)
    access = access_for(request.user)
    return _page(filters, count, [_mentee(access, e) for e in items])


@router.get("/mentees/{pk}", response=MenteeEntryOut, summary="Запись базы наставляемых")
def mentee(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    return _mentee(access_for(request.user), get_visible_or_404(_mentees(request), pk=pk))


def _own_programmes(access: Access) -> Any:
    """Programmes open for requests in the organisations where the user studies or teaches (as on the page)."""
    return Programme.objects.filter(
        organisation_id__in=access.orgs_with({Role.STUDENT, Role.TEACHER}),
        status__in=[ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE],
    ).select_related("academic_year", "organisation")


def _form_data(body: MenteeRequestIn) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in body.dict().items():
        if isinstance(value, list):
            data.setlist(name, [str(v) for v in value])
        elif value is not None:
            data[name] = str(value)
    return data


@router.post(
    "/mentee-requests",
    response={201: MenteeEntryOut},
    summary="Запрос на помощь наставника (от имени самого наставляемого)",
    description="Те же правила, что у формы «Запрос на наставника» в личном кабинете: только обучающийся или "
    "педагог своей организации, программа утверждена, форма наставничества подходит человеку, "
    "согласие на обработку данных оформлено, один запрос в программе.",
)
def mentee_request(request: HttpRequest, body: MenteeRequestIn) -> Status[dict[str, Any]]:
    access = access_for(request.user)
    person = getattr(request.user, "person", None)
    programmes = _own_programmes(access)
    require(person is not None and programmes.exists(), "Нет программы наставничества, в которой можно подать заявку")
    form = MyRequestForm(_form_data(body), people=None, programmes=programmes, instance=MenteeEntry(person=person))
    if not form.is_valid():
        raise form_errors(form)
    entry = form.save(commit=False)
    entry.referred_by, entry.activity = ReferredBy.SELF, Activity.ACTIVE
    entry.person, entry.created_by = person, request.user
    entry.save()
    form.save_m2m()
    return Status(201, _mentee(access, get_visible_or_404(_mentees(request), pk=entry.pk)))
