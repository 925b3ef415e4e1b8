"""The catalogue of regional practices beside the bank: browse and filter, propose, decide."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.paging import paginate
from nastavnik.common.text import fold
from nastavnik.practices import catalogue, scope
from nastavnik.practices.forms_catalogue import CatalogueSearchForm, DecisionForm, ProposalForm
from nastavnik.practices.models import CatalogueStatus, RegionalPractice


def _require_reader(request: HttpRequest) -> None:
    require(scope.can_read_bank(access_for(request.user)), "Каталог региональных практик доступен сотрудникам")


@login_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = CatalogueSearchForm(request.GET or None, groups=catalogue.form_groups())
    qs = catalogue.visible_entries(request.user)
    proposals = qs.exclude(status=CatalogueStatus.INCLUDED).order_by("status", "-created_at", "-id")
    qs = qs.filter(status=CatalogueStatus.INCLUDED)
    if form.is_valid():
        words = fold(form.cleaned_data["q"]).split()
        for word in words:
            qs = qs.filter(search_text__contains=word)
        if form.cleaned_data["form_group"]:
            qs = qs.filter(form_group=form.cleaned_data["form_group"])
    context: dict[str, Any] = {
        "search_form": form,
        "proposals": list(proposals[:50]),
        "can_propose": catalogue.can_propose(request.user),
        "can_decide": catalogue.can_decide(request.user),
        # The source's entries in its order, then the included proposals (the same on both databases).
        **paginate(request, qs.order_by(F("source_n").asc(nulls_last=True), "form_group", "title", "id")),
    }
    return render(request, "practices/catalogue_list.html", context)


@login_required
def catalogue_propose(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    require(catalogue.can_propose(request.user), "Предлагать практики могут руководитель, куратор и рабочая группа")
    organisations = scope.authoring_organisations(request.user)
    practice = None
    raw = request.GET.get("practice", "")
    if raw.isdigit() and len(raw) < 19:
        practice = scope.visible_practices(request.user).filter(pk=int(raw), organisation__in=organisations).first()
    initial = {}
    if practice is not None:
        initial = {
            "organisation": practice.organisation_id,
            "title": practice.title,
            "form_group": practice.form.name if practice.form else "",
            "description": practice.description,
        }
    form = ProposalForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = RegionalPractice(
            form_group=data["form_group"].strip(),
            title=data["title"].strip(),
            links=data["links"],
            description=data["description"].strip(),
            status=CatalogueStatus.PROPOSED,
            practice=practice,
            proposed_by_org=data["organisation"],
            proposed_by=request.user if request.user.is_authenticated else None,
        )
        entry.save()
        messages.success(request, f"Практика «{entry.title}» предложена в каталог региональных практик.")
        return redirect(reverse("practices:catalogue"))
    return render(request, "practices/catalogue_propose.html", {"form": form, "practice": practice})


@login_required
@require_POST
def catalogue_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    entry = get_visible_or_404(catalogue.visible_entries(request.user), pk=pk)
    require(catalogue.can_decide(request.user), "Решение о включении в каталог принимает региональный координатор")
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(reverse("practices:catalogue"))
    include = form.cleaned_data["decision"] == "include"
    entry.status = CatalogueStatus.INCLUDED if include else CatalogueStatus.DECLINED
    entry.decision_note = form.cleaned_data["note"].strip()
    entry.decided_by = request.user  # type: ignore[assignment]
    entry.save()
    messages.success(request, f"«{entry.title}»: {'включена в каталог' if include else 'отклонена'}.")
    return redirect(reverse("practices:catalogue"))
