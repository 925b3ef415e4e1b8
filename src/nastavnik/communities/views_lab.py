"""«Лаборатория профессиональных компетенций» (ДОУ): the year's survey, the mentor map, pairs, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.communities import lab as service
from nastavnik.communities import scope
from nastavnik.communities.forms_reserve import LabPairForm, LabReportForm
from nastavnik.communities.models import LabPair, LabStep, LabSurvey
from nastavnik.communities.views_common import start_of_year, year_form

STAFF_ONLY = "Лабораторией занимаются методический центр и координаторы района"


@login_required
def labs(request: HttpRequest) -> HttpResponse:
    access, form = year_form(request, STAFF_ONLY)
    if request.method == "POST" and form.is_valid():
        item = start_of_year(form, LabSurvey, "Год {year} лаборатории для этой организации уже начат.")
        if item is not None:
            return redirect("communities:lab", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    context = {"labs": scope.labs_visible(access), "form": form}
    return render(request, "communities/lab_list.html", context, status=status)


def _context(item: LabSurvey, **forms: object) -> dict[str, object]:
    columns, rows = service.mentor_map(item)
    campaign = item.campaign
    today = timezone.localdate()
    context: dict[str, object] = {
        "lab": item,
        "columns": columns,
        "rows": rows,
        "invited": campaign.invitations.count() if campaign else 0,
        "answered": campaign.invitations.filter(answered_at__isnull=False).count() if campaign else 0,
        "pairs": item.pairs.select_related(
            "mentor__person", "mentor__organisation", "mentee__person", "mentee__organisation"
        ),
        "days_left": (item.report_due - today).days,
        "pair_form": LabPairForm(lab=item),
        "report_form": LabReportForm(instance=item),
    }
    context.update(forms)
    return context


def _staff_lab(request: HttpRequest, pk: int) -> LabSurvey:
    return get_visible_or_404(scope.labs_visible(access_for(request.user)), pk=pk)


@login_required
def lab_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "communities/lab.html", _context(_staff_lab(request, pk)))


@require_POST
@login_required
def lab_survey(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_lab(request, pk)
    try:
        invited = service.start_survey(item, request.user, timezone.localdate())
    except service.LabRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Экспресс-опрос отправлен, приглашено педагогов ДОУ: {invited}.")
    return redirect("communities:lab", pk=item.pk)


@require_POST
@login_required
def lab_collect(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_lab(request, pk)
    try:
        added = service.collect(item)
    except service.LabRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"Карта наставников обновлена, новых строк: {added}.")
    return redirect("communities:lab", pk=item.pk)


@require_POST
@login_required
def lab_pair_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_lab(request, pk)
    form = LabPairForm(request.POST, lab=item)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service.make_pair(item, data["mentor"], data["mentee"], data["form"])
        except service.LabRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Пара создана: у наставника и ученика есть свои шаги.")
            return redirect("communities:lab", pk=item.pk)
    return render(request, "communities/lab.html", _context(item, pair_form=form), status=400)


@require_POST
@login_required
def lab_report(request: HttpRequest, pk: int) -> HttpResponse:
    item = _staff_lab(request, pk)
    form = LabReportForm(request.POST, instance=item)
    if not form.is_valid():
        return render(request, "communities/lab.html", _context(item, report_form=form), status=400)
    item = form.save(commit=False)
    item.report_submitted_on = timezone.localdate()
    item.save()
    messages.success(request, "Отчёт за год сохранён.")
    return redirect("communities:lab", pk=item.pk)


@login_required
def lab_pair(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    pair = get_visible_or_404(scope.lab_pairs_visible(access), pk=pk)
    steps = list(pair.steps.all())
    context = {
        "pair": pair,
        "mentor_steps": [s for s in steps if s.side == "mentor"],
        "mentee_steps": [s for s in steps if s.side == "mentee"],
        "can_mark": _marker_sides(access, pair),
    }
    return render(request, "communities/lab_pair.html", context)


def _marker_sides(access: Access, pair: LabPair) -> set[str]:
    """Staff tick both lists; the mentor and the mentee tick their own."""
    if scope.is_staff_of(access, pair.lab.organisation):
        return {"mentor", "mentee"}
    sides: set[str] = set()
    if access.person_id == pair.mentor.person_id:
        sides.add("mentor")
    if access.person_id == pair.mentee.person_id:
        sides.add("mentee")
    return sides


@require_POST
@login_required
def lab_step(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    access = access_for(request.user)
    pair = get_visible_or_404(scope.lab_pairs_visible(access), pk=pk)
    step = get_visible_or_404(LabStep.objects.filter(pair=pair), pk=step_pk)
    require(step.side in _marker_sides(access, pair), "Этот шаг отмечает другой участник пары")
    step.done_on = None if step.done_on else timezone.localdate()
    step.save(update_fields=["done_on"])
    return redirect("communities:lab_pair", pk=pair.pk)
