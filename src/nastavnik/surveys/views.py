"""Campaigns: list, create (personal links), progress, printable QR sheet, instruments."""

from __future__ import annotations

import csv
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse

from nastavnik.access.rules import access_for, get_visible_or_404, require, visible_organisations
from nastavnik.bases.models import MenteeEntry, MentorEntry
from nastavnik.common.paging import paginate
from nastavnik.common.xlsx import build_workbook, xlsx_response
from nastavnik.orgs.models import MANAGING_ROLES, Organisation
from nastavnik.programmes.models import Programme
from nastavnik.surveys import anonymity, exports, results, services
from nastavnik.surveys.anonymity import ClassGroups
from nastavnik.surveys.forms import CampaignForm
from nastavnik.surveys.models import Campaign, Instrument, Response


def visible_campaigns(request: HttpRequest) -> QuerySet[Campaign]:
    return access_for(request.user).filter_by_organisation(Campaign.objects.all(), "organisation")


def campaign_for_manage(request: HttpRequest, pk: int) -> Campaign:
    campaign = get_visible_or_404(
        visible_campaigns(request).select_related("version__instrument", "organisation"), pk=pk
    )
    require(access_for(request.user).can_manage_org(campaign.organisation), "Опросы ведёт куратор организации")
    return campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Опросы доступны сотрудникам, ведущим наставничество")
    campaigns = (
        visible_campaigns(request)
        .select_related("version__instrument", "organisation")
        .annotate(
            invited=Count("invitations"),
            answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
        )
    )
    organisations = visible_organisations(request.user).filter(campaigns__isnull=False).distinct()
    chosen = request.GET.get("organisation", "")
    if chosen.isdigit():
        campaigns = campaigns.filter(organisation_id=int(chosen))
    context = {
        "can_create": access.is_admin or bool(access.orgs_with(MANAGING_ROLES)),
        "organisations": organisations.order_by("short_name"),
        "selected_organisation": chosen,
        **paginate(request, campaigns.order_by("-opens_on", "-id")),
    }
    return render(request, "surveys/campaign_list.html", context)


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    organisations = (
        Organisation.objects.all()
        if access.is_admin
        else Organisation.objects.filter(id__in=access.orgs_with(MANAGING_ROLES))
    )
    require(organisations.exists(), "Создавать опросы может куратор организации")
    programmes = Programme.objects.filter(organisation__in=organisations).select_related("academic_year")
    form = CampaignForm(request.POST or None, organisations=organisations, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = services.audience_people(
            data["organisation"],
            data["audience"],
            data["programme"],
            data["grade"],
            data["class_letter"],
            data["mentoring_form"],
        )
        fields = {
            k: data[k]
            for k in (
                "organisation",
                "programme",
                "version",
                "title",
                "anonymous",
                "opens_on",
                "closes_on",
                "baseline",
            )
        }
        fields["once_per_year"] = CampaignForm.yearly_override(data)
        campaign, plan = services.create_campaign(fields, people, request.user)
        messages.success(request, _plan_message(plan))
        return redirect("surveys:detail", pk=campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form})


def _plan_message(plan: services.InvitationPlan) -> str:
    parts = [f"Приглашено: {len(plan.invited)}."]
    if plan.without_consent:
        parts.append(f"Без согласия на обработку ПДн (не приглашены): {plan.without_consent}.")
    if plan.too_young:
        parts.append(f"Младше допустимого возраста: {plan.too_young}.")
    if plan.answered_this_year:
        parts.append(f"Уже отвечали в этом учебном году: {plan.answered_this_year}.")
    return " ".join(parts)


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_visible_or_404(
        visible_campaigns(request).select_related("version__instrument", "organisation"), pk=pk
    )
    access = access_for(request.user)
    invitations = campaign.invitations.select_related("person").order_by("person__last_name", "person__first_name")
    context: dict[str, Any] = {
        "campaign": campaign,
        "can_manage": access.can_manage_org(campaign.organisation),
        "invited": invitations.count(),
        "answered": invitations.filter(answered_at__isnull=False).count(),
        "refusals": campaign.responses.filter(refused=True).count(),
        "is_open": services.is_open(campaign),
        **paginate(request, invitations, per_page=50),
    }
    return render(request, "surveys/campaign_detail.html", context)


def answer_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("surveys:answer", args=[token]))


