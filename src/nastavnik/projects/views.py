"""The project office: registry, portfolio dashboard, «Внимание по проектам», the card and its DOCX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.http import docx_response
from nastavnik.common.middleware import bad_request
from nastavnik.common.xlsx import xlsx_response
from nastavnik.orgs.models import AcademicYear, Organisation, subtree_q
from nastavnik.people.models import Person
from nastavnik.projects import registry, services
from nastavnik.projects.card_docx import card_docx
from nastavnik.projects.forms import ProjectForm, RegistryFilter, StageFormSet, StatusForm
from nastavnik.projects.models import NEXT_STATUSES, Mode, Project, Status
from nastavnik.projects.scope import (
    can_edit,
    editable_organisations,
    project_for_edit,
    project_for_read,
    require_office,
    visible_projects,
)


def ensure_current_items(projects: list[Project]) -> AcademicYear:
    """The current academic year's items exist for every activity of these projects."""
    year = AcademicYear.current()
    for project in projects:
        services.sync_project(project, year)
    return year


def _filtered(request: HttpRequest, visible: QuerySet[Project]) -> tuple[RegistryFilter, list[Project] | None]:
    """The registry's projects as filtered on the page (the same GET parameters for the page and its XLSX);
    None when a parameter is wrong."""
    leaders = Person.objects.filter(led_projects__in=visible).distinct()
    form = RegistryFilter(request.GET or None, leaders=leaders)
    if form.is_bound and not form.is_valid():
        return form, None
    data = form.cleaned_data if form.is_bound else {}
    return form, registry.filter_projects(visible, data, timezone.localdate())


def _filter_error(request: HttpRequest, form: RegistryFilter) -> HttpResponse:
    name, errors = next(iter(form.errors.items()))
    label = form.fields[name].label if name in form.fields else name
    return bad_request(request, f"Неверный фильтр реестра «{label}»: {errors[0]}")


@login_required
def registry_view(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require_office(access)
    form, projects = _filtered(request, visible_projects(access))
    if projects is None:
        return _filter_error(request, form)
    today = timezone.localdate()
    context = {
        "filter": form,
        "groups": registry.group_projects(projects, form.cleaned_data.get("group", "") if form.is_bound else "", today),
        "count": len(projects),
        "today": today,
        "can_create": editable_organisations(access).exists(),
        "query": request.GET.urlencode(),
    }
    return render(request, "projects/registry.html", context)


@login_required
def registry_download(request: HttpRequest) -> HttpResponse:
    """The registry as on the page, in the workbook of `nastavnik projects registry`.

    `?org=<id or slug>` narrows it to an organisation's subtree, as the command's --org does; an
    organisation the user may not read answers 404.
    """
    access = access_for(request.user)
    require_office(access)
    visible = visible_projects(access)
    org_key = request.GET.get("org", "").strip()
    if org_key:
        # Numbers beyond the database's range never get here (the overflow guard answers 400).
        lookup: dict[str, int | str] = {"pk": int(org_key)} if org_key.isdecimal() else {"slug": org_key}
        org = get_visible_or_404(access.filter_organisations(Organisation.objects.all()), **lookup)
        visible = visible.filter(subtree_q("organisation__path", org.path))
    form, projects = _filtered(request, visible)
    if projects is None:
        return _filter_error(request, form)
    projects.sort(key=lambda p: p.organisation.path)  # stable: by name within an organisation, as the command
    return xlsx_response("reestr-proektov.xlsx", registry.registry_xlsx(projects))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require_office(access)
    visible = visible_projects(access)
    ensure_current_items(list(visible.filter(status__in=[Status.APPROVED, Status.RUNNING])))
    board = registry.dashboard(visible, timezone.localdate())
    return render(request, "projects/dashboard.html", {"board": board})


@login_required
def attention(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require_office(access)
    visible = visible_projects(access)
    ensure_current_items(list(visible.filter(status__in=[Status.APPROVED, Status.RUNNING])))
    items = registry.overdue(visible, timezone.localdate())
    editable = {p.pk for p in visible if can_edit(access, p)}
    return render(request, "projects/attention.html", {"items": items, "editable": editable})


@login_required
def create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    orgs = editable_organisations(access)
    require(orgs.exists(), "Проекты заводят методисты центра и муниципальные координаторы")
    org_id = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = get_visible_or_404(orgs, pk=org_id) if org_id and str(org_id).isdigit() else orgs.first()
    assert organisation is not None
    form = ProjectForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.organisation = organisation
            project.save()
            form.save_m2m()
            services.log(project, request.user, "Проект заведён")
        messages.success(request, "Проект заведён. Добавьте этапы и мероприятия.")
        return redirect("projects:edit", pk=project.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "organisation": organisation, "organisations": orgs}
    return render(request, "projects/create.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_read(access, pk)
    context = {
        "project": project,
        "can_edit": can_edit(access, project),
        "next_statuses": [Status(s) for s in NEXT_STATUSES[project.status]],
        "stages": project.stages.all(),
        "activities": sorted(project.activities.select_related("responsible", "stage"), key=lambda a: a.sort_key),
        "children": visible_projects(access).filter(parent=project),
        "history": project.status_changes.select_related("changed_by")[:20],
        "log": project.log.select_related("user")[:20],
        "is_agile": project.mode == Mode.AGILE,
        "today": timezone.localdate(),
        "current_stage": registry.current_stage(project, timezone.localdate()),
    }
    return render(request, "projects/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_edit(access, pk)
    form = ProjectForm(request.POST or None, instance=project, organisation=project.organisation)
    stages = StageFormSet(request.POST or None, instance=project, prefix="stages")
    if request.method == "POST" and form.is_valid() and stages.is_valid():
        with transaction.atomic():
            form.save()
            stages.save()
            services.log(project, request.user, "Карточка проекта изменена")
        messages.success(request, "Карточка сохранена.")
        return redirect("projects:detail", pk=project.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "projects/edit.html", {"project": project, "form": form, "stages": stages}, status=status)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_edit(access, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите статус проекта.")
        return redirect("projects:detail", pk=project.pk)
    try:
        services.change_status(project, form.cleaned_data["status"], request.user, form.cleaned_data["comment"])
    except services.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"Статус: {project.get_status_display()}.")
    return redirect("projects:detail", pk=project.pk)


@login_required
def card(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for_read(access_for(request.user), pk)
    return docx_response(card_docx(project), f"project-{project.pk}.docx")
