"""Workshops of a school: list, create and edit, card with status, members, meetings and projects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require, visible_organisations
from nastavnik.common.paging import paginate
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.people.models import Person
from nastavnik.workshops import scope, services
from nastavnik.workshops.forms import MeetingForm, MemberForm, ProjectForm, StatusForm, WorkshopForm
from nastavnik.workshops.models import MemberKind, Workshop, WorkshopMeeting, WorkshopMember

NO_RIGHTS = "Изменять мастерскую могут руководство школы и координатор мастерской"


def chosen_year(request: HttpRequest) -> AcademicYear:
    """?year=2026 picks the academic year 2026/2027; a bad value is a 404, never a 500."""
    raw = request.GET.get("year", "")
    if not raw:
        return AcademicYear.current()
    if not raw.isdigit() or len(raw) != 4:
        raise Http404("Неверный учебный год")
    year = AcademicYear.objects.filter(start_year=int(raw)).first()
    if year is None:
        raise Http404("Такого учебного года нет")
    return year


def _organisation(request: HttpRequest, org_pk: int) -> Organisation:
    return get_visible_or_404(visible_organisations(request.user), pk=org_pk)


def _workshop(request: HttpRequest, pk: int) -> Workshop:
    qs = scope.visible_workshops(request.user).select_related(
        "organisation", "master", "coordinator", "librarian", "director", "catalogue"
    )
    return get_visible_or_404(qs, pk=pk)


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    year = chosen_year(request)
    qs = scope.visible_workshops(request.user).select_related("organisation", "master")
    managed = Organisation.objects.filter(pk__in=access.managed_org_ids).order_by("short_name")
    if access.is_admin:
        managed = Organisation.objects.none()
    managed_orgs = [org for org in managed if access.can_manage_org(org)]
    # A workshop's librarian keeps the school's Master-shelf without managing the school.
    shelves = Organisation.objects.filter(
        pk__in=Workshop.objects.filter(librarian_id=access.person_id or 0).values("organisation_id")
    ).exclude(pk__in=[org.pk for org in managed_orgs])
    context = {
        "year": year,
        "managed": managed_orgs,
        "shelves": shelves.order_by("short_name"),
        **paginate(request, qs.order_by("organisation__short_name", "name")),
    }
    return render(request, "workshops/list.html", context)


def _edit(request: HttpRequest, org: Organisation, workshop: Workshop) -> HttpResponse:
    form = WorkshopForm(request.POST or None, instance=workshop, organisation=org)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.organisation = org
        saved.name = form.cleaned_data["name"]
        if workshop.pk is None:
            services.open_workshop(saved, AcademicYear.current())
            messages.success(request, f"Мастерская «{saved.name}» открыта.")
        else:
            saved.save()
            messages.success(request, "Изменения сохранены.")
        return redirect("workshops:detail", pk=saved.pk)
    return render(request, "workshops/form.html", {"form": form, "organisation": org, "workshop": workshop})


@login_required
def workshop_create(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    require(access_for(request.user).can_manage_org(org), "Открывать мастерские может руководство школы")
    return _edit(request, org, Workshop(organisation=org))


@login_required
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    require(scope.can_manage(access_for(request.user), workshop), NO_RIGHTS)
    return _edit(request, workshop.organisation, workshop)


@login_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    access = access_for(request.user)
    year = chosen_year(request)
    members = WorkshopMember.objects.filter(workshop=workshop, academic_year=year).select_related("person")
    context = {
        "workshop": workshop,
        "year": year,
        "seasons": workshop.seasons.select_related("academic_year"),
        "season": workshop.seasons.filter(academic_year=year).first(),
        "teachers": [m for m in members if m.kind == MemberKind.TEACHER],
        "students": [m for m in members if m.kind == MemberKind.STUDENT],
        "meetings": workshop.meetings.prefetch_related("attendees")[:50],
        "projects": workshop.projects.filter(academic_year=year),
        "can_manage": scope.can_manage(access, workshop),
        "can_log": scope.can_log(access, workshop),
        "status_form": StatusForm(),
        "member_form": MemberForm(organisation=workshop.organisation),
        "project_form": ProjectForm(),
    }
    return render(request, "workshops/detail.html", context)


@login_required
@require_POST
def workshop_status(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    require(scope.can_manage(access_for(request.user), workshop), NO_RIGHTS)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.set_status(workshop, chosen_year(request), form.cleaned_data["status"])
        messages.success(request, "Статус сохранён.")
    else:
        messages.error(request, "Выберите статус из списка.")
    return redirect(f"{workshop_url(workshop)}?year={chosen_year(request).start_year}")


def workshop_url(workshop: Workshop) -> str:
    return reverse("workshops:detail", args=[workshop.pk])


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    require(scope.can_manage(access_for(request.user), workshop), NO_RIGHTS)
    form = MemberForm(request.POST, organisation=workshop.organisation)
    year = chosen_year(request)
    if not form.is_valid():
        messages.error(request, "Выберите участника из списка людей школы.")
        return redirect(workshop_url(workshop))
    person = form.cleaned_data["person"]
    is_student = person.memberships.filter(organisation=workshop.organisation, role=Role.STUDENT).exists()
    try:
        with transaction.atomic():
            WorkshopMember.objects.create(
                workshop=workshop,
                person=person,
                academic_year=year,
                kind=MemberKind.STUDENT if is_student else MemberKind.TEACHER,
            )
        messages.success(request, f"{person.full_name} — участник мастерской.")
    except IntegrityError:
        messages.error(request, f"{person.full_name} уже участвует в мастерской в {year.name} учебном году.")
    return redirect(f"{workshop_url(workshop)}?year={year.start_year}")


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    require(scope.can_log(access_for(request.user), workshop), "Встречи отмечают мастер и координатор мастерской")
    year = AcademicYear.current()
    people = WorkshopMember.objects.filter(workshop=workshop, academic_year=year).values("person_id")
    form = MeetingForm(request.POST or None, people=Person.objects.filter(pk__in=people).order_by("last_name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.log_meeting(workshop, data["held_on"], data["topic"], data["attendees"])
        messages.success(request, "Встреча записана.")
        return redirect(workshop_url(workshop))
    return render(request, "workshops/meeting_form.html", {"form": form, "workshop": workshop})


@login_required
@require_POST
def project_add(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop(request, pk)
    require(scope.can_log(access_for(request.user), workshop), "Проекты записывают мастер и координатор мастерской")
    form = ProjectForm(request.POST)
    if form.is_valid():
        project = form.save(commit=False)
        project.workshop = workshop
        project.academic_year = AcademicYear.current()
        project.save()
        messages.success(request, "Проект записан.")
    else:
        messages.error(request, "Укажите название проекта.")
    return redirect(workshop_url(workshop))


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting of a workshop: its date, topic and who attended (readers of the workshop)."""
    qs = WorkshopMeeting.objects.filter(workshop__in=scope.visible_workshops(request.user)).select_related(
        "workshop__organisation"
    )
    meeting = get_visible_or_404(qs, pk=pk)
    attendees = meeting.attendees.order_by("last_name", "first_name")
    return render(request, "workshops/meeting.html", {"meeting": meeting, "attendees": attendees})
