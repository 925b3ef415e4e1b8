"""Pairs board, pair card, confirmation; the three matching schemes live in views_*.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.common.http import safe_next
from nastavnik.common.paging import paginate
from nastavnik.pairs import services
from nastavnik.pairs.filters import PairFilter
from nastavnik.pairs.models import Pair, PairMentee, PairStatus
from nastavnik.programmes.models import Programme


def pair_url(pair: Pair) -> str:
    return reverse("pairs:detail", args=[pair.pk])


def visible_pairs(request: HttpRequest) -> QuerySet[Pair]:
    members = PairMentee.objects.select_related("mentee__person")
    return (
        Pair.objects.visible_to(request.user)
        .select_related("mentor__person", "programme__academic_year", "programme__organisation", "programme_form__form")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def pair_for_manage(request: HttpRequest, pk: int) -> Pair:
    pair = get_visible_or_404(visible_pairs(request), pk=pk)
    require(access_for(request.user).can_manage_org(pair.programme.organisation), "Пары ведёт куратор программы")
    return pair


@login_required
def board(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Пары доступны сотрудникам, ведущим наставничество")
    pairs = visible_pairs(request)
    programmes = Programme.objects.visible_to(request.user).select_related("academic_year")
    filterset = PairFilter(request.GET or None, queryset=pairs, programmes=programmes)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else pairs
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("id")))
    context: dict[str, Any] = {
        "filter": filterset,
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in PairStatus.choices],
        "programmes": (
            programmes if access.is_admin else programmes.filter(organisation_id__in=access.managed_org_ids)
        ).prefetch_related("forms__form", "forms__variant"),
        **paginate(request, qs.order_by("-created_at", "id")),
    }
    return render(request, "pairs/board.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for_manage(request, pk)
    try:
        services.confirm(pair, request.user)
        messages.success(request, "Пара подтверждена.")
    except services.PairError as error:
        messages.error(request, str(error))
    return redirect(safe_next(request) or pair_url(pair))


@login_required
@require_POST
def dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    pair = pair_for_manage(request, pk)
    try:
        services.dissolve(pair, request.POST.get("reason", ""), request.user)
        messages.success(request, "Пара расформирована; наставляемые получат приоритет при следующем подборе.")
    except services.PairError as error:
        messages.error(request, str(error))
    return redirect(pair_url(pair))
