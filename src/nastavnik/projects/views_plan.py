"""The activity plan: activities with timing rules, the annual cyclogram, marking items, the iCal feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.orgs.models import AcademicYear
from nastavnik.programmes.models import CalendarFeed
from nastavnik.projects import ical, registry, services
from nastavnik.projects.forms import ActivityForm, YearForm
from nastavnik.projects.models import Activity, ActivityItem
from nastavnik.projects.scope import NO_RIGHTS, can_edit, project_for_edit, project_for_read, visible_projects


@login_required
def activities(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_read(access, pk)
    editable = can_edit(access, project)
    form = ActivityForm(request.POST or None, project=project)
    if request.method == "POST":
        require(editable, NO_RIGHTS)
        if form.is_valid():
            with transaction.atomic():
                activity = form.save(commit=False)
                activity.project = project
                activity.save()
                services.sync_items(activity, AcademicYear.current())
                services.log(project, request.user, f"Мероприятие {activity.number} добавлено")
            messages.success(request, f"Мероприятие {activity.number} добавлено.")
            return redirect("projects:activities", pk=project.pk)
    rows = sorted(project.activities.select_related("responsible", "stage"), key=lambda a: a.sort_key)
    context = {"project": project, "rows": rows, "form": form, "can_edit": editable}
    return render(request, "projects/activities.html", context, status=400 if request.method == "POST" else 200)


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    activity = get_visible_or_404(
        Activity.objects.filter(project__in=visible_projects(access)).select_related("project"), pk=pk
    )
    project = project_for_edit(access, activity.project_id)
    form = ActivityForm(request.POST or None, instance=activity, project=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            services.sync_items(activity, AcademicYear.current())
            services.log(project, request.user, f"Мероприятие {activity.number} изменено")
        messages.success(request, "Мероприятие сохранено.")
        return redirect("projects:activities", pk=project.pk)
    context = {"project": project, "activity": activity, "form": form}
    return render(request, "projects/activity_edit.html", context, status=400 if request.method == "POST" else 200)


@login_required
def cyclogram(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    project = project_for_read(access, pk)
    form = YearForm(request.GET)
    if not form.is_valid():
        raise BadRequest("Неверный учебный год")
    year = form.year_or(AcademicYear.current())
    services.sync_project(project, year)
    headers, rows = registry.cyclogram(project, year)
    years = services.project_years(project) or [year.start_year]
    context = {
        "project": project,
        "year": year,
        "years": [(y, f"{y}/{y + 1}") for y in sorted({*years, year.start_year})],
        "headers": headers,
        "rows": rows,
        "today": timezone.localdate(),
        "can_edit": can_edit(access, project),
    }
    return render(request, "projects/cyclogram.html", context)


@login_required
@require_POST
def item_mark(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    item = get_visible_or_404(
        ActivityItem.objects.filter(activity__project__in=visible_projects(access)).select_related(
            "activity__project", "academic_year"
        ),
        pk=pk,
    )
    require(can_edit(access, item.activity.project), NO_RIGHTS)
    done = request.POST.get("done") == "1"
    services.mark_item(item, done, request.user, timezone.localdate())
    messages.success(request, "Отмечено как выполненное." if done else "Отметка о выполнении снята.")
    back = request.POST.get("back")
    if back == "attention":
        return redirect("projects:attention")
    url = f"{redirect('projects:cyclogram', pk=item.activity.project_id).url}?year={item.academic_year.start_year}"
    return redirect(url)


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's project activities by the secret address of their personal calendar (no login)."""
    feed = CalendarFeed.objects.select_related("person__user").filter(token=token).first()
    if feed is None or (feed.person.user is not None and not feed.person.user.is_active):
        raise Http404("Календарь не найден")
    response = HttpResponse(ical.build_calendar(feed.person), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="nastavnik-projects.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
