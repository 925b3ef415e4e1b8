"""A school's statuses (ЦРЛП, площадка ФИП, ресурсный центр) with dates and a document, and the
partnerships in which a second-year school supports a new one (plan items and meetings).

The partnerships are shown on «Партнёрства на карте района»: this app's page reuses the district
map's filter and data (`district.mentor_map.build_map`) and adds each school's statuses and
partners; the district app knows nothing of workshops."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import access_for, get_visible_or_404, require, visible_organisations
from nastavnik.district.forms import MapFilterForm
from nastavnik.district.mentor_map import MapScope, Row, build_map
from nastavnik.district.views import choose, managed_org_ids
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind
from nastavnik.workshops import catalogue
from nastavnik.workshops.forms import posted_id
from nastavnik.workshops.forms_more import DecisionForm, PartnershipForm, PartnershipItemForm, PartnershipMeetingForm
from nastavnik.workshops.forms_more import StatusForm as SchoolStatusForm
from nastavnik.workshops.models import (
    Partnership,
    PartnershipItem,
    StatusApplication,
    StatusState,
    WorkshopSeason,
)
from nastavnik.workshops.views import _organisation

READERS_ONLY = "Статусы школы видят её руководство и координаторы"
MANAGERS_ONLY = "Статусы школы ведёт её руководство"


@login_required
def statuses(request: HttpRequest, org_pk: int) -> HttpResponse:
    org = _organisation(request, org_pk)
    access = access_for(request.user)
    require(access.can_read_org(org), READERS_ONLY)
    form = SchoolStatusForm()
    decision = DecisionForm()
    if request.method == "POST":
        require(access.can_manage_org(org), MANAGERS_ONLY)
        if request.POST.get("action") == "decide":
            decision = DecisionForm(request.POST)
            if decision.is_valid():
                data = decision.cleaned_data
                application = get_visible_or_404(
                    StatusApplication.objects.filter(organisation=org), pk=data["application"]
                )
                application.state, application.decided_on = data["state"], data["decided_on"]
                application.save(update_fields=["state", "decided_on"])
                messages.success(request, "Решение записано.")
                return redirect("workshops:statuses", org_pk=org.pk)
        else:
            form = SchoolStatusForm(request.POST, request.FILES)
            if form.is_valid():
                application = form.save(commit=False)
                application.organisation = org
                application.save()
                messages.success(request, "Заявка на статус записана.")
                return redirect("workshops:statuses", org_pk=org.pk)
    names = catalogue.names("statuses")
    rows = [(a, names.get(a.status, a.status)) for a in StatusApplication.objects.filter(organisation=org)]
    context = {
        "organisation": org,
        "rows": rows,
        "form": form,
        "decision": decision,
        "can_manage": access.can_manage_org(org),
        "partnerships": _partnerships_of(org.pk),
    }
    return render(request, "workshops/statuses.html", context)


@login_required
def status_document(request: HttpRequest, pk: int) -> FileResponse:
    qs = StatusApplication.objects.filter(organisation__in=visible_organisations(request.user)).exclude(document="")
    application = get_visible_or_404(qs.select_related("organisation"), pk=pk)
    require(access_for(request.user).can_read_org(application.organisation), READERS_ONLY)
    return FileResponse(application.document.open("rb"), as_attachment=True)


def _partnerships_of(org_id: int) -> list[Partnership]:
    qs = Partnership.objects.filter(Q(mentor_school_id=org_id) | Q(new_school_id=org_id))
    return list(qs.select_related("mentor_school", "new_school", "academic_year"))


def _visible_partnerships(request: HttpRequest) -> list[Partnership]:
    access = access_for(request.user)
    qs = Partnership.objects.select_related("mentor_school", "new_school", "academic_year")
    if not access.is_admin:
        qs = qs.filter(access.org_filter("mentor_school__") | access.org_filter("new_school__"))
    return list(qs.order_by("academic_year__start_year", "mentor_school__short_name"))


def _can_pair(request: HttpRequest) -> bool:
    access = access_for(request.user)
    return access.is_admin or bool(access.coordinated_paths)


def _second_year(school: Organisation, year: AcademicYear) -> bool:
    """A school in (at least) its second year: one of its workshops had a status in an earlier year."""
    earlier = WorkshopSeason.objects.filter(
        workshop__organisation=school, academic_year__start_year__lt=year.start_year
    )
    return earlier.exists()


@login_required
def partnerships(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Партнёрства школ видят руководство школ и координаторы")
    schools = visible_organisations(request.user).filter(kind=OrganisationKind.SCHOOL).order_by("short_name")
    if not access.is_admin:
        schools = schools.filter(access.org_filter(""))
    form = PartnershipForm(request.POST or None, schools=schools)
    if request.method == "POST":
        require(_can_pair(request), "Партнёрство школ устанавливает координатор района или области")
        year = AcademicYear.current()
        if form.is_valid() and not _second_year(form.cleaned_data["mentor_school"], year):
            form.add_error(
                "mentor_school",
                f"«{form.cleaned_data['mentor_school'].short_name}» — не школа второго года: "
                "у её мастерских нет статуса в прошлых учебных годах.",
            )
        if form.is_valid():
            try:
                with transaction.atomic():
                    pair = Partnership.objects.create(
                        mentor_school=form.cleaned_data["mentor_school"],
                        new_school=form.cleaned_data["new_school"],
                        academic_year=year,
                    )
            except IntegrityError:
                form.add_error("new_school", f"У этой школы уже есть школа-партнёр в {year.name} учебном году.")
            else:
                messages.success(request, "Партнёрство установлено.")
                return redirect("workshops:partnership", pk=pair.pk)
    context = {"rows": _visible_partnerships(request), "form": form, "can_pair": _can_pair(request)}
    return render(request, "workshops/partnerships.html", context)


@login_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pair = get_visible_or_404(Partnership.objects.filter(pk__in=[p.pk for p in _visible_partnerships(request)]), pk=pk)
    access = access_for(request.user)
    can_log = access.can_manage_org(pair.mentor_school) or access.can_manage_org(pair.new_school)
    item_form, meeting_form = PartnershipItemForm(), PartnershipMeetingForm()
    if request.method == "POST":
        require(can_log, "План и встречи партнёрства ведёт руководство двух школ")
        action = request.POST.get("action")
        if action == "done":
            item = get_visible_or_404(
                PartnershipItem.objects.filter(partnership=pair), pk=posted_id(request.POST.get("item"))
            )
            item.done = True
            item.save(update_fields=["done"])
            return redirect("workshops:partnership", pk=pair.pk)
        form = PartnershipItemForm(request.POST) if action == "item" else PartnershipMeetingForm(request.POST)
        if form.is_valid():
            record = form.save(commit=False)
            record.partnership = pair
            record.save()
            messages.success(request, "Записано.")
            return redirect("workshops:partnership", pk=pair.pk)
        item_form, meeting_form = (form, meeting_form) if action == "item" else (item_form, form)  # type: ignore[assignment]
    context = {
        "pair": pair,
        "items": pair.items.all(),
        "meetings": pair.meetings.all(),
        "can_log": can_log,
        "item_form": item_form,
        "meeting_form": meeting_form,
    }
    return render(request, "workshops/partnership.html", context)


@login_required
def partnership_map(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    require(access.is_staff_reader, "Карта доступна координаторам и руководителям организаций")
    choice = choose(request, access, MapFilterForm)
    own = None if choice.territory is not None else managed_org_ids(access)
    district_map = build_map(MapScope(year=choice.year, territory=choice.territory, own_org_ids=own), access)
    names = catalogue.names("statuses")
    granted: dict[int, list[str]] = {}
    for app in StatusApplication.objects.filter(state=StatusState.GRANTED).order_by("decided_on"):
        granted.setdefault(app.organisation_id, []).append(names.get(app.status, app.status))
    territory = choice.territory.path if choice.territory is not None else ""
    pairs = [
        p
        for p in _visible_partnerships(request)
        if p.academic_year_id == choice.year.pk and p.mentor_school.path.startswith(territory)
    ]
    schools: dict[int, tuple[str, Row | None]] = {
        row.organisation.pk: (row.label, row) for row in district_map.rows if row.organisation is not None
    }
    for p in pairs:
        for school in (p.mentor_school, p.new_school):
            schools.setdefault(school.pk, (school.short_name, None))
    rows = [
        {
            "label": label,
            "row": row,
            "statuses": granted.get(org_id, []),
            "supports": [p for p in pairs if p.mentor_school_id == org_id],
            "supported_by": [p for p in pairs if p.new_school_id == org_id],
        }
        for org_id, (label, row) in schools.items()
    ]
    context = {"choice": choice, "filter": choice.filter, "rows": rows, "pairs": pairs}
    return render(request, "workshops/partnership_map.html", context)
