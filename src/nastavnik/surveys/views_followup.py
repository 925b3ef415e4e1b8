"""After a campaign: before/after change, reminders to those who have not answered, «Мои опросы»."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404
from nastavnik.surveys import change, explain, reminders, services
from nastavnik.surveys.models import Invitation, Response
from nastavnik.surveys.views import campaign_for_manage, visible_campaigns


@login_required
def campaign_change(request: HttpRequest, pk: int) -> HttpResponse:
    """«Динамика „до — после“»: aggregates for readers, people and pairs for the organisation's managers."""
    campaigns = visible_campaigns(request).select_related("version__instrument", "organisation", "programme")
    after = get_visible_or_404(campaigns.filter(baseline__isnull=False), pk=pk)
    # The «before» must be visible too: its numbers are shown on this page.
    after.baseline = get_visible_or_404(campaigns, pk=after.baseline_id)
    context: dict[str, Any] = {
        "report": change.compute(after),
        "campaign": after,
        "can_manage": access_for(request.user).can_manage_org(after.organisation),
    }
    return render(request, "surveys/change.html", context)


@login_required
@require_POST
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """«Напомнить не ответившим»: the reminder run of the command, for this campaign only."""
    campaign = campaign_for_manage(request, pk)
    if not services.is_open(campaign):
        messages.warning(request, "Опрос не идёт: напоминать некому.")
        return redirect("surveys:detail", pk=campaign.pk)
    try:
        result = reminders.send_reminders(campaign=campaign)
    except reminders.MailUnavailable as error:
        messages.error(request, f"{error}. Напоминания не отправлены — попробуйте позже.")
        return redirect("surveys:detail", pk=campaign.pk)
    text = reminders.summary(result)
    unreachable = reminders.without_email(campaign)
    if unreachable:
        text += f" Без e-mail не ответили: {unreachable} — им можно раздать лист с QR-кодами."
    (messages.warning if result.failed else messages.success)(request, text)
    return redirect("surveys:detail", pk=campaign.pk)


@login_required
def my_surveys(request: HttpRequest) -> HttpResponse:
    """The signed-in person's open invitations and the results of named scored instruments they answered."""
    person = getattr(request.user, "person", None)
    context: dict[str, Any] = {"person": person, "open": [], "answered": []}
    if person is None:
        return render(request, "surveys/my_surveys.html", context)
    invitations = (
        Invitation.objects.filter(person=person)
        .select_related("campaign__version__instrument", "campaign__organisation")
        .order_by("campaign__closes_on", "pk")
    )
    today = timezone.localdate()
    context["open"] = [i for i in invitations.filter(answered_at__isnull=True) if services.is_open(i.campaign, today)]
    answered = list(invitations.filter(answered_at__isnull=False).order_by("-answered_at", "-pk"))
    own = {
        r.campaign_id: r
        for r in Response.objects.filter(person=person, campaign__in=[i.campaign_id for i in answered]).order_by("pk")
    }
    texts = explain.newest_texts(i.campaign.version.instrument_id for i in answered)
    context["answered"] = [
        {
            "invitation": i,
            "response": own.get(i.campaign_id),
            "scores": explain.explained(
                own[i.campaign_id].scores if i.campaign_id in own else None,
                texts.get(i.campaign.version.instrument_id, {}),
            ),
        }
        for i in answered
    ]
    return render(request, "surveys/my_surveys.html", context)
