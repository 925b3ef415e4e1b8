"""Answering by a personal link (no account needed) — works on a phone."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from nastavnik.surveys import engine, services
from nastavnik.surveys.answering import parse_answers
from nastavnik.surveys.models import Invitation


def _invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("campaign__version__instrument", "person").filter(token=token).first()
    )
    if invitation is None:
        raise Http404("Ссылка недействительна")
    return invitation


def _already_answered(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    # A repeated POST (double click, second tab, a request that lost the race) is a conflict: nothing was saved.
    status = 409 if request.method == "POST" else 200
    return render(request, "surveys/answer_done.html", {**context, "already": True}, status=status)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    campaign = invitation.campaign
    definition = campaign.version.definition
    context = {"campaign": campaign, "definition": definition, "answers": {}, "errors": {}}
    if invitation.answered_at:
        return _already_answered(request, context)
    if not services.is_open(campaign):
        return render(request, "surveys/answer_closed.html", context, status=403)
    refusal = engine.eligibility(definition, invitation.person.birth_date, datetime.date.today())
    if refusal:
        return render(request, "surveys/answer_closed.html", {**context, "reason": refusal}, status=403)
    if request.method != "POST":
        return render(request, "surveys/answer.html", context)
    answers = parse_answers(definition, request.POST)
    checked = engine.check(definition, answers)
    if checked.errors:
        context.update(answers=answers, errors=checked.errors)
        return render(request, "surveys/answer.html", context, status=400)
    try:
        scores = services.store_response(invitation, checked)
    except services.AlreadyAnswered:  # another request by the same link won the race
        return _already_answered(request, context)
    return render(request, "surveys/answer_done.html", {**context, "scores": scores, "refused": checked.refused})
