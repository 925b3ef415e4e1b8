"""The roadmap of a programme: list, month calendar, timeline, activities, evidence and exports."""

from __future__ import annotations

import calendar as pycalendar
import datetime
import re
from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.common.http import docx_response
from nastavnik.common.paging import paginate
from nastavnik.common.text import plural_ru
from nastavnik.common.xlsx import xlsx_response
from nastavnik.people.models import Person
from nastavnik.programmes import exports, roadmap
from nastavnik.programmes.forms import (
    AssignForm,
    EvidenceForm,
    InstantiateForm,
    ItemStatusForm,
    RoadmapFilterForm,
    RoadmapItemForm,
)
from nastavnik.programmes.models import ItemStatus, Programme, RoadmapItem
from nastavnik.programmes.views_common import (
    can_manage,
    can_progress,
    item_for_manage,
    item_for_progress,
    item_for_read,
    programme_for_manage,
    programme_for_read,
)

OPEN_ITEMS = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
ROADMAP_PAGE_SIZE = 100
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS_SHORT = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
MONTHS_TITLE = tuple(m.capitalize() for m in roadmap.MONTHS_NOMINATIVE)
WEEKDAYS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс")
# The timeline shows at most this many months (an academic year plus preparation and overruns).
MAX_TIMELINE_MONTHS = 30


def _items(programme: Programme) -> QuerySet[RoadmapItem]:
    return programme.roadmap.select_related("responsible").order_by("starts_on", "order", "id")


def _annotate(items: list[RoadmapItem], today: datetime.date) -> list[RoadmapItem]:
    for item in items:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    return items


def _back(request: HttpRequest, item: RoadmapItem) -> HttpResponse:
    return redirect("programmes:item", pk=item.pk)


# -- list ----------------------------------------------------------------------------------


@login_required
def roadmap_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    today = timezone.localdate()
    people = list(
        Person.objects.filter(roadmap_items__programme=programme).distinct().order_by("last_name", "first_name", "id")
    )
    filters = RoadmapFilterForm(request.GET or None, people=people)
    items = _items(programme)
    if filters.is_valid():
        data = filters.cleaned_data
        if data["status"]:
            items = items.filter(status=data["status"])
        if data["responsible"] == "none":
            items = items.filter(responsible__isnull=True)
        elif data["responsible"]:
            items = items.filter(responsible_id=int(data["responsible"]))
        if data["overdue"]:
            items = items.filter(due_on__lt=today, status__in=OPEN_ITEMS)
    page = paginate(request, items, ROADMAP_PAGE_SIZE)
    listed = _annotate(list(page["object_list"]), today)
    summary = programme.roadmap.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=ItemStatus.DONE)),
        in_progress=Count("id", filter=Q(status=ItemStatus.IN_PROGRESS)),
        overdue=Count("id", filter=Q(due_on__lt=today, status__in=OPEN_ITEMS)),
    )
    used = set(programme.roadmap.exclude(template_code="").values_list("template_code", flat=True).distinct())
    context = {
        "programme": programme,
        "groups": exports.group_by_stage(listed),
        "filters": filters,
        "summary": summary,
        "can_manage": can_manage(request, programme),
        "instantiate_form": InstantiateForm(),
        "used_templates": [t for code, t in roadmap.load_templates().items() if code in used],
        **page,
    }
    return render(request, "programmes/roadmap.html", context)


