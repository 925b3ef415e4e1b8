"""Agile mode (ПРОкомьюнити): the initiation checklist, sprints with review and retrospective, the board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.projects import services
from nastavnik.projects.forms import CharterForm, CloseSprintForm, SprintForm, TaskForm
from nastavnik.projects.models import COLUMN_ORDER, Charter, Column, Project, Sprint, SprintStatus, Task
from nastavnik.projects.scope import NO_RIGHTS, can_edit, project_for_edit, project_for_read, visible_projects


def _charter(project: Project) -> Charter:
    charter, _ = Charter.objects.get_or_create(project=project)
    return charter


@login_required
def agile(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_read(access, pk)
    editable = can_edit(access, project)
    charter = Charter.objects.filter(project=project).first() or Charter(project=project)
    form = CharterForm(request.POST or None, instance=charter)
    if request.method == "POST":
        require(editable, NO_RIGHTS)
        if form.is_valid():
            form.save()
            services.log(project, request.user, "Инициация: чек-лист обновлён")
            messages.success(request, "Чек-лист инициации сохранён.")
            return redirect("projects:agile", pk=project.pk)
    sprints = list(project.sprints.all())
    initial_done = any(s.number == 0 and s.status == SprintStatus.CLOSED for s in sprints)
    context = {
        "project": project,
        "form": form,
        "checklist": charter.checklist(initial_done),
        "sprints": sprints,
        "open_sprint": next((s for s in sprints if s.status == SprintStatus.ACTIVE), None),
        "sprint_form": SprintForm(),
        "task_form": TaskForm(),
        "backlog": project.tasks_board.filter(sprint__isnull=True),
        "log": project.log.select_related("user")[:30],
        "can_edit": editable,
    }
    return render(request, "projects/agile.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def sprint_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for_edit(access_for(request.user), pk)
    form = SprintForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Укажите цель, начало и окончание спринта (даты ДД.ММ.ГГГГ).")
        return redirect("projects:agile", pk=project.pk)
    try:
        sprint = services.start_sprint(project, **form.cleaned_data, user=request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
        return redirect("projects:agile", pk=project.pk)
    messages.success(request, f"{sprint} запланирован.")
    return redirect("projects:sprint", pk=sprint.pk)


def _sprint(request: HttpRequest, pk: int) -> Sprint:
    access = access_for(request.user)
    qs = Sprint.objects.filter(project__in=visible_projects(access)).select_related("project__organisation")
    return get_visible_or_404(qs, pk=pk)


@login_required
def sprint(request: HttpRequest, pk: int) -> HttpResponse:
    sprint = _sprint(request, pk)
    project = sprint.project
    tasks = (
        list(sprint.tasks.all())
        if sprint.status == SprintStatus.CLOSED
        else [
            *sprint.tasks.all(),
            *project.tasks_board.filter(sprint__isnull=True),
        ]
    )
    columns = [(Column(c), [t for t in tasks if t.column == c]) for c in COLUMN_ORDER]
    context = {
        "project": project,
        "sprint": sprint,
        "columns": columns,
        "column_order": [Column(c) for c in COLUMN_ORDER],
        "close_form": CloseSprintForm(),
        "task_form": TaskForm(),
        "can_edit": can_edit(access_for(request.user), project) and sprint.status == SprintStatus.ACTIVE,
    }
    template = "projects/_board.html" if request.headers.get("HX-Request") else "projects/sprint.html"
    return render(request, template, context)


@login_required
@require_POST
def sprint_close(request: HttpRequest, pk: int) -> HttpResponse:
    sprint = _sprint(request, pk)
    require(can_edit(access_for(request.user), sprint.project), NO_RIGHTS)
    form = CloseSprintForm(request.POST)
    try:
        if not form.is_valid():
            raise services.Refused("Чтобы закрыть спринт, заполните итоги и ретроспективу")
        services.close_sprint(sprint, form.cleaned_data["review"], form.cleaned_data["retrospective"], request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
        return redirect("projects:sprint", pk=sprint.pk)
    messages.success(request, f"{sprint} закрыт. Можно планировать следующий.")
    return redirect("projects:agile", pk=sprint.project_id)


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for_edit(access_for(request.user), pk)
    form = TaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Напишите задачу (до 300 знаков).")
    else:
        services.add_task(project, form.cleaned_data["title"], None, request.user)
    open_sprint = project.sprints.filter(status=SprintStatus.ACTIVE).first()
    if request.POST.get("back") == "sprint" and open_sprint is not None:
        return redirect("projects:sprint", pk=open_sprint.pk)
    return redirect("projects:agile", pk=project.pk)


@login_required
@require_POST
def task_move(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    task = get_visible_or_404(
        Task.objects.filter(project__in=visible_projects(access)).select_related("project"), pk=pk
    )
    require(can_edit(access, task.project), NO_RIGHTS)
    open_sprint = task.project.sprints.filter(status=SprintStatus.ACTIVE).first()
    try:
        services.move_task(task, request.POST.get("column", ""), open_sprint, request.user)
    except services.Refused as refused:
        messages.error(request, str(refused))
    if open_sprint is None:
        return redirect("projects:agile", pk=task.project_id)
    if request.headers.get("HX-Request"):
        return sprint(request, open_sprint.pk)
    return redirect("projects:sprint", pk=open_sprint.pk)
