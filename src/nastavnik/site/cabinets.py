"""Role pages: the mentor's «Мои наставляемые», the mentee's «Мой наставник» (with a request for another
mentor), the curator's board of nudges and the director's approvals and summary.

Privacy of the mentor's contacts on the mentee's page: the mentee (and their parent) sees the
mentor's name, form of mentoring and organisation. E-mail and phone are shown only for a mentor
who works at a school (an active staff membership: teacher, director, curator, working group) —
those are work contacts. A peer mentor (a student) or an external mentor is reached through the
programme's curator, whose work contacts are shown instead.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.bases.models import Admission, MentorEntry
from nastavnik.common.http import safe_next
from nastavnik.common.text import plural_ru
from nastavnik.diary import nudges
from nastavnik.diary.models import MeetingRating, PairMeeting, TaskStatus
from nastavnik.orgs.models import Membership, Role
from nastavnik.pairs.forms_roles import ACCEPT, ChangeRequestForm, NudgeSettingsForm, ResolveForm
from nastavnik.pairs.models import (
    HOLDING_STATUSES,
    MentorChangeRequest,
    OrderStatus,
    Pair,
    PairMentee,
    PairOrder,
    PairStatus,
    RequestStatus,
)
from nastavnik.people.models import Person
from nastavnik.programmes.models import Programme, ProgrammeStatus, RoadmapItem

HOLDING = sorted(HOLDING_STATUSES)
STAFF_ROLES = (Role.TEACHER, Role.DIRECTOR, Role.CURATOR, Role.WORKING_GROUP)
SECTION_SIZE = 10
RECENT_MEETINGS = 5
UPCOMING_DAYS = 30


def section(request: HttpRequest, items: QuerySet[Any] | Sequence[Any], param: str) -> dict[str, Any]:
    """One paginated section of a page with several: its own page parameter keeps the others' pages."""
    paginator = Paginator(items, SECTION_SIZE)
    page = paginator.get_page(request.GET.get(param))
    page.object_list = list(page.object_list)  # evaluated once, whatever the template does with it
    params = request.GET.copy()
    params.pop(param, None)
    encoded = params.urlencode()
    return {"page": page, "param": param, "query": f"{encoded}&" if encoded else "", "count": paginator.count}


def _members() -> Prefetch[Any]:
    return Prefetch("members", queryset=PairMentee.objects.select_related("mentee__person").order_by("id"))


# -- the mentor ---------------------------------------------------------------------------


@login_required
def my_mentees(request: HttpRequest) -> HttpResponse:
    """The mentor's own pairs and groups: current ones with their progress, then the recently completed."""
    access = access_for(request.user)
    today = timezone.localdate()
    mine = Pair.objects.filter(mentor__person_id=access.person_id) if access.person_id else Pair.objects.none()
    open_task = Q(plan__tasks__status__in=nudges.OPEN_TASK)
    members = PairMentee.objects.select_related("mentee__person").annotate(
        tasks_total=Count("plan__tasks", filter=~Q(plan__tasks__status=TaskStatus.CANCELLED)),
        tasks_done=Count("plan__tasks", filter=Q(plan__tasks__status=TaskStatus.DONE)),
        tasks_overdue=Count("plan__tasks", filter=open_task & Q(plan__tasks__due_on__lt=today)),
    )
    current = (
        mine.filter(status__in=HOLDING)
        .select_related("programme__organisation", "programme__academic_year", "programme_form__form")
        .annotate(
            last_met=Max("meetings__held_on", filter=Q(meetings__held_on__lte=today)), n_meetings=Count("meetings")
        )
        .prefetch_related(Prefetch("members", queryset=members.order_by("id")))
        # Working pairs first, then those waiting for the order.
        .order_by(Case(When(status__in=nudges.LIVING, then=0), default=1), "programme__title", "id")
    )
    completed = (
        mine.filter(status=PairStatus.COMPLETED)
        .select_related("programme__academic_year")
        .prefetch_related(_members())
        .order_by("-completed_at", "-id")[:5]
    )
    items = (
        RoadmapItem.objects.filter(
            responsible_id=access.person_id,
            status__in=nudges.OPEN_ITEM,
            starts_on__lte=today + datetime.timedelta(days=UPCOMING_DAYS),
        )
        .select_related("programme")
        .order_by("due_on", "id")
        if access.person_id
        else RoadmapItem.objects.none()
    )
    context = {
        "today": today,
        "pairs": section(request, current, "page"),
        "completed": list(completed),
        "items": section(request, items, "items_page"),
        "living": set(nudges.LIVING),
    }
    return render(request, "pairs/my_mentees.html", context)


# -- the mentee (and their parent) --------------------------------------------------------


