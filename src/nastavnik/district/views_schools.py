"""«Школа – Школе»: school profiles (by hand or from a file), the pairing and its confirmation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import access_for, get_visible_or_404
from nastavnik.common.http import safe_next
from nastavnik.common.paging import paginate
from nastavnik.district import services
from nastavnik.district.forms import PairingRulesForm, SchoolImportForm, SchoolProfileForm
from nastavnik.district.models import PairingStatus, SchoolProfile, SchoolRole
from nastavnik.district.school_import import import_profiles
from nastavnik.district.scope import coordinates, pairings_visible, require_coordinator
from nastavnik.district.views import Choice, choose
from nastavnik.engines.matching.school_pairs import SchoolRules
from nastavnik.orgs.models import Organisation, OrganisationKind, subtree_q


def _territory(choice: Choice) -> Organisation:
    assert choice.territory is not None  # coordinators and the admin always have one
    return choice.territory


def _schools_context(request: HttpRequest, choice: Choice) -> dict[str, Any]:
    territory = _territory(choice)
    schools = Organisation.objects.filter(subtree_q("path", territory.path), kind=OrganisationKind.SCHOOL)
    page = paginate(request, schools.order_by("path"))
    profiles = {
        p.organisation_id: p
        for p in SchoolProfile.objects.filter(academic_year=choice.year, organisation__in=list(page["object_list"]))
    }
    roles = dict.fromkeys(SchoolRole.values, 0)
    for role in services.profiles_in(territory, choice.year).values_list("role", flat=True):
        roles[role] += 1
    return {
        "choice": choice,
        "filter": choice.filter,
        "rows": [(org, profiles.get(org.pk)) for org in page["object_list"]],
        "leaders": roles[SchoolRole.LEADER],
        "supported": roles[SchoolRole.SUPPORTED],
        "import_form": SchoolImportForm(),
        **page,
    }


@login_required
def schools(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require_coordinator(access)
    choice = choose(request, access)
    return render(request, "district/schools.html", _schools_context(request, choice))


@login_required
@require_POST
def school_import(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require_coordinator(access)
    choice = choose(request, access)
    form = SchoolImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = import_profiles(upload.name, upload, upload.size, choice.territory, choice.year, request.user)
        if not outcome.errors:
            messages.success(
                request, f"Профили школ загружены: новых — {outcome.created}, обновлено — {outcome.updated}."
            )
            return redirect(reverse("district:schools") + "?" + choice.query)
        errors = outcome.errors
    context = {**_schools_context(request, choice), "import_form": form, "import_errors": errors}
    return render(request, "district/schools.html", context, status=400)


@login_required
def school_profile(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    require_coordinator(access)
    org = Organisation.objects.filter(pk=pk, kind=OrganisationKind.SCHOOL).first()
    if org is None or not coordinates(access, org):
        raise Http404("Школа не найдена")
    choice = choose(request, access)
    profile = SchoolProfile.objects.filter(organisation=org, academic_year=choice.year).first() or SchoolProfile(
        organisation=org, academic_year=choice.year, role=SchoolProfile.default_role(org.low_results)
    )
    form = SchoolProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_profile(form.save(commit=False), request.user)
        messages.success(request, f"Профиль школы «{org.short_name}» сохранён.")
        return redirect(reverse("district:schools") + "?" + choice.query)
    context = {"org": org, "form": form, "choice": choice, "profile": profile}
    return render(request, "district/school_profile.html", context, status=400 if form.errors else 200)


def _last_min_gap(choice: Choice) -> Decimal:
    latest = services.pairings_in(_territory(choice), choice.year).order_by("-created_at").first()
    return latest.min_gap if latest else Decimal(10)


@login_required
def school_pairs(request: HttpRequest) -> HttpResponse:
    """The proposals of «Школа – Школе» for a territory; POST runs the optimal pairing again."""
    access = access_for(request.user)
    require_coordinator(access)
    choice = choose(request, access)
    territory = _territory(choice)
    form = PairingRulesForm(request.POST or None, initial={"min_gap": _last_min_gap(choice)})
    if request.method == "POST" and form.is_valid():
        result = services.run_school_pairing(territory, choice.year, form.rules(), request.user)
        messages.success(
            request, f"Подбор выполнен: предложено пар — {len(result.pairs)}, без пары — {len(result.unmatched)}."
        )
        return redirect(reverse("district:school_pairs") + "?" + choice.query)
    pairings = list(services.pairings_in(territory, choice.year).select_related("leader", "supported"))
    profiles = {p.organisation_id: p for p in services.profiles_in(territory, choice.year)}
    rules = SchoolRules(min_gap=float(form.initial["min_gap"]))
    context = {
        "choice": choice,
        "filter": choice.filter,
        "form": form,
        "rows": [(p, profiles.get(p.leader_id), profiles.get(p.supported_id)) for p in pairings],
        "proposed": sum(p.status == PairingStatus.PROPOSED for p in pairings),
        "unpaired": services.unpaired(territory, choice.year, rules),
        "has_profiles": bool(profiles),
    }
    return render(request, "district/school_pairs.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def school_pair_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    access = access_for(request.user)
    require_coordinator(access)
    pairing = get_visible_or_404(pairings_visible(access), pk=pk)
    try:
        services.confirm_school_pairing(pairing, request.user)
        messages.success(request, f"Пара подтверждена: {pairing.leader} → {pairing.supported}.")
    except services.DistrictError as error:
        messages.error(request, str(error))
    return redirect(
        safe_next(request) or reverse("district:school_pairs") + f"?year={pairing.academic_year.start_year}"
    )
