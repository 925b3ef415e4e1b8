"""Professional communities: list, card, members and asset, events with attendance, bank, reports, cascade."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.communities import scope, services
from nastavnik.communities.forms import (
    CommunityForm,
    EventForm,
    MaterialForm,
    MemberForm,
    ReportForm,
    TrainingForm,
)
from nastavnik.communities.models import MIN_MEMBERS, Attendance, Community, CommunityEvent, Member, Training
from nastavnik.communities.points import rule_lines

NOT_YOURS = "Изменять сообщество могут координирующая организация, лидер и куратор сообщества"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    context = {
        "communities": scope.communities_visible(access).order_by("name", "id"),
        "can_create": scope.coordinating_orgs(access).exists(),
        "reserve": scope.cycles_visible(access).exists(),
        "my_reserve": access.person_id is not None
        and scope.entries_visible(access).filter(person_id=access.person_id).exists(),
        "lab": scope.labs_visible(access).exists(),
    }
    return render(request, "communities/index.html", context)


@login_required
def community_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    organisations = scope.coordinating_orgs(access)
    require(organisations.exists(), "Сообщества создают методический центр и координаторы района")
    form = CommunityForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        community = form.save()
        messages.success(request, f"Сообщество «{community.name}» создано: добавьте не менее {MIN_MEMBERS} участников.")
        return redirect("communities:detail", pk=community.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/community_form.html", {"form": form}, status=status)


def _visible(access: Access, pk: int) -> Community:
    return get_visible_or_404(scope.communities_visible(access), pk=pk)


def _runnable(request: HttpRequest, pk: int) -> Community:
    access = access_for(request.user)
    community = _visible(access, pk)
    require(scope.runs_community(access, community), NOT_YOURS)
    return community


def _context(request: HttpRequest, community: Community, **forms: Any) -> dict[str, Any]:
    access = access_for(request.user)
    runs = scope.runs_community(access, community)
    members = list(community.members.select_related("person", "person__organisation"))
    defaults: dict[str, Any] = {
        "member_form": MemberForm(community=community),
        "event_form": EventForm(),
        "material_form": MaterialForm(),
        "report_form": ReportForm(),
        "training_form": TrainingForm(community=community),
    }
    defaults.update(forms)
    return {
        "community": community,
        "runs": runs,
        "is_member": scope.is_member(access, community),
        "members": members,
        "asset": [m for m in members if m.asset_role],
        "min_members": MIN_MEMBERS,
        "missing": max(0, MIN_MEMBERS - len(members)),
        "events": community.events.prefetch_related("attendance"),
        "materials": community.materials.select_related("author"),
        "reports": community.reports.all(),
        "trainings": community.trainings.select_related("trainer", "trainee"),
        "standings": services.standings(community),
        "rule": rule_lines(),
        "self_checks": services.self_check_summaries(community),
        **defaults,
    }


@login_required
def community_detail(request: HttpRequest, pk: int) -> HttpResponse:
    community = _visible(access_for(request.user), pk)
    return render(request, "communities/detail.html", _context(request, community))


def _invalid(request: HttpRequest, community: Community, name: str, form: forms.BaseForm) -> HttpResponse:
    messages.error(request, "Проверьте поля формы: есть ошибки.")
    return render(request, "communities/detail.html", _context(request, community, **{name: form}), status=400)


@login_required
def community_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    community = _runnable(request, pk)
    staff = scope.is_staff_of(access, community.organisation)
    orgs = scope.coordinating_orgs(access)
    form = CommunityForm(request.POST or None, instance=community, organisations=orgs, staff=staff)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Сообщество сохранено.")
        return redirect("communities:detail", pk=community.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "communities/community_form.html", {"form": form, "community": community}, status=status)


@require_POST
@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    form = MemberForm(request.POST, community=community)
    if not form.is_valid():
        return _invalid(request, community, "member_form", form)
    member = form.save(commit=False)
    member.community = community
    member.joined_on = timezone.localdate()
    member.save()
    messages.success(request, f"{member.person.full_name} теперь в сообществе.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    member = get_visible_or_404(Member.objects.filter(community=community), pk=member_pk)
    member.delete()
    messages.success(request, f"{member.person.full_name} больше не участник сообщества.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    try:
        services.register(community, timezone.localdate())
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return render(request, "communities/detail.html", _context(request, community), status=400)
    messages.success(request, "Сообщество зарегистрировано.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def event_add(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    form = EventForm(request.POST)
    if not form.is_valid():
        return _invalid(request, community, "event_form", form)
    event = form.save(commit=False)
    event.community = community
    event.save()
    messages.success(request, "Мероприятие добавлено: отметьте посещаемость.")
    return redirect("communities:event", pk=community.pk, event_pk=event.pk)


@login_required
def event(request: HttpRequest, pk: int, event_pk: int) -> HttpResponse:
    """The attendance list of one event: the runners tick the members who came."""
    access = access_for(request.user)
    community = _visible(access, pk)
    item = get_visible_or_404(CommunityEvent.objects.filter(community=community), pk=event_pk)
    members = list(community.members.select_related("person"))
    present = set(item.attendance.values_list("person_id", flat=True))
    if request.method == "POST":
        require(scope.runs_community(access, community), NOT_YOURS)
        allowed = {m.person_id for m in members}
        chosen = {int(v) for v in request.POST.getlist("present") if v.isdigit()} & allowed
        item.attendance.exclude(person_id__in=chosen).delete()
        Attendance.objects.bulk_create(
            [Attendance(event=item, person_id=pid) for pid in chosen - present], ignore_conflicts=True
        )
        messages.success(request, "Посещаемость сохранена.")
        return redirect("communities:event", pk=community.pk, event_pk=item.pk)
    context = {
        "community": community,
        "event": item,
        "members": members,
        "present": present,
        "runs": scope.runs_community(access, community),
    }
    return render(request, "communities/event.html", context)


@require_POST
@login_required
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Runners and members add to the bank (a member's material earns points)."""
    access = access_for(request.user)
    community = _visible(access, pk)
    require(scope.runs_community(access, community) or scope.is_member(access, community), NOT_YOURS)
    require(access.person_id is not None, "Материал добавляет педагог со своей учётной записью")
    form = MaterialForm(request.POST)
    if not form.is_valid():
        return _invalid(request, community, "material_form", form)
    material = form.save(commit=False)
    material.community = community
    material.author_id = access.person_id
    material.added_on = timezone.localdate()
    material.save()
    messages.success(request, "Материал добавлен в банк.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def report_add(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _invalid(request, community, "report_form", form)
    report = form.save(commit=False)
    report.community = community
    report.submitted_on = timezone.localdate()
    report.save()
    messages.success(request, "Отчёт сохранён.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def training_add(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    form = TrainingForm(request.POST, community=community)
    if not form.is_valid():
        return _invalid(request, community, "training_form", form)
    Training.objects.create(community=community, **form.cleaned_data)
    messages.success(request, "Каскадное обучение записано.")
    return redirect("communities:detail", pk=community.pk)


@require_POST
@login_required
def self_check(request: HttpRequest, pk: int) -> HttpResponse:
    community = _runnable(request, pk)
    try:
        _, invited = services.start_self_check(community, request.user, timezone.localdate())
    except services.Refused as refusal:
        messages.error(request, str(refusal))
        return redirect("communities:detail", pk=community.pk)
    messages.success(request, f"Самопроверка начата: приглашено {invited}.")
    return redirect("communities:detail", pk=community.pk)
