"""The page of one pair: its state and next actions, the meeting log, plans and results."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.access.rules import access_for, get_visible_or_404
from nastavnik.diary.cards import pair_cards
from nastavnik.pairs.views import visible_pairs
from nastavnik.pairs.views_lifecycle import lifecycle_context


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_visible_or_404(visible_pairs(request).select_related("order"), pk=pk)
    access = access_for(request.user)
    context = {
        "pair": pair,
        "can_manage": access.can_manage_org(pair.programme.organisation),
        **lifecycle_context(request, pair),
        **pair_cards(request.user, pair),
    }
    return render(request, "pairs/detail.html", context)
