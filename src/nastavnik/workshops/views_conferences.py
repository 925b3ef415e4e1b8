"""Conferences «Факторы роста» and «КРОНА Junior»: hosted by an organisation, schools apply with
talks, articles or student research, the host accepts or declines and builds the programme, and
schools name their participants. Every signed-in user sees a conference and its programme; the
applications and participants of a school are seen by those who read that school, all of them
by the host's management."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nastavnik.access.rules import Access, access_for, get_visible_or_404, require
from nastavnik.orgs.models import AcademicYear, Organisation, OrganisationKind
from nastavnik.people.models import Person
from nastavnik.workshops import catalogue
from nastavnik.workshops.forms import org_people, posted_id
from nastavnik.workshops.forms_more import ApplicationForm, ConferenceForm, ProgrammeItemForm
from nastavnik.workshops.models import (
    ApplicationStatus,
    Conference,
    ConferenceParticipant,
)

HOST_ONLY = "Заявки рассматривает и программу составляет организатор конференции"
SCHOOL_ONLY = "Заявки и участников школы записывает её руководство"


def _organisers(access: Access) -> QuerySet[Organisation]:
    if access.is_admin:
        return Organisation.objects.order_by("path")
    return Organisation.objects.filter(pk__in=access.managed_org_ids).order_by("path")


@login_required
def conferences(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    organisers = _organisers(access)
    form = ConferenceForm(request.POST or None, organisers=organisers)
    if request.method == "POST":
        require(organisers.exists(), "Конференцию объявляет руководство организации")
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    conference = Conference.objects.create(
                        organisation=data["organisation"],
                        academic_year=AcademicYear.objects.get_or_create(
                            start_year=AcademicYear.start_year_for(data["held_on"])
                        )[0],
                        code=data["code"],
                        held_on=data["held_on"],
                        applications_until=data["applications_until"],
                        place=data["place"],
                    )
            except IntegrityError:
                form.add_error("code", "Эта конференция у организатора в этом учебном году уже объявлена.")
            else:
                messages.success(request, "Конференция объявлена.")
                return redirect("workshops:conference", pk=conference.pk)
    names = catalogue.names("conferences")
    rows = [(c, names.get(c.code, c.code)) for c in Conference.objects.select_related("organisation")[:100]]
    return render(request, "workshops/conferences.html", {"rows": rows, "form": form, "can_host": organisers.exists()})


def _schools(access: Access) -> list[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.SCHOOL).order_by("short_name")
    if not access.is_admin:
        qs = qs.filter(pk__in=access.managed_org_ids)
    return list(qs)


def _post(request: HttpRequest, conference: Conference, access: Access, school: Organisation | None) -> str:
    """Handle one action of the conference page; an error message for the user, or ""."""
    action = request.POST.get("action")
    if action in {"decide", "item"}:
        require(access.can_manage_org(conference.organisation), HOST_ONLY)
        if action == "decide":
            chosen = posted_id(request.POST.get("application"))
            application = get_visible_or_404(conference.applications.all(), pk=chosen)
            status = request.POST.get("status", "")
            if status not in ApplicationStatus.values:
                return "Выберите решение по заявке."
            application.status = status
            application.save(update_fields=["status"])
            return ""
        form = ProgrammeItemForm(request.POST)
        if not form.is_valid():
            return "Укажите время и название пункта программы."
        item = form.save(commit=False)
        item.conference = conference
        item.application = conference.applications.filter(pk=posted_id(request.POST.get("application"))).first()
        item.save()
        return ""
    require(school is not None, SCHOOL_ONLY)
    assert school is not None
    if action == "participant":
        person = org_people(school).filter(pk=posted_id(request.POST.get("person"))).first()
        if person is None:
            return "Выберите участника из людей школы."
        ConferenceParticipant.objects.get_or_create(
            conference=conference, person=person, defaults={"organisation": school}
        )
        return ""
    if datetime.date.today() > conference.applications_until:
        return f"Приём заявок закончился {conference.applications_until:%d.%m.%Y}."
    apply_form = ApplicationForm(request.POST, organisation=school)
    if not apply_form.is_valid():
        return "Заявка не принята: " + "; ".join(str(e) for errors in apply_form.errors.values() for e in errors)
    application = apply_form.save(commit=False)
    application.conference, application.organisation = conference, school
    application.submitted_on = datetime.date.today()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        return "Такая заявка этого участника уже подана."
    return ""


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_visible_or_404(Conference.objects.select_related("organisation", "academic_year"), pk=pk)
    access = access_for(request.user)
    schools = _schools(access)
    school = next((s for s in schools if str(s.pk) == request.POST.get("school", "")), schools[0] if schools else None)
    if request.method == "POST":
        error = _post(request, conference, access, school)
        if error:
            messages.error(request, error)
        else:
            messages.success(request, "Сохранено.")
        return redirect("workshops:conference", pk=conference.pk)
    is_host = access.can_manage_org(conference.organisation)
    applications = conference.applications.select_related("organisation", "person")
    participants = conference.participants.select_related("organisation", "person")
    if not is_host and not access.is_admin:
        applications = applications.filter(access.org_filter("organisation__"))
        participants = participants.filter(access.org_filter("organisation__"))
    context = {
        "conference": conference,
        "name": catalogue.names("conferences").get(conference.code, conference.code),
        "items": conference.items.select_related("application__person"),
        "applications": applications,
        "participants": participants,
        "is_host": is_host,
        "school": school,
        "application_form": ApplicationForm(organisation=school),
        "item_form": ProgrammeItemForm(),
        "people": org_people(school) if school else Person.objects.none(),
        "statuses": ApplicationStatus.choices,
    }
    return render(request, "workshops/conference.html", context)
