"""Answering by a personal link (no account needed) — works on a phone."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nastavnik.orgs.models import Membership, Role
from nastavnik.surveys import engine, services
from nastavnik.surveys.answering import parse_answers
from nastavnik.surveys.models import Invitation, Response


def _invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("campaign__version__instrument", "person").filter(token=token).first()
    )
    if invitation is None:
        raise Http404("Ссылка недействительна")
    return invitation


def _class_name(invitation: Invitation) -> str:
    member = Membership.objects.filter(
        person=invitation.person, organisation=invitation.campaign.organisation, role=Role.STUDENT
    ).first()
    return member.class_name if member else ""


@transaction.atomic
def _store(invitation: Invitation, answers: dict[str, object], refused: bool, scores: list[dict[str, object]]) -> None:
    campaign = invitation.campaign
    now = timezone.now()
    if campaign.anonymous:  # keep only the day: no way to match the answer to the invitation by time
        now = now.replace(hour=0, minute=0, second=0, microsecond=0)
    Response.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=None if campaign.anonymous else invitation.person,
        refused=refused,
        answers={} if refused else answers,
        scores=[] if refused else scores,
        submitted_at=now,
        class_name=_class_name(invitation),
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])


def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation(token)
    campaign = invitation.campaign
    definition = campaign.version.definition
    context = {"campaign": campaign, "definition": definition, "answers": {}, "errors": {}}
    if invitation.answered_at:
        return render(request, "surveys/answer_done.html", {**context, "already": True})
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
    scores = [] if checked.refused else engine.score(definition, checked.answers)
    _store(invitation, checked.answers, checked.refused, scores)
    return render(request, "surveys/answer_done.html", {**context, "scores": scores, "refused": checked.refused})
