"""The meeting log of a pair, the mentee's rating of a meeting and the individual plan (ИОМ).

Objects are looked up through the pairs the user may see (404 for anything else); inside a
visible pair the role decides (403): the mentor and the organisation's staff write the log and
the plans, the mentees rate the meetings and see their own plan.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.paging import paginate
from nastavnik.diary import log as diary
from nastavnik.diary.forms import MeetingForm, PlanForm, RatingForm, TaskForm, TaskStatusForm
from nastavnik.diary.models import IndividualPlan, MeetingAttachment, MeetingRating, PairMeeting, PlanTask, TaskStatus
from nastavnik.pairs.lifecycle import PairError
from nastavnik.pairs.models import Pair, PairMentee, PairStatus

LOG_PAGE_SIZE = 10
CANNOT_WRITE = "Дневник ведут наставник пары и куратор программы."
CANNOT_EDIT_PLAN = "План ведут наставник пары и куратор программы."


# -- lookups --------------------------------------------------------------------------------


def _pairs(request: HttpRequest) -> QuerySet[Pair]:
    members = PairMentee.objects.select_related("mentee__person")
    return (
        Pair.objects.visible_to(request.user)
        .select_related("mentor__person", "programme__organisation", "programme__academic_year")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def _pair(request: HttpRequest, pk: int) -> Pair:
    return get_visible_or_404(_pairs(request), pk=pk)


def _meeting(request: HttpRequest, pk: int) -> PairMeeting:
    pair_id = PairMeeting.objects.filter(pk=pk).values_list("pair_id", flat=True).first()
    if pair_id is None:
        raise Http404("Встреча не найдена")
    pair = _pair(request, pair_id)
    meeting = PairMeeting.objects.get(pk=pk)
    meeting.pair = pair
    return meeting


def _member(request: HttpRequest, pk: int) -> PairMentee:
    pair_id = PairMentee.objects.filter(pk=pk).values_list("pair_id", flat=True).first()
    if pair_id is None:
        raise Http404("Наставляемый не найден")
    pair = _pair(request, pair_id)
    member = next((m for m in pair.members.all() if m.pk == pk), None)
    if member is None:
        raise Http404("Наставляемый не найден")
    member.pair = pair
    return member


def _task(request: HttpRequest, pk: int) -> PlanTask:
    task = PlanTask.objects.select_related("plan").filter(pk=pk).first()
    if task is None:
        raise Http404("Задача не найдена")
    member = _member(request, task.plan.member_id)
    task.plan.member = member
    return task


def _require_writer(request: HttpRequest, pair: Pair, message: str = CANNOT_WRITE) -> None:
    require(diary.can_log(request.user, pair), message)


def _diary_url(pair: Pair) -> str:
    return reverse("pairs:diary", args=[pair.pk])


def _plan_url(member: PairMentee) -> str:
    return reverse("pairs:plan", args=[member.pk])


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# -- the meeting log --------------------------------------------------------------------------


@login_required
def diary_page(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _pair(request, pk)
    person_id = access_for(request.user).person_id
    ratings = MeetingRating.objects.select_related("person").order_by("created_at", "id")
    meetings = pair.meetings.order_by("-held_on", "-id").prefetch_related(
        "attachments", Prefetch("ratings", queryset=ratings)
    )
    page = paginate(request, meetings, LOG_PAGE_SIZE)
    for meeting in page["object_list"]:
        scores = [r.score for r in meeting.ratings.all()]
        meeting.average = round(sum(scores) / len(scores), 1) if scores else None
        meeting.my_rating = next((r for r in meeting.ratings.all() if r.person_id == person_id), None)
    member = diary.mentee_member(request.user, pair)
    context: dict[str, Any] = {
        "pair": pair,
        "stats": diary.meeting_stats(pair),
        "can_write": diary.can_log(request.user, pair),
        "refusal": diary.log_refusal(pair),
        "can_rate": member is not None and (member.is_current or pair.status == PairStatus.COMPLETED),
        **page,
    }
    return render(request, "pairs/diary_list.html", context)


def _refuse_closed_log(request: HttpRequest, pair: Pair) -> HttpResponse | None:
    refusal = diary.log_refusal(pair)
    if refusal:
        messages.error(request, refusal)
        return redirect(_diary_url(pair))
    return None


def _meeting_form_page(request: HttpRequest, pair: Pair, meeting: PairMeeting | None) -> HttpResponse:
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting, pair=pair)
    if request.method == "POST" and form.is_valid():
        was_fixed = pair.status == PairStatus.FIXED
        try:
            diary.save_meeting(pair, form.meeting_data(), form.cleaned_data["attachments"], request.user, meeting)
        except PairError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Встреча сохранена в дневнике." if meeting else "Встреча записана в дневник.")
            if was_fixed:
                messages.info(request, "Пара начала работу: статус «Работает», дата начала — дата первой встречи.")
            return redirect(_diary_url(pair))
    context = {"pair": pair, "form": form, "meeting": meeting}
    return render(request, "pairs/diary_form.html", context, status=400 if form.errors else 200)


@login_required
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    pair = _pair(request, pk)
    _require_writer(request, pair)
    return _refuse_closed_log(request, pair) or _meeting_form_page(request, pair, None)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require_writer(request, meeting.pair)
    return _refuse_closed_log(request, meeting.pair) or _meeting_form_page(request, meeting.pair, meeting)


@login_required
@require_POST
def meeting_delete(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    _require_writer(request, meeting.pair)
    try:
        diary.delete_meeting(meeting)
        messages.success(request, f"Встреча {meeting.held_on:%d.%m.%Y} «{meeting.topic}» удалена из дневника.")
    except PairError as error:
        messages.error(request, str(error))
    return redirect(_diary_url(meeting.pair))


@login_required
def meeting_rate(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    require(diary.can_rate(request.user, meeting), diary.rating_refusal(request.user, meeting))
    person_id = access_for(request.user).person_id or 0
    existing = MeetingRating.objects.filter(meeting=meeting, person_id=person_id).first()
    initial = {"score": existing.score, "comment": existing.comment} if existing else None
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        diary.rate(meeting, request.user, form.cleaned_data["score"], form.cleaned_data["comment"])
        messages.success(request, "Оценка изменена." if existing else "Спасибо! Оценка сохранена.")
        return redirect(_diary_url(meeting.pair))
    context = {"meeting": meeting, "pair": meeting.pair, "form": form, "existing": existing}
    return render(request, "pairs/diary_rate.html", context, status=400 if form.errors else 200)


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A meeting's file, only to those who see the pair; never a direct media link."""
    found = MeetingAttachment.objects.filter(pk=pk).select_related("meeting").first()
    if found is None:
        raise Http404("Файл не найден")
    _pair(request, found.meeting.pair_id)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("Файл не найден в хранилище") from None
    return FileResponse(handle, as_attachment=True, filename=found.name)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = MeetingAttachment.objects.filter(pk=pk).select_related("meeting").first()
    if found is None:
        raise Http404("Файл не найден")
    pair = _pair(request, found.meeting.pair_id)
    found.meeting.pair = pair
    _require_writer(request, pair)
    try:
        diary.delete_attachment(found)
        messages.success(request, f"Файл «{found.name}» удалён.")
    except PairError as error:
        messages.error(request, str(error))
    return redirect("pairs:meeting_edit", pk=found.meeting_id)