def _staff_ids(person_ids: set[int]) -> set[int]:
    """People among `person_ids` who work at a school (their e-mail and phone are work contacts)."""
    if not person_ids:
        return set()
    return set(
        Membership.objects.filter(person_id__in=person_ids, role__in=STAFF_ROLES, is_active=True).values_list(
            "person_id", flat=True
        )
    )


def _memberships(person_ids: set[int] | list[int]) -> QuerySet[PairMentee]:
    return (
        PairMentee.objects.filter(mentee__person_id__in=person_ids, pair__status__in=HOLDING)
        .select_related(
            "mentee__person",
            "pair__mentor__person__organisation",
            "pair__mentor__partner_organisation",
            "pair__programme__organisation",
            "pair__programme__curator",
            "pair__programme_form__form",
        )
        .order_by("pair__programme__title", "id")
    )


@login_required
def my_mentor(request: HttpRequest) -> HttpResponse:
    """The mentee's current mentor(s), the plan, recent meetings to rate, a request for another mentor.

    A parent sees a read-only summary of their own children's pairs (never anybody else's).
    """
    access = access_for(request.user)
    today = timezone.localdate()
    person_id = access.person_id
    rows: list[dict[str, Any]] = []
    children: list[dict[str, Any]] = []
    mentor_people: set[int] = set()
    if person_id:
        open_requests = set(
            MentorChangeRequest.objects.filter(person_id=person_id, status=RequestStatus.OPEN).values_list(
                "pair_id", flat=True
            )
        )
        for member in _memberships([person_id]):
            pair = member.pair
            my_score = MeetingRating.objects.filter(meeting=OuterRef("pk"), person_id=person_id).values("score")[:1]
            meetings = list(
                PairMeeting.objects.filter(pair=pair, held_on__lte=today)
                .annotate(my_score=Subquery(my_score))
                .order_by("-held_on", "-id")[:RECENT_MEETINGS]
            )
            rows.append(
                {
                    "member": member,
                    "pair": pair,
                    "meetings": meetings,
                    "has_open_request": pair.pk in open_requests,
                }
            )
            mentor_people.add(pair.mentor.person_id)
            if pair.programme.curator_id:
                mentor_people.add(pair.programme.curator_id)
    if access.child_ids:
        for member in _memberships(sorted(access.child_ids)).annotate(
            n_meetings=Count("pair__meetings", filter=Q(pair__meetings__held_on__lte=today)),
            last_met=Max("pair__meetings__held_on", filter=Q(pair__meetings__held_on__lte=today)),
        ):
            children.append({"member": member, "pair": member.pair})
            mentor_people.add(member.pair.mentor.person_id)
            if member.pair.programme.curator_id:
                mentor_people.add(member.pair.programme.curator_id)
    my_requests = (
        MentorChangeRequest.objects.filter(person_id=person_id)
        .select_related("pair__mentor__person")
        .order_by("-created_at", "-id")[:10]
        if person_id
        else []
    )
    past = (
        PairMentee.objects.filter(mentee__person_id=person_id, pair__status=PairStatus.COMPLETED)
        .select_related("pair__mentor__person", "pair__programme__academic_year")
        .order_by("-pair__completed_at", "-id")[:5]
        if person_id
        else []
    )
    context = {
        "rows": rows,
        "children": children,
        "staff_ids": _staff_ids(mentor_people),
        "my_requests": list(my_requests),
        "past": list(past),
        "living": set(nudges.LIVING),
    }
    return render(request, "pairs/my_mentor.html", context)


