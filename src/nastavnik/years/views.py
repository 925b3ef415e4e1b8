"""A new academic year: preview and carry-over of a programme (director or curator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.programmes.models import Programme
from nastavnik.years import carry_over as service


@login_required
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    qs = Programme.objects.visible_to(request.user).select_related("academic_year", "organisation")
    programme = get_visible_or_404(qs, pk=pk)
    require(
        access_for(request.user).can_decide_in(programme.organisation),
        "Перенести программу на новый учебный год могут руководитель и куратор",
    )
    if request.method == "POST":
        try:
            new, plan = service.carry_over(programme, request.user)
        except service.CarryOverError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Программа перенесена на {new.academic_year} учебный год: "
                f"пар — {plan.pairs}, наставников — {plan.mentors + plan.applications}, наставляемых — {plan.mentees}.",
            )
        return redirect(reverse("programmes:carry_over", args=[programme.pk]))
    following = programme.carried_to.select_related("academic_year").first()
    context = {
        "programme": programme,
        "following": following,
        "refusal": service.refusal(programme),
        "plan": service.preview(programme) if following is None else None,
        "carried_pairs": list(service.long_term_pairs(programme).select_related("mentor__person").order_by("id")[:50])
        if following is None
        else [],
    }
    return render(request, "programmes/year_carry_over.html", context)
