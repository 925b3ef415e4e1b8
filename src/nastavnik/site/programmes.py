"""Programmes: the list, the passport (002, Приложение 1), its DOCX and the director's decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, require
from nastavnik.bases.models import Admission, MenteeEntry, MenteeStatus, MentorEntry
from nastavnik.common.http import docx_response
from nastavnik.common.paging import paginate
from nastavnik.orgs.models import AcademicYear, Organisation, Role
from nastavnik.pairs.models import Pair, PairStatus
from nastavnik.programmes import exports, roadmap
from nastavnik.programmes.approval import approval_refusal
from nastavnik.programmes.forms import PassportForm, ProgrammeFilterForm, StatusForm
from nastavnik.programmes.models import ItemStatus, Programme
from nastavnik.programmes.models import ProgrammeFormat as ProgrammeFormRow
from nastavnik.programmes.models import ProgrammeStatus as S
from nastavnik.programmes.views_common import (
    can_manage,
    programme_for_manage,
    programme_for_read,
    readable_programmes,
)

OPEN_ITEMS = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)

# The director's decisions: from → to, with the button's wording.
TRANSITIONS: dict[str, tuple[str, str]] = {
    S.DRAFT: (S.APPROVED, "Утвердить программу"),
    S.APPROVED: (S.ACTIVE, "Начать реализацию"),
    S.ACTIVE: (S.FINISHED, "Завершить программу"),
}


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Список программ доступен сотрудникам, которые ведут наставничество")
    current = AcademicYear.current()
    data = request.GET.copy()
    data.setdefault("year", str(current.start_year))
    filters = ProgrammeFilterForm(data)
    today = timezone.localdate()
    programmes = readable_programmes(request).annotate(
        n_items=Count("roadmap", distinct=True),
        n_overdue=Count("roadmap", filter=Q(roadmap__due_on__lt=today, roadmap__status__in=OPEN_ITEMS), distinct=True),
    )
    if filters.is_valid():
        year, status = filters.cleaned_data["year"], filters.cleaned_data["status"]
        if year and year != "all":
            programmes = programmes.filter(academic_year__start_year=int(year))
        if status:
            programmes = programmes.filter(status=status)
    else:
        programmes = programmes.filter(academic_year=current)
    programmes = programmes.order_by("-academic_year__start_year", "organisation__short_name", "title", "id")
    context = {
        "filters": filters,
        "can_create": access.is_admin or bool(access.managed_org_ids),
        **paginate(request, programmes),
    }
    return render(request, "programmes/list.html", context)


def _counts(programme: Programme) -> dict[str, list[tuple[str, int]]]:
    mentors = dict(
        MentorEntry.objects.filter(programme=programme).values_list("admission").annotate(n=Count("id")).order_by()
    )
    mentees = dict(
        MenteeEntry.objects.filter(programme=programme).values_list("status").annotate(n=Count("id")).order_by()
    )
    pairs = dict(Pair.objects.filter(programme=programme).values_list("status").annotate(n=Count("id")).order_by())
    return {
        "mentors": [(label, mentors.get(value, 0)) for value, label in Admission.choices],
        "mentees": [(label, mentees.get(value, 0)) for value, label in MenteeStatus.choices],
        "pairs": [(label, pairs.get(value, 0)) for value, label in PairStatus.choices],
    }


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    access = access_for(request.user)
    today = timezone.localdate()
    items = programme.roadmap.aggregate(
        total=Count("id"),
        done=Count("id", filter=Q(status=ItemStatus.DONE)),
        overdue=Count("id", filter=Q(due_on__lt=today, status__in=OPEN_ITEMS)),
    )
    transition = TRANSITIONS.get(programme.status)
    context = {
        "programme": programme,
        "forms": programme.forms.select_related("form", "variant", "role_model", "interaction_variant")
        .prefetch_related("types")
        .order_by("id"),
        "counts": _counts(programme),
        "items": items,
        "n_tasks": programme.management_tasks.count(),
        "can_manage": can_manage(request, programme),
        "is_director": access.is_director_of(programme.organisation),
        "transition": transition,
        "status_form": StatusForm(initial={"approved_on": today}),
        "director": roadmap.director_of(programme.organisation),
    }
    return render(request, "programmes/detail.html", context)


def _organisations_for_create(request: HttpRequest) -> Any:
    access = access_for(request.user)
    if access.is_admin:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(pk__in=access.managed_org_ids).order_by("path")


def _sync_forms(programme: Programme, chosen: list[Any]) -> list[str]:
    """Add the chosen forms; drop the unchosen ones unless people or pairs already use them."""
    chosen_ids = {form.pk for form in chosen}
    present = {row.form_id for row in programme.forms.all()}
    for form in chosen:
        if form.pk not in present:
            ProgrammeFormRow.objects.create(programme=programme, form=form)
    kept = []
    for row in programme.forms.select_related("form").exclude(form_id__in=chosen_ids):
        used = (
            MentorEntry.objects.filter(programme_form=row).exists()
            or MenteeEntry.objects.filter(programme_form=row).exists()
            or Pair.objects.filter(programme_form=row).exists()
        )
        if used:
            kept.append(row.form.name)
        else:
            row.delete()
    return kept


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    organisations = _organisations_for_create(request)
    require(organisations.exists(), "Создавать программы могут директор, куратор и рабочая группа организации")
    form = PassportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            programme = form.save(commit=False)
            programme.status = S.DRAFT
            person = getattr(request.user, "person", None)
            if person is not None and Role.CURATOR in access_for(request.user).roles.get(programme.organisation_id, ()):
                programme.curator = person
            programme.save()
            _sync_forms(programme, list(form.cleaned_data["mentoring_forms"]))
        messages.success(request, f"Программа «{programme.title}» создана. Заполните паспорт и дорожную карту.")
        return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "creating": True}, status=400 if form.errors else 200)


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_manage(request, pk)
    form = PassportForm(request.POST or None, instance=programme, staff=roadmap.staff_of(programme.organisation))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            kept = _sync_forms(programme, list(form.cleaned_data["mentoring_forms"]))
        if kept:
            messages.warning(
                request, "Оставлены формы, в которых уже есть участники или пары: " + ", ".join(kept) + "."
            )
        messages.success(request, "Паспорт программы сохранён.")
        return redirect("programmes:detail", pk=programme.pk)
    context = {"form": form, "programme": programme, "creating": False}
    return render(request, "programmes/form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def programme_status(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    require(
        access_for(request.user).is_director_of(programme.organisation),
        "Утверждает программу и меняет её статус директор организации",
    )
    form = StatusForm(request.POST)
    expected = TRANSITIONS.get(programme.status)
    if not form.is_valid() or expected is None or form.cleaned_data["to"] != expected[0]:
        messages.error(
            request,
            f"Статус не изменён: программа сейчас «{programme.get_status_display()}»"
            + (f", следующий шаг — «{expected[1]}»." if expected else " и больше не меняется."),
        )
        return redirect("programmes:detail", pk=programme.pk)
    target = form.cleaned_data["to"]
    if target == S.APPROVED and (refusal := approval_refusal(programme)):
        messages.error(request, refusal)
        return redirect("programmes:detail", pk=programme.pk)
    fields = ["status"]
    if target == S.APPROVED:
        programme.approved_on = form.cleaned_data["approved_on"] or timezone.localdate()
        programme.approval_document = form.cleaned_data["approval_document"]
        fields += ["approved_on", "approval_document"]
    programme.status = target
    programme.save(update_fields=fields)
    messages.success(request, f"Статус программы: «{programme.get_status_display()}».")
    return redirect("programmes:detail", pk=programme.pk)


@login_required
def passport_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_read(request, pk)
    return docx_response(exports.passport_docx(programme), exports.filename(programme, "programme", "docx"))