@login_required
def change_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A mentee of the pair asks the curator for another mentor: a reason, one open request at a time."""
    access = access_for(request.user)
    pair = get_visible_or_404(
        Pair.objects.visible_to(request.user).select_related("mentor__person", "programme"), pk=pk
    )
    person_id = access.person_id or 0
    is_member = bool(person_id) and pair.members.filter(mentee__person_id=person_id).exists()
    require(is_member, "Попросить другого наставника может только наставляемый этой пары")
    require(pair.status in HOLDING_STATUSES, "Пара уже не работает — другой наставник не нужен")
    form = ChangeRequestForm(request.POST or None)
    open_request = MentorChangeRequest.objects.filter(pair=pair, person_id=person_id, status=RequestStatus.OPEN).first()
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # One open request per pair and person: the pair's row lock serialises two submissions.
            Pair.objects.select_for_update().filter(pk=pair.pk).first()
            open_request = MentorChangeRequest.objects.filter(
                pair=pair, person_id=person_id, status=RequestStatus.OPEN
            ).first()
            if open_request is None:
                MentorChangeRequest.objects.create(
                    pair=pair, person_id=person_id, reason=form.cleaned_data["reason"].strip()
                )
        if open_request is None:
            messages.success(request, "Запрос отправлен куратору. Ответ появится на этой странице.")
            return redirect("pairs:my_mentor")
        form.add_error(None, "Ваш запрос уже на рассмотрении у куратора — дождитесь ответа.")
    context = {"pair": pair, "form": form, "open_request": open_request}
    return render(request, "pairs/change_request.html", context, status=400 if form.errors else 200)


# -- the curator's board ------------------------------------------------------------------


def managed_programmes(request: HttpRequest) -> QuerySet[Programme]:
    """Programmes (not finished) of the organisations the user runs."""
    access = access_for(request.user)
    qs = Programme.objects.exclude(status=ProgrammeStatus.FINISHED).select_related("organisation", "academic_year")
    return qs if access.is_admin else qs.filter(organisation_id__in=access.managed_org_ids)


def _chosen_programme(request: HttpRequest, programmes: list[Programme]) -> Programme | None:
    raw = request.GET.get("programme", "")
    return next((p for p in programmes if str(p.pk) == raw), None)


@login_required
def nudges_board(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_admin or bool(access.managed_org_ids), "Доска внимания — для тех, кто ведёт программы")
    today = timezone.localdate()
    programmes = list(managed_programmes(request).order_by("organisation__short_name", "title", "id"))
    chosen = _chosen_programme(request, programmes)
    ids = [chosen.pk] if chosen else [p.pk for p in programmes]
    pairs = Pair.objects.filter(programme_id__in=ids)
    quiet = (
        nudges.quiet_pairs(pairs, today)
        .select_related("mentor__person", "programme")
        .prefetch_related(_members())
        .order_by("quiet_since", "id")
    )
    plans = (
        nudges.plans_with_overdue(pairs, today)
        .select_related("member__mentee__person", "member__pair__mentor__person", "member__pair__programme")
        .order_by("oldest_due", "id")
    )
    drops = section(request, nudges.satisfaction_drops(pairs), "drops_page")
    shown = list(drops["page"].object_list)
    drop_pairs = Pair.objects.select_related("mentor__person", "programme").in_bulk([d.pair_id for d in shown])
    drop_people = Person.objects.in_bulk([d.person_id for d in shown])
    drops["rows"] = [
        {"drop": d, "pair": drop_pairs.get(d.pair_id), "person": drop_people.get(d.person_id)} for d in shown
    ]
    requests = (
        MentorChangeRequest.objects.filter(status=RequestStatus.OPEN, pair__programme_id__in=ids)
        .select_related("person", "pair__mentor__person", "pair__programme")
        .order_by("created_at", "id")
    )
    items = nudges.overdue_items(ids, today).select_related("programme", "responsible").order_by("due_on", "id")
    quiet_section = section(request, quiet, "quiet_page")
    for pair in quiet_section["page"].object_list:
        setattr(pair, "quiet_weeks", nudges.quiet_weeks(pair, today))  # noqa: B010
    context = {
        "today": today,
        "programmes": programmes,
        "chosen": chosen,
        "quiet": quiet_section,
        "plans": section(request, plans, "plans_page"),
        "drops": drops,
        "requests": section(request, requests, "requests_page"),
        "items": section(request, items, "items_page"),
        "resolve_form": ResolveForm(),
    }
    return render(request, "pairs/nudges.html", context)


@login_required
def nudge_settings(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_visible_or_404(Programme.objects.visible_to(request.user).select_related("organisation"), pk=pk)
    require(access_for(request.user).can_manage_org(programme.organisation), "Порог меняет куратор программы")
    form = NudgeSettingsForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        weeks = programme.nudge_weeks
        messages.success(
            request,
            "Напоминания выключены." if weeks == 0 else f"Порог сохранён: {weeks_text(weeks)} без встреч.",
        )
        return redirect(f"{reverse('pairs:nudges')}?programme={programme.pk}")
    return render(
        request,
        "pairs/nudges_settings.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


def weeks_text(weeks: int) -> str:
    return f"{weeks} {plural_ru(weeks, 'неделя', 'недели', 'недель')}"


def _visible_requests(request: HttpRequest) -> QuerySet[MentorChangeRequest]:
    """Requests of pairs in organisations the user reads, and the user's own requests."""
    access = access_for(request.user)
    qs = MentorChangeRequest.objects.select_related("pair__programme__organisation", "pair__mentor__person", "person")
    if access.is_admin:
        return qs
    if not access.is_authenticated:
        return qs.none()
    own = Q(person_id=access.person_id) if access.person_id else Q(pk__in=[])
    return qs.filter(access.org_filter("pair__programme__organisation__") | own)