# -- the individual plan --------------------------------------------------------------------


def _require_plan_reader(request: HttpRequest, member: PairMentee) -> None:
    """A mentee of a group sees only their own plan; staff and the mentor see every plan."""
    own = diary.mentee_member(request.user, member.pair)
    if own is not None and not diary.can_log(request.user, member.pair):
        require(own.pk == member.pk, "Это план другого участника группы.")


def _plan_for(member: PairMentee) -> IndividualPlan:
    """The saved plan; a pair that no longer works gets an unsaved one with the request's goals."""
    if diary.plan_editable(member.pair):
        return diary.ensure_plan(member)
    try:
        return member.plan
    except IndividualPlan.DoesNotExist:
        return IndividualPlan(member=member, goals=diary.goals_from_request(member))


def _task_rows(plan: IndividualPlan) -> list[Any]:
    """The plan's tasks, each marked `overdue` for the template."""
    if not plan.pk:
        return []
    today = timezone.localdate()
    tasks: list[Any] = list(plan.tasks.all())
    for task in tasks:
        task.overdue = task.is_overdue(today)
    return tasks


def _mentee_may_set(request: HttpRequest, task: PlanTask) -> bool:
    own = diary.mentee_member(request.user, task.plan.member.pair)
    return own is not None and own.pk == task.plan.member_id


