"""The director's buttons on the person card: export everything (JSON), erase, and ending a membership."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404, require
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Person
from nastavnik.people.scope import visible_people
from nastavnik.privacy import erase as erasure
from nastavnik.privacy import export as exporting
from nastavnik.privacy.forms import EndMembershipForm, EraseForm

DIRECTOR_ONLY = "Выгружать и удалять персональные данные может только руководитель организации"


def _person_for_director(request: HttpRequest, pk: int) -> Person:
    person = get_visible_or_404(visible_people(request.user), pk=pk)
    access = access_for(request.user)
    require(access.is_admin or bool(access.person_org_ids(person) & access.orgs_with({Role.DIRECTOR})), DIRECTOR_ONLY)
    return person


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_director(request, pk)
    response = HttpResponse(exporting.to_json(person), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    return response


@login_required
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for_director(request, pk)
    if erasure.is_erased(person):
        messages.info(request, "Персональные данные этого человека уже удалены.")
        return redirect("people:detail", pk=person.pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erasure.erase_person(person, form.cleaned_data["reason"], request.user, timezone.localdate())
        messages.success(request, f"Персональные данные удалены: человек записан как «{erasure.anonymous_name(pk)}».")
        return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/erase.html", {"person": person, "form": form}, status=status)


@login_required
@require_POST
def end_membership(request: HttpRequest, pk: int) -> HttpResponse:
    visible = visible_people(request.user)
    membership = get_visible_or_404(
        Membership.objects.filter(person__in=visible).select_related("organisation", "person"), pk=pk
    )
    require(
        access_for(request.user).can_decide_in(membership.organisation),
        "Выбытие отмечают куратор и руководитель организации",
    )
    form = EndMembershipForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        membership.is_active = False
        membership.left_on = form.cleaned_data["left_on"]
        membership.save(update_fields=["is_active", "left_on"])
        messages.success(request, f"Выбытие из «{membership.organisation.short_name}» отмечено.")
    else:
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("people:detail", pk=membership.person_id)