@login_required
@require_POST
def change_request_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """The curator accepts a request (then dissolves the pair, appoints another mentor) or rejects it with an answer."""
    found = get_visible_or_404(_visible_requests(request), pk=pk)
    require(
        access_for(request.user).can_manage_org(found.pair.programme.organisation),
        "Запросы на смену наставника рассматривает куратор программы",
    )
    back = safe_next(request) or reverse("pairs:nudges")
    form = ResolveForm(request.POST)
    if found.status != RequestStatus.OPEN:
        messages.info(request, "Этот запрос уже рассмотрен.")
        return redirect(back)
    if not form.is_valid():
        return render(request, "pairs/change_request_resolve.html", {"found": found, "form": form}, status=400)
    accepted = form.cleaned_data["decision"] == ACCEPT
    changed = MentorChangeRequest.objects.filter(pk=found.pk, status=RequestStatus.OPEN).update(
        status=RequestStatus.ACCEPTED if accepted else RequestStatus.REJECTED,
        answer=form.cleaned_data["answer"].strip(),
        resolved_by=request.user,
        resolved_at=timezone.now(),
    )
    if not changed:
        messages.info(request, "Этот запрос уже рассмотрен.")
        return redirect(back)
    if accepted:
        messages.success(
            request,
            "Запрос принят. Расформируйте пару, указав причину, — наставляемый получит приоритет, "
            "и назначьте ему другого наставника.",
        )
        return redirect("pairs:detail", pk=found.pair_id)
    messages.success(request, "Запрос отклонён. Наставляемый увидит ваш ответ на странице «Мой наставник».")
    return redirect(back)


# -- the director -------------------------------------------------------------------------


@login_required
def director(request: HttpRequest) -> HttpResponse:
    """Approvals waiting for the director and a summary of the organisation's programmes."""
    access = access_for(request.user)
    org_ids = access.orgs_with({Role.DIRECTOR})
    require(access.is_admin or bool(org_ids), "Страница руководителя организации")
    today = timezone.localdate()
    scope = Programme.objects.all() if access.is_admin else Programme.objects.filter(organisation_id__in=org_ids)
    programmes = list(
        scope.exclude(status=ProgrammeStatus.FINISHED)
        .select_related("organisation", "academic_year")
        .order_by("organisation__short_name", "title", "id")
    )
    ids = [p.pk for p in programmes]
    drafts = scope.filter(status=ProgrammeStatus.DRAFT).select_related("academic_year", "organisation")
    orders = (
        PairOrder.objects.filter(programme__in=scope, status=OrderStatus.DRAFT)
        .select_related("programme")
        .annotate(n_pairs=Count("pairs"))
        .order_by("created_at", "id")
    )
    applications = (
        MentorEntry.objects.filter(programme__in=scope, admission=Admission.APPLIED)
        .select_related("person", "programme")
        .order_by("created_at", "id")
    )
    requests = (
        MentorChangeRequest.objects.filter(pair__programme__in=scope, status=RequestStatus.OPEN)
        .select_related("person", "pair__mentor__person", "pair__programme")
        .order_by("created_at", "id")
    )
    by_status: dict[int, dict[str, int]] = {}
    for programme_id, status, n in (
        Pair.objects.filter(programme_id__in=ids)
        .order_by()
        .values_list("programme_id", "status")
        .annotate(n=Count("id"))
    ):
        by_status.setdefault(programme_id, {})[status] = n
    month_start = today.replace(day=1)
    meetings = dict(
        PairMeeting.objects.filter(pair__programme_id__in=ids, held_on__gte=month_start, held_on__lte=today)
        .order_by()
        .values_list("pair__programme_id")
        .annotate(n=Count("id"))
    )
    overdue = dict(nudges.overdue_items(ids, today).order_by().values_list("programme_id").annotate(n=Count("id")))
    statuses = [(value, label) for value, label in PairStatus.choices if value != PairStatus.PROPOSED]
    summary = [
        {
            "programme": p,
            "counts": [(label, by_status.get(p.pk, {}).get(value, 0)) for value, label in statuses],
            "proposed": by_status.get(p.pk, {}).get(PairStatus.PROPOSED, 0),
            "meetings": meetings.get(p.pk, 0),
            "overdue": overdue.get(p.pk, 0),
        }
        for p in programmes
    ]
    context = {
        "today": today,
        "month_start": month_start,
        "drafts": section(request, drafts.order_by("title", "id"), "drafts_page"),
        "orders": section(request, orders, "orders_page"),
        "applications": section(request, applications, "applications_page"),
        "requests": section(request, requests, "requests_page"),
        "summary": summary,
        "totals": {
            "meetings": sum(meetings.values()),
            "overdue": sum(overdue.values()),
        },
    }
    return render(request, "pairs/director.html", context)