@login_required
def qr_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable sheet: one cut-out card per person with a QR code of the personal link."""
    campaign = campaign_for_manage(request, pk)
    cards = []
    for invitation in campaign.invitations.select_related("person").order_by("person__last_name", "person__first_name"):
        url = answer_url(request, invitation.token)
        svg = segno.make(url, error="m").svg_inline(scale=3)
        # Who has answered an anonymous campaign is not shown to staff, not even on the printed sheet.
        answered = None if campaign.anonymous else invitation.answered_at
        cards.append({"person": invitation.person, "url": url, "svg": svg, "answered": answered})
    return render(request, "surveys/qr_sheet.html", {"campaign": campaign, "cards": cards})


@login_required
def instrument_list(request: HttpRequest) -> HttpResponse:
    require(access_for(request.user).is_staff_reader, "Список методик доступен сотрудникам")
    instruments = Instrument.objects.prefetch_related("versions").order_by("title")
    return render(request, "surveys/instrument_list.html", {"instruments": instruments})


def _responses(request: HttpRequest, campaign: Campaign, groups: ClassGroups) -> tuple[QuerySet[Response], str]:
    """The answers chosen by the filters, and the class asked for when it is too small to show ("" if none)."""
    responses = campaign.responses.all()
    class_name = request.GET.get("class", "").strip().upper()
    if class_name and campaign.anonymous and not groups.allows(class_name):
        return responses.none(), class_name
    if class_name:
        responses = responses.filter(class_name=class_name)
    form_id = request.GET.get("form", "")
    if form_id.isdigit() and campaign.programme_id and not campaign.anonymous:
        # Named answers of a programme: the form of the respondent's mentee or mentor entry there.
        in_form = Q(programme_id=campaign.programme_id, programme_form__form_id=int(form_id))
        people = [*MenteeEntry.objects.filter(in_form).values_list("person_id", flat=True)]
        people += MentorEntry.objects.filter(in_form).values_list("person_id", flat=True)
        responses = responses.filter(person_id__in=people)
    return responses, ""


@login_required
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_visible_or_404(
        visible_campaigns(request).select_related("version__instrument", "organisation"), pk=pk
    )
    groups = anonymity.class_groups(campaign)
    responses, hidden_class = _responses(request, campaign, groups)
    # Per-respondent rows only for a named campaign: an anonymous one shows aggregates (its export has no order).
    respondents = responses.none() if campaign.anonymous else responses.filter(refused=False)
    context = {
        "campaign": campaign,
        "questions": results.question_stats(campaign, responses),
        "scales": results.scale_stats(responses),
        "total": responses.filter(refused=False).count(),
        "refused": responses.filter(refused=True).count(),
        "classes": sorted(groups.shown),
        "classes_hidden": groups.hidden,
        "hidden_class": hidden_class,
        "hidden_label": anonymity.HIDDEN,
        "selected_class": request.GET.get("class", ""),
        "forms": campaign.programme.forms.select_related("form")
        if campaign.programme and not campaign.anonymous
        else [],
        "selected_form": request.GET.get("form", ""),
        # Named results and the export are for the organisation's own staff; coordinators see totals.
        "can_manage": access_for(request.user).can_manage_org(campaign.organisation),
        **paginate(request, respondents.select_related("person").order_by("-submitted_at"), per_page=50),
    }
    return render(request, "surveys/results.html", context)


def _export_table(request: HttpRequest, campaign: Campaign) -> exports.Table | HttpResponse:
    groups = anonymity.class_groups(campaign)
    responses, hidden_class = _responses(request, campaign, groups)
    if hidden_class:
        message = f"Класс {hidden_class}: {anonymity.HIDDEN}. Выгрузите ответы всех классов."
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    return exports.answer_table(campaign, responses, groups)


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    """All answers as XLSX; an anonymous campaign's export has no names, dates or order (see exports)."""
    campaign = campaign_for_manage(request, pk)
    table = _export_table(request, campaign)
    if isinstance(table, HttpResponse):
        return table
    header, rows = table
    widths = [12] if campaign.anonymous else [5, 30, 8, 12]
    content = build_workbook("Ответы", header, rows, widths=widths)
    return xlsx_response(f"survey-{campaign.pk}.xlsx", content)


def _csv_cell(value: Any) -> Any:
    # A text cell that starts like a formula would run as one when the file is opened in Excel.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


@login_required
def campaign_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """All answers as CSV for Excel: UTF-8 with BOM, «;» as the delimiter; anonymous → no names."""
    campaign = campaign_for_manage(request, pk)
    table = _export_table(request, campaign)
    if isinstance(table, HttpResponse):
        return table
    header, rows = table
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{campaign.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return response