def _status_choices(request: HttpRequest, task: PlanTask, can_edit: bool, editable: bool) -> list[tuple[str, str]]:
    if can_edit:
        return list(TaskStatus.choices)
    if editable and _mentee_may_set(request, task):
        allowed = {*diary.MENTEE_TASK_STATUSES, task.status}
        return [(v, label) for v, label in TaskStatus.choices if v in allowed]
    return []


def _row_context(request: HttpRequest, task: Any, member: PairMentee) -> dict[str, Any]:
    editable = diary.plan_editable(member.pair)
    can_edit = editable and diary.can_log(request.user, member.pair)
    return {
        "task": task,
        "member": member,
        "can_edit": can_edit,
        "status_choices": _status_choices(request, task, can_edit, editable),
    }


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    pair = member.pair
    _require_plan_reader(request, member)
    current = _plan_for(member)
    editable = diary.plan_editable(pair)
    can_edit = editable and diary.can_log(request.user, pair)
    form = PlanForm(request.POST or None, instance=current) if can_edit else None
    if request.method == "POST":
        _require_writer(request, pair, CANNOT_EDIT_PLAN)
        require(editable, diary.log_refusal(pair) or "План изменить нельзя.")
        if form is not None and form.is_valid():
            form.save()
            messages.success(request, "План сохранён.")
            return redirect(_plan_url(member))
    tasks = _task_rows(current)
    context = {
        "pair": pair,
        "member": member,
        "plan": current,
        "form": form,
        "can_edit": can_edit,
        "rows": [_row_context(request, task, member) for task in tasks],
        "done": sum(1 for t in tasks if t.status == TaskStatus.DONE),
        "counted": sum(1 for t in tasks if t.status != TaskStatus.CANCELLED),
        "overdue": sum(1 for t in tasks if t.overdue),
        "refusal": "" if editable else diary.log_refusal(pair),
    }
    return render(request, "pairs/plan_page.html", context, status=400 if form is not None and form.errors else 200)


def _task_form_page(request: HttpRequest, member: PairMentee, task: PlanTask | None) -> HttpResponse:
    pair = member.pair
    _require_writer(request, pair, CANNOT_EDIT_PLAN)
    if not diary.plan_editable(pair):
        messages.error(request, diary.log_refusal(pair))
        return redirect(_plan_url(member))
    current = diary.ensure_plan(member)
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        saved: PlanTask = form.save(commit=False)
        if task is None:
            saved.plan = current
            saved.order = diary.next_task_order(current)
        saved.save()
        diary.set_task_status(saved, saved.status)
        messages.success(request, "Задача сохранена." if task else "Задача добавлена в план.")
        return redirect(_plan_url(member))
    context = {"pair": pair, "member": member, "form": form, "task": task}
    return render(request, "pairs/plan_task_form.html", context, status=400 if form.errors else 200)


@login_required
def plan_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member(request, pk)
    return _task_form_page(request, member, None)


@login_required
def plan_task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    return _task_form_page(request, task.plan.member, task)


@login_required
@require_POST
def plan_task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task: Any = _task(request, pk)
    member = task.plan.member
    pair = member.pair
    can_edit = diary.can_log(request.user, pair)
    require(can_edit or _mentee_may_set(request, task), "Статус задачи меняют наставник и сам наставляемый.")
    allowed = None if can_edit else (*diary.MENTEE_TASK_STATUSES, task.status)
    form = TaskStatusForm(request.POST, allowed=allowed)
    error = ""
    if not diary.plan_editable(pair):
        error = diary.log_refusal(pair)
    elif not form.is_valid():
        error = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        if not can_edit and "status" in form.errors:
            error = "Наставляемый может отметить задачу «В работе» или «Выполнена»."
    else:
        diary.set_task_status(task, form.cleaned_data["status"])
    if _is_htmx(request):
        # htmx swaps only successful answers, so a refusal comes back as 200 with the message in the row.
        task.overdue = task.is_overdue()
        context = {**_row_context(request, task, member), "error": error}
        return render(request, "pairs/plan_task_row.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, f"Задача «{task.title}»: {task.get_status_display().lower()}.")
    return redirect(_plan_url(member))
