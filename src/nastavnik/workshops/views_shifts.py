"""Shifts «Выбор» and «Оптимизм» of a school: participants and the answers of the shift's feedback
questionnaire (the campaign linked to the shift), counted and aggregated on the shift's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import access_for, get_visible_or_404, require, visible_organisations
from nastavnik.surveys.models import Instrument
from nastavnik.surveys.results import question_stats
from nastavnik.workshops import catalogue
from nastavnik.workshops.forms_more import ShiftCampaignForm, ShiftForm, ShiftParticipantsForm
from nastavnik.workshops.models import Shift
from nastavnik.workshops.views import _organisation, chosen_year

READERS_ONLY = "Смены видят руководство школы и координаторы"
MANAGERS_ONLY = "Смены ведёт руководство школы"


@login_required
def shifts(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    access = access_for(request.user)
    require(access.can_read_org(org), READERS_ONLY)
    year = chosen_year(request)
    form = ShiftForm(request.POST or None)
    if request.method == "POST":
        require(access.can_manage_org(org), MANAGERS_ONLY)
        if form.is_valid():
            shift = form.save(commit=False)
            shift.organisation, shift.academic_year = org, year
            try:
                with transaction.atomic():
                    shift.save()
            except IntegrityError:
                form.add_error("code", f"Смена «{catalogue.names('shifts')[shift.code]}» в {year.name} уже есть.")
            else:
                messages.success(request, "Смена создана.")
                return redirect("workshops:shift", pk=shift.pk)
    rows = Shift.objects.filter(organisation=org, academic_year=year)
    names = catalogue.names("shifts")
    context = {
        "organisation": org,
        "year": year,
        "rows": [(s, names.get(s.code, s.code)) for s in rows],
        "form": form,
        "can_manage": access.can_manage_org(org),
    }
    return render(request, "workshops/shifts.html", context)


def _shift(request: HttpRequest, pk: int) -> Shift:
    qs = Shift.objects.filter(organisation__in=visible_organisations(request.user)).select_related(
        "organisation", "academic_year", "campaign__version"
    )
    shift = get_visible_or_404(qs, pk=pk)
    require(access_for(request.user).can_read_org(shift.organisation), READERS_ONLY)
    return shift


@login_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _shift(request, pk)
    can_manage = access_for(request.user).can_manage_org(shift.organisation)
    people_form = ShiftParticipantsForm(organisation=shift.organisation, initial={"people": shift.participants.all()})
    campaign_form = ShiftCampaignForm(shift=shift, initial={"campaign": shift.campaign})
    if request.method == "POST":
        require(can_manage, MANAGERS_ONLY)
        if request.POST.get("action") == "campaign":
            campaign_form = ShiftCampaignForm(request.POST, shift=shift)
            if campaign_form.is_valid():
                shift.campaign = campaign_form.cleaned_data["campaign"]
                shift.save(update_fields=["campaign"])
                messages.success(request, "Опрос обратной связи привязан к смене.")
                return redirect("workshops:shift", pk=shift.pk)
        else:
            people_form = ShiftParticipantsForm(request.POST, organisation=shift.organisation)
            if people_form.is_valid():
                shift.participants.set(people_form.cleaned_data["people"])
                messages.success(request, "Участники смены сохранены.")
                return redirect("workshops:shift", pk=shift.pk)
    participants = list(shift.participants.order_by("last_name", "first_name"))
    answers = shift.campaign.responses.filter(refused=False) if shift.campaign else None
    context = {
        "shift": shift,
        "name": catalogue.names("shifts").get(shift.code, shift.code),
        "instrument": Instrument.objects.filter(code=catalogue.shift_instrument(shift.code)).first(),
        "participants": participants,
        "answers_count": answers.count() if answers is not None else 0,
        "participants_answered": answers.filter(person__in=participants).count() if answers is not None else 0,
        "stats": question_stats(shift.campaign, answers) if shift.campaign and answers is not None else [],
        "can_manage": can_manage,
        "people_form": people_form,
        "campaign_form": campaign_form,
    }
    return render(request, "workshops/shift.html", context)
