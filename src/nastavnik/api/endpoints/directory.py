"""Organisations and people, scoped exactly as the pages scope them (nastavnik.access)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from ninja import Path, Query, Router

from nastavnik.access.rules import Access, access_for, get_visible_or_404, visible_organisations
from nastavnik.api.paging import page_of, start_year
from nastavnik.api.schemas import MAX_ID, Filters, OrganisationOut, Page, PersonOut
from nastavnik.orgs.models import MANAGING_ROLES, Membership
from nastavnik.people.models import Person
from nastavnik.people.scope import visible_people

router = Router(tags=["Организации и люди"])


@router.get("/organisations", response=Page[OrganisationOut], summary="Организации, которые видит пользователь")
def organisations(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs = visible_organisations(request.user).order_by("path")
    if filters.organisation is not None:
        qs = qs.filter(pk=filters.organisation)
    if filters.programme is not None:
        qs = qs.filter(programmes__id=filters.programme)
    if filters.year is not None:
        qs = qs.filter(programmes__academic_year__start_year=start_year(filters.year)).distinct()
    count, items = page_of(qs, filters)
    return {"count": count, "page": filters.page, "page_size": filters.page_size, "results": items}


@router.get("/organisations/{pk}", response=OrganisationOut, summary="Организация")
def organisation(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return get_visible_or_404(visible_organisations(request.user), pk=pk)


def _people(request: HttpRequest) -> Any:
    active = Membership.objects.filter(is_active=True).order_by("organisation_id", "role")
    return visible_people(request.user).prefetch_related(Prefetch("memberships", queryset=active))


def _sees_contacts(access: Access, person: Person) -> bool:
    """The staff managing one of the person's organisations, the person, their parents and the admin."""
    if access.is_admin or person.pk == access.person_id or person.pk in access.child_ids:
        return True
    orgs = {m.organisation_id for m in person.memberships.all()} | {person.organisation_id}
    return bool(orgs & access.orgs_with(MANAGING_ROLES))


def person_out(access: Access, person: Person) -> dict[str, Any]:
    """Names and memberships for every reader; contacts by role; sensitive data never."""
    data: dict[str, Any] = {
        "id": person.pk,
        "last_name": person.last_name,
        "first_name": person.first_name,
        "middle_name": person.middle_name,
        "organisation_id": person.organisation_id,
        "memberships": list(person.memberships.all()),
    }
    if _sees_contacts(access, person):
        data.update(birth_date=person.birth_date, email=person.email, phone=person.phone)
    return data


@router.get(
    "/people",
    response=Page[PersonOut],
    summary="Люди",
    description="Сотрудники видят людей своих организаций; обучающийся — себя, родитель — себя и детей. "
    "Контакты и дата рождения — только управляющим организацией, самому человеку и родителям; "
    "чувствительные сведения (ОВЗ, учёт, здоровье) API не отдаёт никому.",
)
def people(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    qs = _people(request)
    if filters.organisation is not None:
        qs = qs.filter(memberships__organisation_id=filters.organisation, memberships__is_active=True).distinct()
    if filters.programme is not None:
        qs = qs.filter(Q(menteeentry__programme_id=filters.programme) | Q(mentorentry__programme_id=filters.programme))
    if filters.year is not None:
        year = start_year(filters.year)
        in_year = Q(menteeentry__programme__academic_year__start_year=year)
        qs = qs.filter(in_year | Q(mentorentry__programme__academic_year__start_year=year))
    count, items = page_of(qs.distinct().order_by("last_name", "first_name", "id"), filters)
    access = access_for(request.user)
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [person_out(access, p) for p in items],
    }


@router.get("/people/{pk}", response=PersonOut, summary="Человек")
def person(request: HttpRequest, pk: int = Path(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
    found = get_visible_or_404(_people(request), pk=pk)
    return person_out(access_for(request.user), found)
