"""District mentor map, its drill-down and cross-organisation matching in district programmes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nastavnik.access.rules import Access, access_for, require
from nastavnik.district import services
from nastavnik.district.forms import MapFilterForm, TerritoryForm
from nastavnik.district.mentor_map import (
    MapScope,
    Row,
    build_map,
    collect,
    district_programmes,
    finish,
    mentor_counts,
    waiting_counts,
)
from nastavnik.district.scope import DISTRICT_PROGRAMME_KINDS, is_coordinator, managed_org_ids, territories
from nastavnik.matching.models import MatchingSettings
from nastavnik.orgs.models import AcademicYear, Organisation
from nastavnik.pairs.matching import MatchingRefused
from nastavnik.pairs.views_schemes import programme_form_for_manage
from nastavnik.programmes.models import MentoringFormat, Programme


@dataclass
class Choice:
    """The validated GET parameters of a district page."""

    filter: TerritoryForm
    year: AcademicYear
    territory: Organisation | None
    form: MentoringFormat | None

    @property
    def query(self) -> str:
        params: dict[str, Any] = {"year": self.year.start_year}
        if self.territory is not None:
            params["territory"] = self.territory.pk
        if self.form is not None:
            params["form"] = self.form.pk
        return urlencode(params)


def choose(request: HttpRequest, access: Access, form_class: type[TerritoryForm] = TerritoryForm) -> Choice:
    """Territory (coordinators and the admin; the first one by default), year (the current) and form.

    A territory outside the user's reach is answered 404, like any other object of another district.
    """
    choices = territories(access) if is_coordinator(access) else None
    data = request.GET.copy()
    if choices is not None and not data.get("territory"):
        first = choices.first()
        if first is None:
            raise Http404("Нет доступных территорий")
        data["territory"] = str(first.pk)
    if not data.get("year"):
        data["year"] = str(AcademicYear.current().start_year)
    form = form_class(data, territories=choices)
    if not form.is_valid():
        if "territory" in form.errors:
            raise Http404("Территория не найдена")
        raise BadRequest("Неверные параметры страницы")
    cleaned = form.cleaned_data
    return Choice(form, cleaned["year"], cleaned.get("territory"), cleaned.get("form"))


def _programme_rows(access: Access, choice: Choice) -> list[dict[str, Any]]:
    if choice.territory is None:
        return []
    programmes = list(district_programmes(choice.territory, choice.year, DISTRICT_PROGRAMME_KINDS))
    form_ids = [pf.pk for p in programmes for pf in p.forms.all()]
    same_org = dict(
        MatchingSettings.objects.filter(programme_form_id__in=form_ids).values_list(
            "programme_form_id", "same_organisation_only"
        )
    )
    return [
        {
            "programme": programme,
            "can_manage": access.can_manage_org(programme.organisation),
            "forms": [
                {"form": pf, "same_organisation_only": same_org.get(pf.pk, True)} for pf in programme.forms.all()
            ],
        }
        for programme in programmes
    ]


@login_required
def mentor_map(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Карта наставников доступна координаторам и руководителям организаций")
    choice = choose(request, access, MapFilterForm)
    own = None if choice.territory is not None else managed_org_ids(access)
    scope = MapScope(year=choice.year, form=choice.form, territory=choice.territory, own_org_ids=own)
    context = {
        "choice": choice,
        "filter": choice.filter,
        "map": build_map(scope, access),
        "programmes": _programme_rows(access, choice),
        "own_only": own is not None,
    }
    return render(request, "district/map.html", context)


@dataclass
class ProgrammeRow:
    programme: Programme
    row: Row
    lines: list[dict[str, Any]] = field(default_factory=list)


def _bases_url(name: str, programme: Programme, year: AcademicYear, **params: Any) -> str:
    query = {"year": year.start_year, "programme": programme.pk, **{k: v for k, v in params.items() if v}}
    return reverse(name) + "?" + urlencode(query)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """One organisation of the map: its counts per programme, with links to the filtered bases."""
    access = access_for(request.user)
    require(access.is_staff_reader, "Карта наставников доступна координаторам и руководителям организаций")
    org = Organisation.objects.filter(pk=pk).first()
    if org is None or not access.can_read_org(org):
        raise Http404("Организация не найдена")
    choice = choose(request, access, MapFilterForm)
    extra = Q(org=org.pk, programme__in=Programme.objects.visible_to(request.user))
    scope = MapScope(year=choice.year, form=choice.form)
    found = collect(
        mentor_counts(scope, extra, by="programme"), waiting_counts(scope, extra, by="programme"), "programme"
    )
    programmes = Programme.objects.filter(pk__in=list(found)).select_related("organisation").order_by("title")
    rows = [ProgrammeRow(programme, found[programme.pk]) for programme in programmes]
    finish(item.row for item in rows)
    for item in rows:
        item.lines = [
            {
                "line": line,
                "mentors_url": _bases_url(
                    "bases:mentor_list", item.programme, choice.year, admission="admitted", form=line.form_id
                ),
                "mentees_url": _bases_url(
                    "bases:mentee_list", item.programme, choice.year, status="waiting", form=line.form_id
                ),
            }
            for line in item.row.forms
        ]
    return render(request, "district/organisation.html", {"org": org, "rows": rows, "choice": choice})


@login_required
@require_POST
def cross_match(request: HttpRequest, pk: int) -> HttpResponse:
    """Run questionnaire matching of a district programme across its schools, then review it."""
    programme_form = programme_form_for_manage(request, pk)
    if not services.is_district_programme(programme_form):
        raise Http404("Это не программа района")
    try:
        run = services.run_cross_organisation(programme_form, request.user)
        messages.success(
            request,
            f"Подбор между школами выполнен: предложено пар — {run.summary['matched']}. Проверьте и подтвердите.",
        )
    except (MatchingRefused, services.DistrictError) as error:
        messages.error(request, str(error))
    return redirect("pairs:questionnaire", pk=programme_form.pk)