@login_required
@require_POST
def roadmap_instantiate(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_manage(request, pk)
    form = InstantiateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите шаблон дорожной карты из списка.")
        return redirect("programmes:roadmap", pk=programme.pk)
    template = roadmap.get_template(form.cleaned_data["template"])
    result = roadmap.instantiate(programme, template.code, request.user)
    if result.created:
        noun = plural_ru(result.created, "мероприятие", "мероприятия", "мероприятий")
        text = (
            f"Из шаблона «{template.title}» добавлено {result.created} {noun} на {programme.academic_year} учебный год."
        )
        if result.skipped:
            text += f" Уже были в плане: {result.skipped}."
        messages.success(request, text)
    else:
        messages.info(request, f"Все мероприятия шаблона «{template.title}» уже есть в дорожной карте.")
    return redirect("programmes:roadmap", pk=programme.pk)


# -- month calendar ----------------------------------------------------------------------------


def _month(value: str | None, programme: Programme, today: datetime.date) -> datetime.date:
    """First day of the month asked for (?month=YYYY-MM); a bad value falls back to a sensible month."""
    match = MONTH_RE.match(value or "")
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    academic = programme.academic_year
    if academic.starts_on <= today <= academic.ends_on:
        return today.replace(day=1)
    first = programme.roadmap.order_by("starts_on").values_list("starts_on", flat=True).first()
    return (first or academic.starts_on).replace(day=1)


@login_required
def roadmap_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    today = timezone.localdate()
    first = _month(request.GET.get("month"), programme, today)
    last = roadmap.last_day(first.year, first.month)
    items = _annotate(list(_items(programme).filter(starts_on__lte=last, due_on__gte=first)), today)
    due: dict[datetime.date, list[RoadmapItem]] = {}
    starting: dict[datetime.date, list[RoadmapItem]] = {}
    for item in items:
        due.setdefault(item.due_on, []).append(item)
        if item.starts_on != item.due_on:
            starting.setdefault(item.starts_on, []).append(item)
    weeks = [
        [
            {
                "date": day,
                "in_month": day.month == first.month,
                "is_today": day == today,
                "due": due.get(day, []),
                "starting": starting.get(day, []),
            }
            for day in week
        ]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    ]
    previous = roadmap.shift_months(first, -1)
    following = roadmap.shift_months(first, 1)
    context = {
        "programme": programme,
        "month_title": f"{MONTHS_TITLE[first.month - 1]} {first.year}",
        "weeks": weeks,
        "weekdays": WEEKDAYS,
        "items": items,
        "previous": f"{previous:%Y-%m}",
        "following": f"{following:%Y-%m}",
        "current": f"{today:%Y-%m}",
        "today": today,
    }
    return render(request, "programmes/roadmap_calendar.html", context)


# -- timeline --------------------------------------------------------------------------------


def _timeline_range(programme: Programme, items: list[RoadmapItem]) -> tuple[datetime.date, datetime.date]:
    year = programme.academic_year
    start = min([year.starts_on, *(i.starts_on for i in items)])
    end = max([year.ends_on, *(i.due_on for i in items)])
    start = start.replace(day=1)
    limit = roadmap.shift_months(start, MAX_TIMELINE_MONTHS - 1, keep_month_end=True)
    return start, min(roadmap.last_day(end.year, end.month), limit)


@login_required
def roadmap_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    today = timezone.localdate()
    items = _annotate(list(_items(programme)), today)
    start, end = _timeline_range(programme, items)
    total = (end - start).days + 1

    def percent(day: datetime.date) -> float:
        return round(max(0, min(total, (day - start).days)) * 100 / total, 3)

    months = []
    day = start
    while day <= end:
        month_end = roadmap.last_day(day.year, day.month)
        months.append(
            {
                "label": f"{MONTHS_SHORT[day.month - 1]} {day:%y}",
                "left": percent(day),
                "width": round(((month_end - day).days + 1) * 100 / total, 3),
            }
        )
        day = month_end + datetime.timedelta(days=1)
    groups = []
    for stage, members in exports.group_by_stage(items):
        rows = []
        for item in members:
            if item.due_on < start or item.starts_on > end:
                continue
            left = percent(item.starts_on)
            right = percent(min(item.due_on, end) + datetime.timedelta(days=1))
            rows.append({"item": item, "left": left, "width": max(round(right - left, 3), 0.6)})
        groups.append({"stage": stage, "rows": rows})
    context = {
        "programme": programme,
        "months": months,
        "groups": groups,
        "today_left": percent(today) if start <= today <= end else None,
        "count": len(items),
    }
    return render(request, "programmes/roadmap_timeline.html", context)


# -- activities ------------------------------------------------------------------------------


def _stages(programme: Programme) -> list[str]:
    return list(programme.roadmap.exclude(stage="").order_by("stage").values_list("stage", flat=True).distinct())


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_manage(request, pk)
    year = programme.academic_year
    today = timezone.localdate()
    default_day = today if year.starts_on <= today <= year.ends_on else year.starts_on
    initial = {"starts_on": default_day, "due_on": default_day, "stage": request.GET.get("stage", "")[:300]}
    form = RoadmapItemForm(request.POST or None, staff=roadmap.staff_of(programme.organisation), initial=initial)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.programme = programme
        item.order = roadmap.next_order(programme)
        item._history_user = request.user
        item.save()
        messages.success(request, "Мероприятие добавлено в дорожную карту.")
        return redirect("programmes:item", pk=item.pk)
    context = {"programme": programme, "form": form, "item": None, "stages": _stages(programme)}
    return render(request, "programmes/item_form.html", context, status=400 if form.errors else 200)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manage(request, pk)
    programme = item.programme
    form = RoadmapItemForm(request.POST or None, instance=item, staff=roadmap.staff_of(programme.organisation))
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item._history_user = request.user
        item.save()
        messages.success(request, "Мероприятие сохранено.")
        return redirect("programmes:item", pk=item.pk)
    context = {"programme": programme, "form": form, "item": item, "stages": _stages(programme)}
    return render(request, "programmes/item_form.html", context, status=400 if form.errors else 200)


def _item_context(request: HttpRequest, item: RoadmapItem, evidence_form: EvidenceForm | None = None) -> dict[str, Any]:
    programme = item.programme
    manage = can_manage(request, programme)
    today = timezone.localdate()
    history = list(item.history.select_related("history_user").order_by("-history_date")[:10])
    return {
        "item": item,
        "programme": programme,
        "overdue": item.is_overdue(today),
        "period": roadmap.period_label(item.starts_on, item.due_on),
        "can_manage": manage,
        "can_progress": can_progress(request, item),
        "can_read_programme": programme_for_read_or_none(request, programme.pk) is not None,
        "status_form": ItemStatusForm(initial={"status": item.status}),
        "assign_form": AssignForm(
            staff=roadmap.staff_of(programme.organisation), initial={"responsible": item.responsible_id}
        )
        if manage
        else None,
        "evidence_form": evidence_form or EvidenceForm(),
        "history": history,
        "evidence_name": PurePath(item.evidence_file.name).name if item.evidence_file else "",
    }


def programme_for_read_or_none(request: HttpRequest, pk: int) -> Programme | None:
    try:
        return programme_for_read(request, pk)
    except Http404:
        return None


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_read(request, pk)
    return render(request, "programmes/item.html", _item_context(request, item))


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manage(request, pk)
    programme_pk = item.programme_id
    if item.evidence_file:
        item.evidence_file.delete(save=False)
    item._history_user = request.user  # type: ignore[attr-defined]
    item.delete()
    messages.success(request, "Мероприятие удалено из дорожной карты.")
    return redirect("programmes:roadmap", pk=programme_pk)


def _swap_with_neighbour(item: RoadmapItem, direction: str) -> bool:
    """Move up/down among the activities that start on the same day (the list is in date order)."""
    same_day = list(item.programme.roadmap.filter(starts_on=item.starts_on).order_by("order", "id"))
    index = next(i for i, other in enumerate(same_day) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(same_day):
        return False
    same_day[index], same_day[target] = same_day[target], same_day[index]
    with transaction.atomic():
        for position, other in enumerate(same_day, start=1):
            if other.order != position:
                RoadmapItem.objects.filter(pk=other.pk).update(order=position)
    return True


def _shift(item: RoadmapItem, months: int) -> None:
    whole = item.starts_on.day == 1 and roadmap.is_month_end(item.due_on)
    item.starts_on = roadmap.shift_months(item.starts_on, months)
    item.due_on = roadmap.shift_months(item.due_on, months, keep_month_end=whole)
    item.save(update_fields=["starts_on", "due_on", "updated_at"])


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manage(request, pk)
    item._history_user = request.user  # type: ignore[attr-defined]
    direction = request.POST.get("direction", "")
    if direction in {"earlier", "later"}:
        _shift(item, -1 if direction == "earlier" else 1)
        messages.success(request, f"Сроки перенесены: {item.starts_on:%d.%m.%Y} — {item.due_on:%d.%m.%Y}.")
    elif direction in {"up", "down"}:
        if _swap_with_neighbour(item, direction):
            messages.success(request, "Порядок мероприятий изменён.")
        else:
            messages.info(request, "Сдвинуть некуда: других мероприятий с той же датой начала нет рядом.")
    else:
        messages.error(request, "Неизвестное действие.")
    if request.POST.get("back") == "roadmap":
        return redirect("programmes:roadmap", pk=item.programme_id)
    return _back(request, item)


@login_required
@require_POST
def item_assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manage(request, pk)
    form = AssignForm(request.POST, staff=roadmap.staff_of(item.programme.organisation))
    if not form.is_valid():
        messages.error(request, "Выберите ответственного из сотрудников организации.")
        return _back(request, item)
    item.responsible = form.cleaned_data["responsible"]
    item._history_user = request.user  # type: ignore[attr-defined]
    item.save(update_fields=["responsible", "updated_at"])
    who = item.responsible.full_name if item.responsible else "не назначен"
    messages.success(request, f"Ответственный: {who}.")
    return _back(request, item)


@login_required
@require_POST
def item_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_progress(request, pk)
    form = ItemStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Выберите статус из списка.")
        return _back(request, item)
    item.status = form.cleaned_data["status"]
    if item.status == ItemStatus.DONE:
        item.done_on = item.done_on or timezone.localdate()
    else:
        item.done_on = None
    item._history_user = request.user  # type: ignore[attr-defined]
    item.save(update_fields=["status", "done_on", "updated_at"])
    messages.success(request, f"Статус мероприятия: «{item.get_status_display()}».")
    return _back(request, item)


@login_required
@require_POST
def item_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_progress(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "programmes/item.html", _item_context(request, item, form), status=400)
    upload, url = form.cleaned_data["file"], form.cleaned_data["url"]
    item._history_user = request.user  # type: ignore[attr-defined]
    if upload:
        if item.evidence_file:
            item.evidence_file.delete(save=False)
        item.evidence_file.save(PurePath(upload.name).name, upload, save=False)
    if url:
        item.evidence_url = url
    item.save()
    messages.success(request, "Подтверждение сохранено.")
    return _back(request, item)


@login_required
def item_evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    item = item_for_read(request, pk)
    if not item.evidence_file or not item.evidence_file.storage.exists(item.evidence_file.name):
        raise Http404("Файл не найден")
    name = PurePath(item.evidence_file.name).name
    return FileResponse(item.evidence_file.open("rb"), as_attachment=True, filename=name)


# -- exports ---------------------------------------------------------------------------------


@login_required
def roadmap_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    return docx_response(exports.roadmap_docx(programme), exports.filename(programme, "roadmap", "docx"))


@login_required
def roadmap_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    return xlsx_response(exports.filename(programme, "roadmap", "xlsx"), exports.roadmap_xlsx(programme))
