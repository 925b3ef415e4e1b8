"""Mentor and mentee bases: lists with filters, cards, forms, decisions, exports, self-service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.bases import counts, exports, services
from nastavnik.bases.filters import MenteeEntryFilter, MentorEntryFilter
from nastavnik.bases.forms import (
    AssessmentForm,
    DecisionForm,
    MenteeEntryForm,
    MentorApplicationForm,
    MentorEntryForm,
    MyRequestForm,
)
from nastavnik.bases.models import Activity, MenteeEntry, MentorEntry, ReferredBy
from nastavnik.common.paging import paginate
from nastavnik.orgs.models import MANAGING_ROLES, Membership, Role
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme, ProgrammeStatus


@dataclass(frozen=True)
class BaseKind:
    model: type[MentorEntry] | type[MenteeEntry]
    filter_class: type[Any]
    form_class: type[Any]
    slug: str
    title: str
    prefetch: tuple[str, ...]


MENTORS = BaseKind(MentorEntry, MentorEntryFilter, MentorEntryForm, "mentor", "База наставников", ("capabilities",))
MENTEES = BaseKind(MenteeEntry, MenteeEntryFilter, MenteeEntryForm, "mentee", "База наставляемых", ("problems",))


def _student_memberships() -> Prefetch[Any]:
    return Prefetch(
        "person__memberships",
        queryset=Membership.objects.filter(role=Role.STUDENT, is_active=True),
        to_attr="student_memberships",
    )


def _entries(request: HttpRequest, kind: BaseKind) -> QuerySet[Any]:
    qs = kind.model.objects.visible_to(request.user)
    return qs.select_related(
        "person", "programme__academic_year", "programme__organisation", "programme_form__form"
    ).prefetch_related(*kind.prefetch, _student_memberships())


def _managed_programmes(request: HttpRequest) -> QuerySet[Programme]:
    access = access_for(request.user)
    qs = Programme.objects.select_related("academic_year", "organisation")
    if access.is_admin:
        return qs
    return qs.filter(organisation_id__in=access.orgs_with(MANAGING_ROLES))


def _entry_for_manage(request: HttpRequest, kind: BaseKind, pk: int) -> Any:
    entry = get_visible_or_404(_entries(request, kind), pk=pk)
    require(access_for(request.user).can_manage_org(entry.programme.organisation))
    return entry


def _filtered(request: HttpRequest, kind: BaseKind) -> tuple[Any, QuerySet[Any]]:
    access = access_for(request.user)
    require(access.is_staff_reader, "Базы доступны сотрудникам, ведущим наставничество")
    entries = _entries(request, kind)
    data = request.GET.copy()
    if "year" not in data:  # the current academic year unless the user chose another or «Все годы»
        data["year"] = str(counts.default_year().start_year)
    programmes = Programme.objects.visible_to(request.user).select_related("academic_year")
    filterset = kind.filter_class(data, queryset=entries, programmes=programmes)
    qs = filterset.qs if filterset.is_valid() else entries.none()
    return filterset, qs.order_by("person__last_name", "person__first_name", "id")


def _list(request: HttpRequest, kind: BaseKind) -> HttpResponse:
    filterset, qs = _filtered(request, kind)
    context = {
        "filter": filterset,
        "kind": kind,
        "can_create": _managed_programmes(request).exists(),
        # Who may open the mentor search of a row, without a query per row or per page.
        "manages_all": access_for(request.user).is_admin,
        "managed_orgs": access_for(request.user).orgs_with(MANAGING_ROLES),
        **paginate(request, qs),
    }
    return render(request, f"bases/{kind.slug}_list.html", context)


def _manageable_people(request: HttpRequest) -> QuerySet[Person]:
    access = access_for(request.user)
    people = (
        Person.objects.all()
        if access.is_admin
        else Person.objects.filter(memberships__organisation_id__in=access.orgs_with(MANAGING_ROLES)).distinct()
    )
    return people.order_by("last_name", "first_name")


def _save_entry(request: HttpRequest, kind: BaseKind, form: Any) -> Model:
    entry = form.save(commit=False)
    if not entry.pk:
        entry.created_by = request.user
    entry.save()
    form.save_m2m()
    return entry


def _edit(request: HttpRequest, kind: BaseKind, pk: int | None) -> HttpResponse:
    programmes = _managed_programmes(request)
    entry = _entry_for_manage(request, kind, pk) if pk else None
    require(entry is not None or programmes.exists(), "Добавлять записи может куратор программы")
    form = kind.form_class(
        request.POST or None,
        instance=entry,
        people=_manageable_people(request),
        programmes=programmes,
        initial={"person": request.GET.get("person")} if entry is None else None,
    )
    if request.method == "POST" and form.is_valid():
        entry = _save_entry(request, kind, form)
        messages.success(request, "Запись сохранена.")
        return redirect(f"bases:{kind.slug}_detail", pk=entry.pk)
    return render(request, "bases/entry_form.html", {"form": form, "kind": kind, "entry": entry})


def _export(request: HttpRequest, kind: BaseKind) -> HttpResponse:
    _, qs = _filtered(request, kind)
    return exports.entries_xlsx(kind.slug, qs)


@login_required
def mentor_list(request: HttpRequest) -> HttpResponse:
    return _list(request, MENTORS)


@login_required
def mentee_list(request: HttpRequest) -> HttpResponse:
    return _list(request, MENTEES)


@login_required
def mentor_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, MENTORS, None)


@login_required
def mentee_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, MENTEES, None)


@login_required
def mentor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, MENTORS, pk)


@login_required
def mentee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, MENTEES, pk)


@login_required
def mentor_export(request: HttpRequest) -> HttpResponse:
    return _export(request, MENTORS)


@login_required
def mentee_export(request: HttpRequest) -> HttpResponse:
    return _export(request, MENTEES)


@login_required
def mentor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_visible_or_404(_entries(request, MENTORS).prefetch_related("qualities"), pk=pk)
    access = access_for(request.user)
    org = entry.programme.organisation
    context = {
        "entry": entry,
        "assessments": entry.assessments.select_related("assessor__person"),
        "can_manage": access.can_manage_org(org),
        "can_decide": access.can_decide_in(org),
        "decision_form": DecisionForm(),
        "assessment_form": AssessmentForm(),
    }
    return render(request, "bases/mentor_detail.html", context)


@login_required
def mentee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_visible_or_404(_entries(request, MENTEES), pk=pk)
    access = access_for(request.user)
    context = {"entry": entry, "can_manage": access.can_manage_org(entry.programme.organisation)}
    return render(request, "bases/mentee_detail.html", context)


@login_required
@require_POST
def mentor_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_visible_or_404(_entries(request, MENTORS), pk=pk)
    require(
        access_for(request.user).can_decide_in(entry.programme.organisation),
        "Решение о допуске принимает куратор или руководитель",
    )
    form = DecisionForm(request.POST)
    if form.is_valid():
        services.decide_admission(entry, form.cleaned_data["decision"], form.cleaned_data["reason"], request.user)
        messages.success(request, "Решение сохранено.")
        return redirect("bases:mentor_detail", pk=entry.pk)
    context = {"entry": entry, "decision_form": form, "can_decide": True, "assessment_form": AssessmentForm()}
    context["assessments"] = entry.assessments.select_related("assessor__person")
    return render(request, "bases/mentor_detail.html", context, status=400)


@login_required
@require_POST
def mentor_assess(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry_for_manage(request, MENTORS, pk)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        services.save_assessment(entry, request.user, form.cleaned_data)  # type: ignore[arg-type]
        messages.success(request, "Оценка сохранена.")
        return redirect("bases:mentor_detail", pk=entry.pk)
    context = {"entry": entry, "assessment_form": form, "can_manage": True, "decision_form": DecisionForm()}
    context["assessments"] = entry.assessments.select_related("assessor__person")
    context["can_decide"] = access_for(request.user).can_decide_in(entry.programme.organisation)
    return render(request, "bases/mentor_detail.html", context, status=400)


def _own_programmes(request: HttpRequest, roles: set[str]) -> QuerySet[Programme]:
    access = access_for(request.user)
    return Programme.objects.filter(
        organisation_id__in=access.orgs_with(roles),
        status__in=[ProgrammeStatus.APPROVED, ProgrammeStatus.ACTIVE],
    ).select_related("academic_year", "organisation")


def _self_service(
    request: HttpRequest, kind: BaseKind, form_class: type[Any], roles: set[str], extra: dict[str, Any]
) -> HttpResponse:
    person: Person | None = getattr(request.user, "person", None)
    programmes = _own_programmes(request, roles)
    require(person is not None and programmes.exists(), "Нет программы наставничества, в которой можно подать заявку")
    assert person is not None
    form = form_class(request.POST or None, people=None, programmes=programmes, instance=kind.model(person=person))
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        for key, value in extra.items():
            setattr(entry, key, value)
        entry.person = person
        entry.created_by = request.user
        entry.save()
        form.save_m2m()
        messages.success(request, "Заявка отправлена куратору. Статус заявки виден на главной странице.")
        return redirect(f"bases:{kind.slug}_detail", pk=entry.pk)
    mine = kind.model.objects.filter(person=person).select_related("programme__academic_year")
    context = {"form": form, "kind": kind, "person": person, "mine": mine}
    return render(request, f"bases/my_{kind.slug}.html", context)


@login_required
def my_request(request: HttpRequest) -> HttpResponse:
    extra = {"referred_by": ReferredBy.SELF, "activity": Activity.ACTIVE}
    return _self_service(request, MENTEES, MyRequestForm, {Role.STUDENT, Role.TEACHER}, extra)


@login_required
def apply_mentor(request: HttpRequest) -> HttpResponse:
    person = getattr(request.user, "person", None)
    experience = (
        Membership.objects.filter(person=person, role=Role.TEACHER).values_list("experience_years", flat=True).first()
        if person
        else None
    )
    extra = {"experience_years": experience}
    return _self_service(request, MENTORS, MentorApplicationForm, {Role.TEACHER, Role.STUDENT, Role.EXTERNAL}, extra)
