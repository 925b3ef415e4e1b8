"""«Школа Лидеров образования»: the cycle of a year, the reserve list, one person's record, the export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.xlsx import xlsx_response
from nastavnik.communities import cycle, reserve, scope
from nastavnik.communities.forms_reserve import CompetenceForm, EntryAddForm, EntryForm
from nastavnik.communities.models import Competence, ReserveCycle, ReserveStatus
from nastavnik.communities.views_common import start_of_year, year_form
from nastavnik.orgs.models import AcademicYear

STAFF_ONLY = "Кадровым резервом занимаются методический центр и координаторы района"


@login_required
def cycles(request: HttpRequest) -> HttpResponse:
    access, form = year_form(request, STAFF_ONLY)
    if request.method == "POST" and form.is_valid():
        item = start_of_year(form, ReserveCycle, "Цикл {year} для этой организации уже начат.")
        if item is not None:
            return redirect("communities:reserve_cycle", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    context = {"cycles": scope.cycles_visible(access), "form": form, "year": AcademicYear.current()}
    return render(request, "communities/reserve_list.html", context, status=status)


def _cycle_context(request: HttpRequest, item: ReserveCycle, add_form: EntryAddForm | None = None) -> dict[str, object]:
    today = timezone.localdate()
    entries = item.entries.select_related("person", "workplace")
    return {
        "cycle": item,
        "steps": cycle.steps(item.stage),
        "in_window": cycle.in_window(item.stage, today),
        "window": cycle.window_text(item.stage),
        "entries": entries,
        "counts": {
            "candidates": sum(1 for e in entries if e.status == ReserveStatus.CANDIDATE),
            "members": sum(1 for e in entries if e.status == ReserveStatus.MEMBER),
            "participants": sum(1 for e in entries if e.competition),
            "winners": sum(1 for e in entries if e.competition == "winner"),
        },
        "add_form": add_form or EntryAddForm(cycle=item),
    }


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(scope.cycles_visible(access_for(request.user)), pk=pk)
    return render(request, "communities/reserve_cycle.html", _cycle_context(request, item))


@require_POST
@login_required
def cycle_advance(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(scope.cycles_visible(access_for(request.user)), pk=pk)
    try:
        stage = reserve.advance(item)
    except reserve.StageRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Этап: {item.get_stage_display()}." if stage else "")
    return redirect("communities:reserve_cycle", pk=item.pk)


@require_POST
@login_required
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(scope.cycles_visible(access_for(request.user)), pk=pk)
    form = EntryAddForm(request.POST, cycle=item)
    if not form.is_valid():
        return render(request, "communities/reserve_cycle.html", _cycle_context(request, item, form), status=400)
    entry = form.save(commit=False)
    entry.cycle = item
    entry.workplace = form.cleaned_data["person"].organisation
    entry.save()
    messages.success(request, f"{entry.person.full_name} добавлен(а) в список кандидатов.")
    return redirect("communities:reserve_cycle", pk=item.pk)


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's record: staff edit it; the candidate and the head of his school read it."""
    access = access_for(request.user)
    entry = get_visible_or_404(scope.entries_visible(access), pk=pk)
    can_edit = scope.is_staff_of(access, entry.cycle.organisation)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST":
        require(can_edit, STAFF_ONLY)
        if form.is_valid():
            with transaction.atomic():
                form.save()
                reserve.set_ratings(entry, form.levels())
            messages.success(request, "Запись сохранена.")
            return redirect("communities:reserve_entry", pk=entry.pk)
    context = {
        "entry": entry,
        "form": form,
        "can_edit": can_edit,
        "matrix": reserve.matrix(entry),
        "history": reserve.history(entry),
    }
    return render(request, "communities/reserve_entry.html", context, status=400 if form.errors else 200)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(scope.cycles_visible(access_for(request.user)), pk=pk)
    filename = f"кадровый-резерв-{item.academic_year.start_year}.xlsx"
    return xlsx_response(filename, reserve.export_xlsx(item))


@login_required
def my_reserve(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    visible = scope.entries_visible(access)
    mine = visible.none() if access.person_id is None else visible.filter(person_id=access.person_id)
    entries = mine.order_by("-cycle__academic_year__start_year")
    require(entries.exists(), "Вы не состоите в кадровом резерве и не являетесь кандидатом")
    return render(request, "communities/reserve_my.html", {"entries": entries})


@login_required
def competences(request: HttpRequest) -> HttpResponse:
    """The editable list of the competence matrix's rows."""
    access = access_for(request.user)
    require(scope.coordinating_orgs(access).exists(), STAFF_ONLY)
    form = CompetenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Компетенция добавлена.")
        return redirect("communities:competences")
    status = 400 if request.method == "POST" else 200
    context = {"competences": Competence.objects.all(), "form": form}
    return render(request, "communities/competences.html", context, status=status)
