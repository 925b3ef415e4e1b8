"""The management cycle of source 002 (planning, organisation, motivation, coordination, analysis and control)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from nastavnik.common.text import plural_ru
from nastavnik.programmes import roadmap
from nastavnik.programmes.forms import ManagementTaskForm
from nastavnik.programmes.models import ManagementFunction, ManagementTask
from nastavnik.programmes.views_common import can_manage, programme_for_manage, programme_for_read, task_for_manage


@login_required
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    tasks = list(programme.management_tasks.prefetch_related("responsible").order_by("order", "id"))
    groups = []
    for value, label in ManagementFunction.choices:
        step = roadmap.cycle_step(value)
        groups.append({"code": value, "label": label, "step": step, "tasks": [t for t in tasks if t.function == value]})
    template = roadmap.get_template(roadmap.ANNUAL_PLAN)
    context = {
        "programme": programme,
        "groups": groups,
        "n_tasks": len(tasks),
        "description": template.cycle_description,
        "source_title": template.cycle_title,
        "can_manage": can_manage(request, programme),
    }
    return render(request, "programmes/cycle.html", context)


@login_required
@require_POST
def cycle_defaults(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_manage(request, pk)
    created = roadmap.create_default_cycle(programme)
    if created:
        noun = plural_ru(created, "мероприятие", "мероприятия", "мероприятий")
        messages.success(request, f"Добавлено {created} {noun} цикла управления по рекомендациям (002).")
    else:
        messages.info(request, "У каждой функции управления уже есть мероприятия — ничего не добавлено.")
    return redirect("programmes:cycle", pk=programme.pk)


@login_required
def cycle_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_manage(request, pk)
    initial = {"function": request.GET.get("function") or ManagementFunction.PLANNING}
    form = ManagementTaskForm(request.POST or None, staff=roadmap.staff_of(programme.organisation), initial=initial)
    if request.method == "POST" and form.is_valid():
        task = form.save(commit=False)
        task.programme = programme
        task.save()
        form.save_m2m()
        messages.success(request, "Мероприятие цикла управления добавлено.")
        return redirect("programmes:cycle", pk=programme.pk)
    context = {"programme": programme, "form": form, "task": None}
    return render(request, "programmes/cycle_form.html", context, status=400 if form.errors else 200)


@login_required
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = task_for_manage(request, pk)
    programme = task.programme
    form = ManagementTaskForm(request.POST or None, instance=task, staff=roadmap.staff_of(programme.organisation))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Мероприятие цикла управления сохранено.")
        return redirect("programmes:cycle", pk=programme.pk)
    context = {"programme": programme, "form": form, "task": task}
    return render(request, "programmes/cycle_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def cycle_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task: ManagementTask = task_for_manage(request, pk)
    programme_pk = task.programme_id
    task.delete()
    messages.success(request, "Мероприятие цикла управления удалено.")
    return redirect("programmes:cycle", pk=programme_pk)
